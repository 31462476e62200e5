package dev.sluice.io.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.kafka.local.LocalKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link KafkaSink} against a real broker (one per class). */
@RunWith(JUnit4.class)
public class KafkaSinkTest {
  private static LocalKafkaBroker broker;
  private static final AtomicInteger TOPICS = new AtomicInteger();
  private static final Schema KV = DdlSchema.parse("key STRING, value STRING");

  @BeforeClass
  public static void startBroker() {
    broker = LocalKafkaBroker.start();
  }

  @AfterClass
  public static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private static String newTopic(int partitions) {
    String topic = "sink-" + TOPICS.incrementAndGet();
    broker.createTopic(topic, partitions);
    return topic;
  }

  private static List<Row> rows(Schema schema, Object... keysAndValues) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.add(Row.withSchema(schema).addValues(keysAndValues[i], keysAndValues[i + 1]).build());
    }
    return out;
  }

  private static List<String> text(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(
            r ->
                (r.key() == null ? "null" : new String(r.key(), StandardCharsets.UTF_8))
                    + "="
                    + new String(r.value(), StandardCharsets.UTF_8))
        .collect(Collectors.toList());
  }

  @Test
  public void atLeastOnceWritesKeysValuesAndHeadersToTheTopicOption() throws Exception {
    String t = newTopic(1);
    Schema schema =
        Schema.builder()
            .addNullableField("key", Schema.FieldType.BYTES)
            .addNullableField("value", Schema.FieldType.STRING)
            .addNullableField(
                "headers", Schema.FieldType.array(Schema.FieldType.row(KafkaSchemas.HEADER)))
            .build();
    Row header =
        Row.withSchema(KafkaSchemas.HEADER)
            .addValues("h", "x".getBytes(StandardCharsets.UTF_8))
            .build();
    List<Row> batch =
        List.of(
            Row.withSchema(schema)
                .addValues("k1".getBytes(StandardCharsets.UTF_8), "v1", List.of(header))
                .build(),
            Row.withSchema(schema).addValues(null, "v2", null).build());
    try (KafkaSink sink = KafkaSink.to(broker.bootstrapServers()).withTopic(t)) {
      sink.addBatch(0, schema, batch);
      sink.addBatch(0, schema, batch); // the same batch id again: skipped by this instance
      assertThat(sink.description(), is("KafkaSink[" + t + "]"));
    }
    List<ConsumerRecord<byte[], byte[]>> read = broker.consume(t, 2);
    assertThat(text(read), contains("k1=v1", "null=v2"));
    assertThat(
        new String(read.get(0).headers().lastHeader("h").value(), StandardCharsets.UTF_8), is("x"));
    assertThat(broker.endOffsets(t, false), is(Map.of(0, 2L)));
  }

  @Test
  public void aTopicColumnRoutesEachRowAndAPartitionColumnPicksThePartition() throws Exception {
    String a = newTopic(1);
    String b = newTopic(2);
    Schema schema = DdlSchema.parse("topic STRING, partition INT, value STRING");
    List<Row> batch =
        List.of(
            Row.withSchema(schema).addValues(a, null, "to-a").build(),
            Row.withSchema(schema).addValues(b, 1, "to-b1").build());
    try (KafkaSink sink =
        KafkaSink.create(Map.of("kafka.bootstrap.servers", broker.bootstrapServers()))) {
      sink.addBatch(0, schema, batch);
    }
    assertThat(text(broker.consume(a, 1)), contains("null=to-a"));
    assertThat(broker.consume(b, 1).get(0).partition(), is(1));
  }

  @Test
  public void transactionalBatchesAreSeenOnceByReadCommittedConsumersAcrossRestarts()
      throws Exception {
    String t = newTopic(1);
    String sinkId = "query-" + t;
    try (KafkaSink first =
        KafkaSink.to(broker.bootstrapServers()).withTopic(t).withTransactional(sinkId)) {
      first.addBatch(0, KV, rows(KV, "a", "0a", "b", "0b"));
      first.addBatch(1, KV, rows(KV, "a", "1a"));
    }
    // a writer with the same transactional id dies inside batch 2's transaction
    Map<String, Object> config = broker.producerConfig();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sluice-" + sinkId);
    KafkaProducer<byte[], byte[]> crashed = new KafkaProducer<>(config);
    crashed.initTransactions();
    crashed.beginTransaction();
    crashed.send(new ProducerRecord<>(t, "2-lost".getBytes(StandardCharsets.UTF_8))).get();
    crashed.flush();

    // the restarted query replays batch 1 (committed before) and writes batch 2 again
    try (KafkaSink restarted =
        KafkaSink.to(broker.bootstrapServers()).withTopic(t).withTransactional(sinkId)) {
      assertThat(restarted.lastCommittedBatch(), is(1L));
      restarted.addBatch(1, KV, rows(KV, "a", "1a"));
      restarted.addBatch(2, KV, rows(KV, "c", "2c"));
    }
    crashed.close(java.time.Duration.ZERO);
    assertThat(
        text(broker.consume(t, 4, true)), containsInAnyOrder("a=0a", "b=0b", "a=1a", "c=2c"));
    // what read_uncommitted sees includes the aborted record: it was written, never committed
    assertThat(text(broker.consume(t, 5, false)), org.hamcrest.Matchers.hasItem("null=2-lost"));
  }

  @Test
  public void badInputGivesClearErrors() {
    KafkaSink sink = KafkaSink.to(broker.bootstrapServers());
    Schema noValue = DdlSchema.parse("key STRING, v STRING");
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> sink.withTopic("t").addBatch(0, noValue, List.of()))
            .getMessage(),
        containsString("needs a 'value' column"));
    Schema intValue = DdlSchema.parse("value INT");
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> sink.withTopic("t").addBatch(0, intValue, List.of()))
            .getMessage(),
        containsString("'value' column must be STRING or BINARY"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> sink.addBatch(0, KV, List.of()))
            .getMessage(),
        containsString("set the 'topic' option or give a 'topic' column"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> sink.withOption("topics", "t"))
            .getMessage(),
        containsString("Unknown option 'topics'"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> sink.withProducerProperty("value.serializer", "x"))
            .getMessage(),
        containsString("values are written as bytes"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> KafkaSink.create(Map.of("topic", "t")))
            .getMessage(),
        containsString("'kafka.bootstrap.servers' must be specified"));
  }

  @Test
  public void anUnreachableBrokerFailsTheBatchNamingTheServers() {
    try (KafkaSink sink =
        KafkaSink.to("127.0.0.1:1").withTopic("t").withProducerProperty("max.block.ms", "1500")) {
      Exception e = assertThrows(Exception.class, () -> sink.addBatch(0, KV, rows(KV, "k", "v")));
      assertThat(e.getMessage(), containsString("127.0.0.1:1"));
    }
  }
}
