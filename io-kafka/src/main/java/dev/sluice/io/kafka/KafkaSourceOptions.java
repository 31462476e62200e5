package dev.sluice.io.kafka;

import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.time.DurationText;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.annotation.Nullable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The options of {@link KafkaSource}, checked and typed: Spark's names, case-insensitive (except
 * what follows {@code kafka.}), every error naming the option and how to fix it.
 *
 * <pre>{@code
 * KafkaSourceOptions o = KafkaSourceOptions.parse(Map.of(
 *     "kafka.bootstrap.servers", "localhost:9092", "subscribe", "events"), BatchTrigger.once());
 * }</pre>
 */
final class KafkaSourceOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Spark's default {@code kafkaConsumer.pollTimeoutMs} (its {@code spark.network.timeout}). */
  static final long DEFAULT_POLL_TIMEOUT_MS = 120_000;

  /** Spark's default {@code maxTriggerDelay}. */
  static final long DEFAULT_MAX_TRIGGER_DELAY_MS = 15 * 60_000;

  /** Spark's default {@code fetchOffset.numRetries}. */
  static final int DEFAULT_FETCH_OFFSET_RETRIES = 3;

  /** Spark's default {@code fetchOffset.retryIntervalMs}. */
  static final long DEFAULT_FETCH_OFFSET_RETRY_INTERVAL_MS = 10;

  /**
   * Sluice's timeout of one metadata or offset request (Kafka's {@code default.api.timeout.ms}).
   */
  static final long DEFAULT_API_TIMEOUT_MS = 60_000;

  /** Sluice's default {@code kafka.fetch.max.wait.ms} (Kafka's: 500). */
  static final long DEFAULT_FETCH_MAX_WAIT_MS = 10;

  private static final List<String> KNOWN_NAMES =
      List.of(
          "subscribe",
          "subscribePattern",
          "assign",
          "startingOffsets",
          "endingOffsets",
          "maxOffsetsPerTrigger",
          "minOffsetsPerTrigger",
          "maxTriggerDelay",
          "failOnDataLoss",
          "includeHeaders",
          "kafkaConsumer.pollTimeoutMs",
          "fetchOffset.numRetries",
          "fetchOffset.retryIntervalMs",
          "groupIdPrefix");

  private static final Set<String> KNOWN = lower(KNOWN_NAMES);

  private static final Map<String, String> UNSUPPORTED_SPARK =
      Map.of(
          "startingoffsetsbytimestamp", "give offsets in startingOffsets instead",
          "startingtimestamp", "give offsets in startingOffsets instead",
          "endingoffsetsbytimestamp", "give offsets in endingOffsets instead",
          "endingtimestamp", "give offsets in endingOffsets instead",
          "startingoffsetsbytimestampstrategy", "give offsets in startingOffsets instead",
          "minpartitions", "Sluice reads each batch with one consumer; remove the option",
          "maxrecordsperpartition", "Sluice reads each batch with one consumer; remove it");

  private static final Map<String, String> REFUSED_KAFKA =
      Map.of(
          "auto.offset.reset", "set the source option startingOffsets instead",
          "key.deserializer", "keys are always read as bytes; cast the key column instead",
          "value.deserializer", "values are always read as bytes; cast the value column instead",
          "enable.auto.commit", "the source keeps its offsets in its checkpoint, not in Kafka",
          "interceptor.classes", "interceptors would see raw bytes only; remove the option");

  enum Strategy {
    SUBSCRIBE,
    SUBSCRIBE_PATTERN,
    ASSIGN
  }

  final String bootstrapServers;
  final Strategy strategy;

  /** For SUBSCRIBE: the topics; for SUBSCRIBE_PATTERN: the regex; for ASSIGN: the JSON. */
  final String strategyValue;

  @Nullable final List<String> topics;
  @Nullable final List<TopicPartition> assigned;
  final String startingOffsets;
  @Nullable final Map<TopicPartition, Long> startingJson;
  final String endingOffsets;
  @Nullable final Map<TopicPartition, Long> endingJson;
  final long maxOffsetsPerTrigger;
  final long minOffsetsPerTrigger;
  final long maxTriggerDelayMillis;
  final boolean failOnDataLoss;
  final boolean includeHeaders;
  final long pollTimeoutMillis;
  final int fetchOffsetRetries;
  final long fetchOffsetRetryIntervalMillis;
  final long apiTimeoutMillis;
  final Map<String, String> consumerProperties;

  private KafkaSourceOptions(Map<String, String> given, BatchTrigger trigger) {
    Map<String, String> o = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Map<String, String> kafka = new TreeMap<>();
    for (Map.Entry<String, String> e : given.entrySet()) {
      checkName(e.getKey());
      if (e.getKey().toLowerCase(Locale.ROOT).startsWith("kafka.")) {
        kafka.put(e.getKey().substring("kafka.".length()), e.getValue());
      } else {
        o.put(e.getKey(), e.getValue());
      }
    }
    this.bootstrapServers = kafka.get("bootstrap.servers");
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "Option 'kafka.bootstrap.servers' must be specified for the Kafka source, e.g."
              + " withBootstrapServers(\"localhost:9092\")");
    }
    List<String> strategies = new java.util.ArrayList<>();
    for (String s : List.of("subscribe", "subscribePattern", "assign")) {
      if (o.containsKey(s)) {
        strategies.add(s);
      }
    }
    if (strategies.size() != 1) {
      throw new IllegalArgumentException(
          (strategies.isEmpty()
                  ? "No topics to read: "
                  : "Several ways to choose topics " + strategies + ": ")
              + "set exactly one of the options 'subscribe' (topics, comma-separated),"
              + " 'subscribePattern' (a Java regex) or 'assign' (JSON {\"topic\":[0,1]})");
    }
    String chosen = strategies.get(0);
    this.strategyValue = o.get(chosen);
    if (chosen.equals("subscribe")) {
      strategy = Strategy.SUBSCRIBE;
      topics = new java.util.ArrayList<>();
      for (String t : strategyValue.split(",")) {
        if (!t.isBlank()) {
          topics.add(t.trim());
        }
      }
      if (topics.isEmpty()) {
        throw new IllegalArgumentException(
            "Option subscribe names no topic: '" + strategyValue + "'; e.g. \"topicA,topicB\"");
      }
      assigned = null;
    } else if (chosen.equals("subscribePattern")) {
      strategy = Strategy.SUBSCRIBE_PATTERN;
      try {
        Pattern.compile(strategyValue);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "Option subscribePattern is not a valid Java regex: '" + strategyValue + "'", e);
      }
      topics = null;
      assigned = null;
    } else {
      strategy = Strategy.ASSIGN;
      topics = null;
      assigned = PartitionOffsets.parseAssign(strategyValue);
    }

    this.startingOffsets = o.getOrDefault("startingOffsets", "latest").trim();
    this.startingJson = offsetSpec(startingOffsets, "startingOffsets");
    if (startingJson != null) {
      checkSpecifiedPartitions(startingJson, "startingOffsets");
    }
    this.endingOffsets = o.getOrDefault("endingOffsets", "latest").trim();
    if (o.containsKey("endingOffsets") && !trigger.isBounded()) {
      throw new IllegalArgumentException(
          "Option endingOffsets needs a bounded trigger (BatchTrigger.availableNow() or once());"
              + " a processing-time trigger reads until the query stops");
    }
    if (endingOffsets.equalsIgnoreCase("earliest")) {
      throw new IllegalArgumentException(
          "Option endingOffsets cannot be 'earliest'; use 'latest' or per-partition JSON");
    }
    this.endingJson = offsetSpec(endingOffsets, "endingOffsets");
    if (endingJson != null) {
      checkSpecifiedPartitions(endingJson, "endingOffsets");
      for (Map.Entry<TopicPartition, Long> e : endingJson.entrySet()) {
        if (e.getValue() == PartitionOffsets.EARLIEST) {
          throw new IllegalArgumentException(
              "Option endingOffsets cannot use -2 (earliest) for " + e.getKey());
        }
      }
    }
    this.maxOffsetsPerTrigger = positive(o, "maxOffsetsPerTrigger", Long.MAX_VALUE);
    this.minOffsetsPerTrigger = positive(o, "minOffsetsPerTrigger", 0);
    if (minOffsetsPerTrigger > maxOffsetsPerTrigger) {
      throw new IllegalArgumentException(
          "Option minOffsetsPerTrigger ("
              + minOffsetsPerTrigger
              + ") cannot exceed maxOffsetsPerTrigger ("
              + maxOffsetsPerTrigger
              + ")");
    }
    if (o.containsKey("maxTriggerDelay") && !o.containsKey("minOffsetsPerTrigger")) {
      throw new IllegalArgumentException(
          "Option maxTriggerDelay only applies with minOffsetsPerTrigger; set both or neither");
    }
    this.maxTriggerDelayMillis =
        o.containsKey("maxTriggerDelay")
            ? DurationText.parseOptionMillis(
                o.get("maxTriggerDelay"), "maxTriggerDelay", TimeUnit.MILLISECONDS)
            : DEFAULT_MAX_TRIGGER_DELAY_MS;
    this.failOnDataLoss = bool(o, "failOnDataLoss", true);
    this.includeHeaders = bool(o, "includeHeaders", false);
    this.pollTimeoutMillis = positive(o, "kafkaConsumer.pollTimeoutMs", DEFAULT_POLL_TIMEOUT_MS);
    this.fetchOffsetRetries =
        (int) nonNegative(o, "fetchOffset.numRetries", DEFAULT_FETCH_OFFSET_RETRIES);
    this.fetchOffsetRetryIntervalMillis =
        nonNegative(o, "fetchOffset.retryIntervalMs", DEFAULT_FETCH_OFFSET_RETRY_INTERVAL_MS);
    this.apiTimeoutMillis =
        kafka.containsKey("default.api.timeout.ms")
            ? number(kafka.get("default.api.timeout.ms"), "kafka.default.api.timeout.ms")
            : DEFAULT_API_TIMEOUT_MS;
    this.consumerProperties = kafka;
  }

  /**
   * Checks and types {@code options} for a source with {@code trigger}.
   *
   * @throws IllegalArgumentException naming the first bad option and how to fix it
   */
  static KafkaSourceOptions parse(Map<String, String> options, BatchTrigger trigger) {
    return new KafkaSourceOptions(options, trigger);
  }

  /** Throws if {@code name} is not an option of the Kafka source. */
  static void checkName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("kafka.")) {
      String why = REFUSED_KAFKA.get(lower.substring("kafka.".length()));
      if (why != null) {
        throw new IllegalArgumentException(
            "Kafka option '"
                + name.substring(6)
                + "' is not supported by the Kafka source: "
                + why);
      }
      return;
    }
    if (UNSUPPORTED_SPARK.containsKey(lower)) {
      throw new IllegalArgumentException(
          "Option "
              + name
              + " is not supported by Sluice's Kafka source: "
              + UNSUPPORTED_SPARK.get(lower));
    }
    if (!KNOWN.contains(lower)) {
      throw new IllegalArgumentException(
          "Unknown option '"
              + name
              + "' for the Kafka source; known options: kafka.* (passed to the consumer), "
              + String.join(", ", new TreeSet<>(KNOWN_NAMES)));
    }
  }

  /** The consumer's configuration: the {@code kafka.*} options and what the source needs. */
  Map<String, Object> consumerConfig() {
    Map<String, Object> c = new HashMap<>(consumerProperties);
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    c.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(apiTimeoutMillis));
    // The source only fetches ranges it knows exist, so the broker has data for every fetch but
    // the one the consumer pipelines past a range's end; Kafka's 500 ms default would make each
    // batch wait for that one.
    c.putIfAbsent(
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Long.toString(DEFAULT_FETCH_MAX_WAIT_MS));
    c.putIfAbsent(
        ConsumerConfig.CLIENT_ID_CONFIG, "sluice-kafka-source-" + java.util.UUID.randomUUID());
    return c;
  }

  /** Spark's description of the subscription, e.g. {@code Subscribe[events]}. */
  String strategyDescription() {
    switch (strategy) {
      case SUBSCRIBE:
        return "Subscribe[" + String.join(",", topics) + "]";
      case SUBSCRIBE_PATTERN:
        return "SubscribePattern[" + strategyValue + "]";
      default:
        StringBuilder b = new StringBuilder("Assign[");
        for (int i = 0; i < assigned.size(); i++) {
          b.append(i == 0 ? "" : ", ").append(assigned.get(i));
        }
        return b.append("]").toString();
    }
  }

  /** True if {@code topic} is one the source reads. */
  boolean matches(String topic) {
    switch (strategy) {
      case SUBSCRIBE:
        return topics.contains(topic);
      case SUBSCRIBE_PATTERN:
        return Pattern.compile(strategyValue).matcher(topic).matches();
      default:
        return assigned.stream().anyMatch(tp -> tp.topic().equals(topic));
    }
  }

  @Nullable
  private static Map<TopicPartition, Long> offsetSpec(String value, String option) {
    if (value.equalsIgnoreCase("earliest") || value.equalsIgnoreCase("latest")) {
      return null;
    }
    if (!value.startsWith("{")) {
      throw new IllegalArgumentException(
          "Option "
              + option
              + " must be 'earliest', 'latest' or per-partition JSON like {\"topic\":{\"0\":23}},"
              + " but is '"
              + value
              + "'");
    }
    Map<TopicPartition, Long> offsets = PartitionOffsets.parse(value, option);
    for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
      if (e.getValue() < PartitionOffsets.EARLIEST) {
        throw new IllegalArgumentException(
            "Option "
                + option
                + " has offset "
                + e.getValue()
                + " for "
                + e.getKey()
                + "; offsets are >= 0, or -2 (earliest) / -1 (latest)");
      }
    }
    return offsets;
  }

  private void checkSpecifiedPartitions(Map<TopicPartition, Long> offsets, String option) {
    for (TopicPartition tp : offsets.keySet()) {
      boolean ok = strategy == Strategy.ASSIGN ? assigned.contains(tp) : matches(tp.topic());
      if (!ok) {
        throw new IllegalArgumentException(
            "Option "
                + option
                + " names "
                + tp
                + ", which the source does not read ("
                + strategyDescription()
                + ")");
      }
    }
    if (strategy == Strategy.ASSIGN && !offsets.keySet().containsAll(assigned)) {
      List<TopicPartition> missing = new java.util.ArrayList<>(assigned);
      missing.removeAll(offsets.keySet());
      throw new IllegalArgumentException(
          "Option "
              + option
              + " must give an offset for every assigned partition; missing "
              + missing);
    }
  }

  private static boolean bool(Map<String, String> o, String name, boolean dflt) {
    String v = o.get(name);
    if (v == null) {
      return dflt;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(
            "Option " + name + " must be true or false, but is '" + v + "'");
    }
  }

  private static long positive(Map<String, String> o, String name, long dflt) {
    if (!o.containsKey(name)) {
      return dflt;
    }
    long v = number(o.get(name), name);
    if (v <= 0) {
      throw new IllegalArgumentException("Option " + name + " must be positive, but is " + v);
    }
    return v;
  }

  private static long nonNegative(Map<String, String> o, String name, long dflt) {
    if (!o.containsKey(name)) {
      return dflt;
    }
    long v = number(o.get(name), name);
    if (v < 0) {
      throw new IllegalArgumentException("Option " + name + " cannot be negative, but is " + v);
    }
    return v;
  }

  private static long number(String text, String name) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Option " + name + " must be a whole number, but is '" + text + "'");
    }
  }

  private static Set<String> lower(List<String> names) {
    Set<String> out = new java.util.HashSet<>();
    for (String n : names) {
      out.add(n.toLowerCase(Locale.ROOT));
    }
    return Set.copyOf(out);
  }
}
