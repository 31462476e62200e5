package dev.sluice.io.kafka;

import com.google.auto.value.AutoValue;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchedCoder;
import dev.sluice.io.stream.SourceLog;
import dev.sluice.io.stream.StatusKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Spark's Kafka source ({@code spark.readStream.format("kafka")}) as a Beam transform: records of
 * Kafka topics as micro-batches of rows {@code key BINARY, value BINARY, topic STRING, partition
 * INT, offset BIGINT, timestamp TIMESTAMP, timestampType INT} (+ {@code headers} with {@code
 * includeHeaders}), see {@link KafkaSchemas}.
 *
 * <p>Options, with Spark's names (case-insensitive; {@code kafka.*} go to the consumer):
 *
 * <ul>
 *   <li>{@code kafka.bootstrap.servers} (required) and exactly one of {@code subscribe} (topics,
 *       comma-separated), {@code subscribePattern} (a Java regex) or {@code assign} (JSON {@code
 *       {"topicA":[0,1]}}).
 *   <li>{@code startingOffsets}: {@code latest} (default), {@code earliest}, or JSON {@code
 *       {"topic":{"0":23,"1":-2}}} (-2 earliest, -1 latest) naming every partition read. Applies at
 *       the query's first poll; partitions found later start at their earliest offset.
 *   <li>{@code endingOffsets} (bounded triggers only): {@code latest} (default) or JSON; where
 *       {@link BatchTrigger#availableNow()} / {@link BatchTrigger#once()} stop.
 *   <li>{@code maxOffsetsPerTrigger} (no limit), {@code minOffsetsPerTrigger} (0) with {@code
 *       maxTriggerDelay} (15m): a processing-time trigger waits for the minimum until the delay
 *       passes. {@code once()} ignores the maximum, as in Spark.
 *   <li>{@code failOnDataLoss} (true): offsets deleted before they were read or a deleted topic
 *       fail the pipeline with a message naming the partition and offsets; false: a warning and the
 *       gap counted ({@code lostOffsets} in the reader's checkpoint).
 *   <li>{@code includeHeaders} (false); {@code kafkaConsumer.pollTimeoutMs} (120000: longest wait
 *       for records known to exist); {@code fetchOffset.numRetries} (3), {@code
 *       fetchOffset.retryIntervalMs} (10); {@code kafka.default.api.timeout.ms} (60000: longest
 *       wait for one metadata or offset request, so an unreachable broker fails with a clear
 *       error).
 * </ul>
 *
 * <p>Unknown options, and {@code kafka.auto.offset.reset}, {@code kafka.enable.auto.commit}, the
 * deserializers and interceptors, are refused with what to do instead. Progress: description {@code
 * KafkaV2[Subscribe[events]]}; each {@link dev.sluice.io.stream.BatchEnd}'s start and end offsets
 * are Spark's JSON {@code {"events":{"0":23}}}. The planned range of every partition is in the
 * reader's checkpoint before the batch's first record, so a reader re-created from any checkpoint
 * continues exactly.
 *
 * <pre>{@code
 * PCollection<Batched<Row>> records = p.apply(
 *     KafkaSource.read()
 *         .withBootstrapServers("localhost:9092")
 *         .withSubscribe("events")
 *         .withStartingOffsets("earliest")
 *         .withMaxOffsetsPerTrigger(1000)
 *         .withTrigger(BatchTrigger.availableNow()));
 * }</pre>
 */
@AutoValue
public abstract class KafkaSource extends PTransform<PBegin, PCollection<Batched<Row>>> {
  private static final long serialVersionUID = 1L;

  /** The options set, in the order set. */
  public abstract Map<String, String> options();

  /** When batches are closed; default {@code processingTime(0)}, Spark's default trigger. */
  public abstract BatchTrigger trigger();

  @Nullable
  abstract StatusKey statusKey();

  @Nullable
  abstract SourceLog log();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setOptions(Map<String, String> options);

    abstract Builder setTrigger(BatchTrigger trigger);

    abstract Builder setStatusKey(@Nullable StatusKey key);

    abstract Builder setLog(@Nullable SourceLog log);

    abstract KafkaSource build();
  }

  /** A source with no options yet: set the servers and one of subscribe / pattern / assign. */
  public static KafkaSource read() {
    return new AutoValue_KafkaSource.Builder()
        .setOptions(Collections.emptyMap())
        .setTrigger(BatchTrigger.processingTime(0))
        .build();
  }

  /** Spark's {@code kafka.bootstrap.servers}. */
  public KafkaSource withBootstrapServers(String servers) {
    return withOption("kafka.bootstrap.servers", servers);
  }

  /** Spark's {@code subscribe}: the topics read. */
  public KafkaSource withSubscribe(String... topics) {
    return withOption("subscribe", String.join(",", topics));
  }

  /** Spark's {@code subscribePattern}: every topic matching a Java regex, now and later. */
  public KafkaSource withSubscribePattern(String regex) {
    return withOption("subscribePattern", regex);
  }

  /** Spark's {@code assign}: fixed partitions as JSON, e.g. {@code {"events":[0,1]}}. */
  public KafkaSource withAssign(String json) {
    return withOption("assign", json);
  }

  /** Spark's {@code startingOffsets}: {@code earliest}, {@code latest} or per-partition JSON. */
  public KafkaSource withStartingOffsets(String offsets) {
    return withOption("startingOffsets", offsets);
  }

  /** Spark's {@code endingOffsets} (bounded triggers): {@code latest} or per-partition JSON. */
  public KafkaSource withEndingOffsets(String offsets) {
    return withOption("endingOffsets", offsets);
  }

  /** Spark's {@code maxOffsetsPerTrigger}. */
  public KafkaSource withMaxOffsetsPerTrigger(long max) {
    return withOption("maxOffsetsPerTrigger", Long.toString(max));
  }

  /** Spark's {@code minOffsetsPerTrigger}. */
  public KafkaSource withMinOffsetsPerTrigger(long min) {
    return withOption("minOffsetsPerTrigger", Long.toString(min));
  }

  /** Spark's {@code maxTriggerDelay}, e.g. {@code "30s"}. */
  public KafkaSource withMaxTriggerDelay(String delay) {
    return withOption("maxTriggerDelay", delay);
  }

  /** Spark's {@code failOnDataLoss}. */
  public KafkaSource withFailOnDataLoss(boolean fail) {
    return withOption("failOnDataLoss", Boolean.toString(fail));
  }

  /** Spark's {@code includeHeaders}. */
  public KafkaSource withIncludeHeaders(boolean include) {
    return withOption("includeHeaders", Boolean.toString(include));
  }

  /**
   * A consumer property, e.g. {@code ("isolation.level", "read_committed")}: {@code kafka.<name>}.
   */
  public KafkaSource withConsumerProperty(String name, String value) {
    return withOption("kafka." + name, value);
  }

  /**
   * A copy with one option set (Spark's name).
   *
   * @throws IllegalArgumentException if the source has no such option
   */
  public KafkaSource withOption(String name, String value) {
    if (name == null || value == null) {
      throw new IllegalArgumentException("Kafka source option name and value must not be null");
    }
    KafkaSourceOptions.checkName(name);
    Map<String, String> options = new LinkedHashMap<>(options());
    options.put(name, value);
    return toBuilder().setOptions(Collections.unmodifiableMap(options)).build();
  }

  /** A copy with all of {@code options} set. */
  public KafkaSource withOptions(Map<String, String> options) {
    KafkaSource result = this;
    for (Map.Entry<String, String> e : options.entrySet()) {
      result = result.withOption(e.getKey(), e.getValue());
    }
    return result;
  }

  /** A copy with the given trigger. */
  public KafkaSource withTrigger(BatchTrigger trigger) {
    if (trigger == null) {
      throw new IllegalArgumentException(
          "withTrigger needs a trigger, e.g. BatchTrigger.processingTime(1000)");
    }
    return toBuilder().setTrigger(trigger).build();
  }

  /** A copy that reports its {@link dev.sluice.io.stream.SourceStatus} under {@code key}. */
  public KafkaSource withStatusKey(StatusKey key) {
    return toBuilder().setStatusKey(key).build();
  }

  /**
   * A copy that records its batches in {@code log} and starts from its resume point (a query with a
   * checkpoint location); null: no log.
   */
  public KafkaSource withLog(@Nullable SourceLog log) {
    return toBuilder().setLog(log).build();
  }

  /** The rows' schema for the options set ({@code headers} with {@code includeHeaders}). */
  public Schema schema() {
    return KafkaSchemas.schema(parseOptions().includeHeaders);
  }

  /**
   * Checks the options now (they are checked when the pipeline is built in any case).
   *
   * @throws IllegalArgumentException naming the first bad option and how to fix it
   */
  public KafkaSource validate() {
    parseOptions();
    return this;
  }

  @Override
  public PCollection<Batched<Row>> expand(PBegin input) {
    KafkaUnboundedSource source = unboundedSource();
    return input
        .apply("ReadKafka", Read.from(source))
        .setCoder(
            BatchedCoder.of(RowCoder.of(KafkaSchemas.schema(source.options().includeHeaders))));
  }

  KafkaUnboundedSource unboundedSource() {
    return new KafkaUnboundedSource(parseOptions(), trigger(), statusKey(), log());
  }

  private KafkaSourceOptions parseOptions() {
    return KafkaSourceOptions.parse(options(), trigger());
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    options().forEach((k, v) -> builder.add(DisplayData.item(k, v)));
  }
}
