package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.upper;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.sluice.kafka.local.LocalKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code format("kafka")} through the facade against a real broker: the source's rows and schema,
 * Spark's Kafka sink, and the transactional sink (beyond Spark) that a restarted query does not
 * write twice.
 */
public class KafkaStreamTest {
  private static LocalKafkaBroker broker;

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private StreamingSession session;

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

  @Before
  public void setUp() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
  }

  private DataFrame read(String topic) {
    return session
        .readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", broker.bootstrapServers())
        .option("subscribe", topic)
        .option("startingOffsets", "earliest")
        .load();
  }

  private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  public void readsRecordsWithSparksSchema() throws Exception {
    broker.createTopic("facade-in", 2);
    broker.produce("facade-in", List.of("a", "b", "c"));
    DataFrame records = read("facade-in");
    assertThat(
        records.schemaString(),
        equalTo(
            "root\n"
                + " |-- key: binary (nullable = true)\n"
                + " |-- value: binary (nullable = true)\n"
                + " |-- topic: string (nullable = true)\n"
                + " |-- partition: integer (nullable = true)\n"
                + " |-- offset: long (nullable = true)\n"
                + " |-- timestamp: timestamp (nullable = true)\n"
                + " |-- timestampType: integer (nullable = true)\n"));
    StreamingQuery q =
        records
            .select(col("value").cast("string").as("v"), col("topic"))
            .writeStream()
            .format("memory")
            .queryName("kafka_rows")
            .trigger(Trigger.AvailableNow())
            .start();
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(
        session.table("kafka_rows").collectAsList().stream()
            .map(r -> r.getValues().toString())
            .sorted()
            .collect(Collectors.toList()),
        equalTo(List.of("[a, facade-in]", "[b, facade-in]", "[c, facade-in]")));
    assertThat(q.lastProgress().sources().get(0).description(), containsString("KafkaV2"));
  }

  @Test
  public void transactionalSinkWritesEachRecordOnceAcrossRestarts() throws Exception {
    broker.createTopic("facade-src", 1);
    broker.createTopic("facade-out", 1);
    broker.produce("facade-src", List.of("x", "y"));
    String checkpoint = tmp.newFolder("checkpoint").getPath();
    for (int run = 0; run < 2; run++) {
      StreamingQuery q =
          read("facade-src")
              .select(upper(col("value").cast("string")).as("value"))
              .writeStream()
              .format("kafka")
              .option("kafka.bootstrap.servers", broker.bootstrapServers())
              .option("topic", "facade-out")
              .option("sluice.transactional", "true")
              .option("checkpointLocation", checkpoint)
              .trigger(Trigger.AvailableNow())
              .start();
      assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
      if (run == 0) {
        broker.produce("facade-src", List.of("z"));
      }
    }
    assertThat(values(broker.consume("facade-out", 3, true)), equalTo(List.of("X", "Y", "Z")));
    assertThat(
        broker.endOffsets("facade-out", true).values().stream().mapToLong(v -> v).sum() > 0,
        equalTo(true));
  }

  @Test
  public void kafkaSinkNeedsACheckpointAndTheServers() {
    broker.createTopic("facade-bad", 1);
    AnalysisException noCheckpoint =
        assertThrows(
            AnalysisException.class,
            () ->
                read("facade-bad")
                    .writeStream()
                    .format("kafka")
                    .option("kafka.bootstrap.servers", broker.bootstrapServers())
                    .option("topic", "x")
                    .start());
    assertThat(noCheckpoint.getMessage(), containsString("checkpointLocation"));
    IllegalArgumentException noSubscription =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                session
                    .readStream()
                    .format("kafka")
                    .option("kafka.bootstrap.servers", broker.bootstrapServers())
                    .load());
    assertThat(noSubscription.getMessage(), containsString("subscribe"));
  }
}
