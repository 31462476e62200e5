package dev.sluice.io.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Offsets per topic partition in Spark's JSON form, as its Kafka source takes them in {@code
 * startingOffsets} / {@code endingOffsets} and shows them in progress: {@code
 * {"topicA":{"0":23,"1":-1},"topicB":{"0":-2}}}, where {@code -2} means earliest and {@code -1}
 * latest. {@code assign} uses the same form with lists: {@code {"topicA":[0,1]}}.
 *
 * <pre>{@code
 * Map<TopicPartition, Long> start = PartitionOffsets.parse("{\"events\":{\"0\":5}}", "startingOffsets");
 * String json = PartitionOffsets.format(start);   // {"events":{"0":5}}
 * }</pre>
 */
public final class PartitionOffsets {
  /** Spark's marker for "the earliest offset" in offset JSON. */
  public static final long EARLIEST = -2;

  /** Spark's marker for "the latest offset" in offset JSON. */
  public static final long LATEST = -1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private PartitionOffsets() {}

  /**
   * Parses {@code {"topic":{"partition":offset,...},...}}.
   *
   * @param option the option's name, for the error message
   * @throws IllegalArgumentException if {@code json} is not of that form
   */
  public static Map<TopicPartition, Long> parse(String json, String option) {
    JsonNode root = read(json, option, "{\"topicA\":{\"0\":23,\"1\":-1},\"topicB\":{\"0\":-2}}");
    Map<TopicPartition, Long> out = new TreeMap<>(ORDER);
    for (Iterator<Map.Entry<String, JsonNode>> topics = root.fields(); topics.hasNext(); ) {
      Map.Entry<String, JsonNode> topic = topics.next();
      if (!topic.getValue().isObject()) {
        throw invalid(json, option, "{\"topicA\":{\"0\":23,\"1\":-1}}");
      }
      for (Iterator<Map.Entry<String, JsonNode>> parts = topic.getValue().fields();
          parts.hasNext(); ) {
        Map.Entry<String, JsonNode> part = parts.next();
        int partition;
        try {
          partition = Integer.parseInt(part.getKey());
        } catch (NumberFormatException e) {
          throw invalid(json, option, "{\"topicA\":{\"0\":23,\"1\":-1}}");
        }
        if (!part.getValue().canConvertToLong() || !part.getValue().isIntegralNumber()) {
          throw invalid(json, option, "{\"topicA\":{\"0\":23,\"1\":-1}}");
        }
        out.put(new TopicPartition(topic.getKey(), partition), part.getValue().asLong());
      }
    }
    return out;
  }

  /**
   * Parses Spark's {@code assign} value {@code {"topicA":[0,1],"topicB":[2,4]}}.
   *
   * @throws IllegalArgumentException if {@code json} is not of that form or lists no partition
   */
  public static List<TopicPartition> parseAssign(String json) {
    String example = "{\"topicA\":[0,1],\"topicB\":[2,4]}";
    JsonNode root = read(json, "assign", example);
    TreeSet<TopicPartition> out = new TreeSet<>(ORDER);
    for (Iterator<Map.Entry<String, JsonNode>> topics = root.fields(); topics.hasNext(); ) {
      Map.Entry<String, JsonNode> topic = topics.next();
      if (!topic.getValue().isArray()) {
        throw invalid(json, "assign", example);
      }
      for (JsonNode p : topic.getValue()) {
        if (!p.isInt()) {
          throw invalid(json, "assign", example);
        }
        out.add(new TopicPartition(topic.getKey(), p.asInt()));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "Option assign lists no partition: '" + json + "'; write it as " + example);
    }
    return new ArrayList<>(out);
  }

  /** The offsets as Spark's JSON, topics and partitions in order. */
  public static String format(Map<TopicPartition, Long> offsets) {
    ObjectNode root = JSON.createObjectNode();
    Map<TopicPartition, Long> sorted = new TreeMap<>(ORDER);
    sorted.putAll(offsets);
    for (Map.Entry<TopicPartition, Long> e : sorted.entrySet()) {
      ObjectNode topic = (ObjectNode) root.get(e.getKey().topic());
      if (topic == null) {
        topic = root.putObject(e.getKey().topic());
      }
      topic.put(Integer.toString(e.getKey().partition()), e.getValue());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write offsets " + offsets, e);
    }
  }

  /** Topic partitions ordered by topic, then partition (serializable, for checkpointed maps). */
  public static final Comparator<TopicPartition> ORDER = ByTopicThenPartition.INSTANCE;

  /** Topic partitions ordered by topic, then partition. */
  public static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }

  private enum ByTopicThenPartition implements Comparator<TopicPartition> {
    INSTANCE;

    @Override
    public int compare(TopicPartition a, TopicPartition b) {
      return PartitionOffsets.compare(a, b);
    }
  }

  private static JsonNode read(String json, String option, String example) {
    JsonNode root;
    try {
      root = json == null ? null : JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalid(json, option, example);
    }
    if (root == null || !root.isObject()) {
      throw invalid(json, option, example);
    }
    return root;
  }

  private static IllegalArgumentException invalid(String json, String option, String example) {
    return new IllegalArgumentException(
        "Option "
            + option
            + " is not valid JSON of partitions: '"
            + json
            + "'; write it as "
            + example);
  }
}
