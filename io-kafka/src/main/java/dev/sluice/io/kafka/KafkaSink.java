package dev.sluice.io.kafka;

import com.google.auto.value.AutoValue;
import dev.sluice.io.sink.BatchSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's Kafka sink ({@code writeStream.format("kafka")}) as a {@link BatchSink}: each row of a
 * batch becomes one Kafka record.
 *
 * <p>Columns, as in Spark: {@code value} (required, STRING or BINARY; null writes a tombstone),
 * {@code key} (optional, STRING or BINARY), {@code topic} (STRING; the {@code topic} option, when
 * set, overrides it), {@code partition} (optional INT), {@code headers} (optional {@code
 * ARRAY<STRUCT<key: STRING, value: BINARY>>}). Options: {@code kafka.bootstrap.servers} (required),
 * {@code topic}, {@code kafka.*} (passed to the producer; serializers are fixed).
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li>Default, as Spark: at least once. {@link #addBatch} returns when every record is
 *       acknowledged (producer {@code acks=all} unless set otherwise) and throws if one failed; a
 *       batch id this sink instance already wrote is skipped, but a batch replayed after a restart
 *       is written again.
 *   <li>{@link #withTransactional(String) transactional} (beyond Spark): each batch is written in
 *       one Kafka transaction, so consumers with {@code isolation.level=read_committed} see all of
 *       a batch or nothing. The producer's {@code transactional.id} is {@code sluice-<sinkId>}, so
 *       a restarted sink fences the old producer (its open transaction is aborted). The last
 *       committed batch id is committed <em>inside the same transaction</em> as the offset of
 *       partition 0 of the written topics in the consumer group {@code sluice-sink-<sinkId>}; a
 *       restarted sink reads it back (stable offsets only) and skips every batch id up to it. So
 *       each batch is committed exactly once, even when the query replays it: exactly-once for
 *       {@code read_committed} consumers. The sink id must be stable across restarts of one query
 *       and unique among queries.
 * </ul>
 *
 * <p>Timeouts: {@code kafka.delivery.timeout.ms} (Kafka's default, 120000) bounds one record;
 * {@code kafka.max.block.ms} (60000) bounds waiting for metadata, so an unreachable broker fails
 * the batch with an error naming the servers; the transactional sink waits at most {@code
 * kafka.default.api.timeout.ms} (60000) to read its last committed batch.
 *
 * <pre>{@code
 * BatchSink sink = KafkaSink.to("localhost:9092").withTopic("counts").withTransactional("counts-query");
 * sink.addBatch(0, schema, rows);   // rows with a "value" column (and optionally "key")
 * }</pre>
 */
@AutoValue
public abstract class KafkaSink implements BatchSink, AutoCloseable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

  /** Producer properties that the sink sets itself and refuses from {@code kafka.*}. */
  private static final Map<String, String> REFUSED =
      Map.of(
          "key.serializer", "keys are written as bytes; give a STRING or BINARY key column",
          "value.serializer", "values are written as bytes; give a STRING or BINARY value column",
          "transactional.id", "use withTransactional(sinkId); the id is derived from it",
          "enable.idempotence", "the sink sets it (idempotent producer)");

  /** The options set ({@code kafka.bootstrap.servers}, {@code topic}, {@code kafka.*}). */
  public abstract Map<String, String> options();

  /** The sink id of the transactional mode, or null for at-least-once. */
  @Nullable
  public abstract String transactionalId();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setOptions(Map<String, String> options);

    abstract Builder setTransactionalId(@Nullable String id);

    abstract KafkaSink build();
  }

  // the producer of this instance and the last batch it wrote: not part of the value
  private transient KafkaProducer<byte[], byte[]> producer;
  @Nullable private transient Long lastBatchId; // null: none written (nor recovered) yet
  private transient boolean recovered;

  /** A sink writing to the brokers at {@code bootstrapServers}. */
  public static KafkaSink to(String bootstrapServers) {
    return create(Map.of("kafka.bootstrap.servers", bootstrapServers));
  }

  /**
   * A sink from Spark's options: {@code kafka.bootstrap.servers}, {@code topic}, {@code kafka.*}.
   *
   * @throws IllegalArgumentException for an unknown option or a missing server list
   */
  public static KafkaSink create(Map<String, String> options) {
    KafkaSink sink = new AutoValue_KafkaSink.Builder().setOptions(Collections.emptyMap()).build();
    for (Map.Entry<String, String> e : options.entrySet()) {
      sink = sink.withOption(e.getKey(), e.getValue());
    }
    if (sink.bootstrapServers() == null) {
      throw new IllegalArgumentException(
          "Option 'kafka.bootstrap.servers' must be specified for the Kafka sink");
    }
    return sink;
  }

  /** Spark's {@code topic} option: every record goes to it (overrides a {@code topic} column). */
  public KafkaSink withTopic(String topic) {
    return withOption("topic", topic);
  }

  /** A producer property, e.g. {@code ("compression.type", "lz4")}: {@code kafka.<name>}. */
  public KafkaSink withProducerProperty(String name, String value) {
    return withOption("kafka." + name, value);
  }

  /**
   * A copy with one option set: {@code topic}, {@code kafka.bootstrap.servers} or {@code kafka.*}.
   */
  public KafkaSink withOption(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("kafka.")) {
      String why = REFUSED.get(lower.substring(6));
      if (why != null) {
        throw new IllegalArgumentException(
            "Kafka option '" + name.substring(6) + "' is not supported by the Kafka sink: " + why);
      }
    } else if (!lower.equals("topic")) {
      throw new IllegalArgumentException(
          "Unknown option '"
              + name
              + "' for the Kafka sink; known options: kafka.bootstrap.servers, topic, kafka.*"
              + " (passed to the producer)");
    }
    Map<String, String> options = new LinkedHashMap<>(options());
    options.put(lower.equals("topic") ? "topic" : name, value);
    return toBuilder().setOptions(Collections.unmodifiableMap(options)).build();
  }

  /**
   * A copy writing each batch in one Kafka transaction, with {@code transactional.id} {@code
   * sluice-<sinkId>}: exactly-once for {@code read_committed} consumers (see the class doc).
   */
  public KafkaSink withTransactional(String sinkId) {
    if (sinkId == null || sinkId.isBlank()) {
      throw new IllegalArgumentException(
          "withTransactional needs a sink id that stays the same across restarts of the query");
    }
    return toBuilder().setTransactionalId(sinkId).build();
  }

  @Nullable
  String bootstrapServers() {
    return options().get("kafka.bootstrap.servers");
  }

  @Nullable
  String topicOption() {
    return options().get("topic");
  }

  /** The consumer group holding the last committed batch id of the transactional mode. */
  String markerGroup() {
    return "sluice-sink-" + transactionalId();
  }

  @Override
  public String description() {
    return "KafkaSink[" + (topicOption() == null ? "topic column" : topicOption()) + "]";
  }

  @Override
  public synchronized void addBatch(long batchId, Schema schema, List<Row> rows) throws Exception {
    RowMapping mapping = RowMapping.of(schema, topicOption());
    if (transactionalId() == null) {
      if (lastBatchId != null && batchId <= lastBatchId) {
        LOG.info("{}: batch {} was already written by this sink, skipped", description(), batchId);
        return;
      }
      writeAtLeastOnce(mapping, rows);
    } else {
      if (!recovered) {
        long last = lastCommittedBatch();
        lastBatchId = last < 0 ? null : last;
        recovered = true;
      }
      if (lastBatchId != null && batchId <= lastBatchId) {
        LOG.info(
            "{}: batch {} is already committed (last committed batch {}), skipped",
            description(),
            batchId,
            lastBatchId);
        return;
      }
      writeTransaction(batchId, mapping, rows);
    }
    lastBatchId = batchId;
  }

  private void writeAtLeastOnce(RowMapping mapping, List<Row> rows) throws Exception {
    KafkaProducer<byte[], byte[]> p = producer();
    List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
    for (Row row : rows) {
      acks.add(p.send(mapping.record(row)));
    }
    p.flush();
    for (Future<RecordMetadata> ack : acks) {
      try {
        ack.get();
      } catch (ExecutionException e) {
        throw new KafkaException(
            description() + ": writing to " + bootstrapServers() + " failed: " + e.getCause(),
            e.getCause());
      }
    }
  }

  private void writeTransaction(long batchId, RowMapping mapping, List<Row> rows) throws Exception {
    KafkaProducer<byte[], byte[]> p = producer();
    Set<String> topics = new java.util.TreeSet<>();
    try {
      p.beginTransaction();
      for (Row row : rows) {
        ProducerRecord<byte[], byte[]> record = mapping.record(row);
        topics.add(record.topic());
        p.send(record);
      }
      if (topicOption() != null) {
        topics.add(topicOption());
      }
      Map<TopicPartition, OffsetAndMetadata> marker = new HashMap<>();
      for (String topic : topics) {
        marker.put(
            new TopicPartition(topic, 0),
            new OffsetAndMetadata(batchId, "sluice batch " + batchId));
      }
      if (!marker.isEmpty()) {
        p.sendOffsetsToTransaction(marker, new ConsumerGroupMetadata(markerGroup()));
      }
      p.commitTransaction();
    } catch (KafkaException e) {
      try {
        p.abortTransaction();
      } catch (KafkaException abort) {
        e.addSuppressed(abort);
      }
      closeProducer();
      throw new KafkaException(
          description() + ": the transaction of batch " + batchId + " failed: " + e, e);
    }
  }

  /** The last batch id committed by a transactional sink with this id, or -1. */
  long lastCommittedBatch() throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers());
    long timeout = apiTimeoutMillis();
    config.put("default.api.timeout.ms", (int) timeout);
    try (Admin admin = Admin.create(config)) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(
                  markerGroup(), new ListConsumerGroupOffsetsOptions().requireStable(true))
              .partitionsToOffsetAndMetadata()
              .get(timeout, TimeUnit.MILLISECONDS);
      long last = -1;
      for (OffsetAndMetadata o : offsets.values()) {
        if (o != null) {
          last = Math.max(last, o.offset());
        }
      }
      return last;
    } catch (java.util.concurrent.TimeoutException e) {
      throw new KafkaException(
          description()
              + ": the brokers at "
              + bootstrapServers()
              + " did not answer within "
              + timeout
              + " ms while reading the last committed batch; check kafka.bootstrap.servers",
          e);
    }
  }

  private long apiTimeoutMillis() {
    String v = options().get("kafka.default.api.timeout.ms");
    return v == null ? 60_000 : Long.parseLong(v.trim());
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      Map<String, Object> config = new HashMap<>();
      options()
          .forEach(
              (k, v) -> {
                if (k.toLowerCase(Locale.ROOT).startsWith("kafka.")) {
                  config.put(k.substring(6), v);
                }
              });
      config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
      config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
      config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
      if (transactionalId() != null) {
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sluice-" + transactionalId());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
      }
      KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(config);
      if (transactionalId() != null) {
        try {
          p.initTransactions(); // fences an earlier producer with this id, aborting its transaction
        } catch (KafkaException e) {
          p.close(Duration.ZERO);
          throw new KafkaException(
              description()
                  + ": cannot start transactions at "
                  + bootstrapServers()
                  + " (transactional.id sluice-"
                  + transactionalId()
                  + "): "
                  + e,
              e);
        }
      }
      producer = p;
    }
    return producer;
  }

  private void closeProducer() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  /** Closes the producer (a later batch opens a new one). */
  @Override
  public synchronized void close() {
    closeProducer();
  }

  /** How the columns of one schema become a record. */
  private static final class RowMapping {
    @Nullable private final String topicOption;
    private final int value;
    private final int key;
    private final int topic;
    private final int partition;
    private final int headers;

    private RowMapping(Schema schema, @Nullable String topicOption) {
      this.topicOption = topicOption;
      this.value = index(schema, "value", true);
      this.key = index(schema, "key", true);
      this.topic = index(schema, "topic", false);
      this.partition = index(schema, "partition", false);
      this.headers = index(schema, "headers", false);
      if (value < 0) {
        throw new IllegalArgumentException(
            "The Kafka sink needs a 'value' column (STRING or BINARY); the rows have "
                + schema.getFieldNames()
                + ". Select or alias one, e.g. to_json(struct(*)) AS value");
      }
      if (topic < 0 && topicOption == null) {
        throw new IllegalArgumentException(
            "The Kafka sink needs a topic: set the 'topic' option or give a 'topic' column");
      }
      checkType(schema, topic, "topic", Schema.TypeName.STRING);
      checkType(schema, partition, "partition", Schema.TypeName.INT32);
      if (headers >= 0) {
        Schema.FieldType t = schema.getField(headers).getType();
        boolean ok =
            t.getTypeName() == Schema.TypeName.ARRAY
                && t.getCollectionElementType().getTypeName() == Schema.TypeName.ROW
                && t.getCollectionElementType().getRowSchema().hasField("key")
                && t.getCollectionElementType().getRowSchema().hasField("value");
        if (!ok) {
          throw new IllegalArgumentException(
              "The Kafka sink's 'headers' column must be ARRAY<STRUCT<key: STRING, value: BINARY>>,"
                  + " but is "
                  + t);
        }
      }
    }

    static RowMapping of(Schema schema, @Nullable String topicOption) {
      return new RowMapping(schema, topicOption);
    }

    private static int index(Schema schema, String name, boolean bytesOrString) {
      if (!schema.hasField(name)) {
        return -1;
      }
      int i = schema.indexOf(name);
      if (bytesOrString) {
        Schema.TypeName t = schema.getField(i).getType().getTypeName();
        if (t != Schema.TypeName.STRING && t != Schema.TypeName.BYTES) {
          throw new IllegalArgumentException(
              "The Kafka sink's '"
                  + name
                  + "' column must be STRING or BINARY, but is "
                  + schema.getField(i).getType()
                  + "; cast it, e.g. CAST("
                  + name
                  + " AS STRING)");
        }
      }
      return i;
    }

    private static void checkType(Schema schema, int i, String name, Schema.TypeName type) {
      if (i >= 0 && schema.getField(i).getType().getTypeName() != type) {
        throw new IllegalArgumentException(
            "The Kafka sink's '"
                + name
                + "' column must be "
                + type
                + ", but is "
                + schema.getField(i).getType());
      }
    }

    ProducerRecord<byte[], byte[]> record(Row row) {
      String t = topicOption != null ? topicOption : row.getString(topic);
      if (t == null) {
        throw new IllegalArgumentException(
            "A row has a null 'topic' and the Kafka sink has no 'topic' option: " + row);
      }
      Integer p = partition >= 0 ? row.getInt32(partition) : null;
      List<Header> hs = new ArrayList<>();
      if (headers >= 0 && row.getArray(headers) != null) {
        for (Object h : row.getArray(headers)) {
          Row header = (Row) h;
          hs.add(new RecordHeader(header.getString("key"), bytes(header.getValue("value"))));
        }
      }
      return new ProducerRecord<>(
          t, p, key >= 0 ? bytes(row.getValue(key)) : null, bytes(row.getValue(value)), hs);
    }

    @Nullable
    private static byte[] bytes(@Nullable Object v) {
      if (v == null) {
        return null;
      }
      return v instanceof byte[] ? (byte[]) v : v.toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}
