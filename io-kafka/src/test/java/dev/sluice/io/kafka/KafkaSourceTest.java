package dev.sluice.io.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.stream.BatchEnd;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.kafka.local.LocalKafkaBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link KafkaSource} against a real broker (one per class). */
@RunWith(JUnit4.class)
public class KafkaSourceTest {
  private static LocalKafkaBroker broker;
  private static final AtomicInteger TOPICS = new AtomicInteger();

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
    String topic = "source-" + TOPICS.incrementAndGet();
    broker.createTopic(topic, partitions);
    return topic;
  }

  private static List<String> range(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> prefix + i).collect(Collectors.toList());
  }

  private static KafkaSource source(String topic) {
    return KafkaSource.read().withBootstrapServers(broker.bootstrapServers()).withSubscribe(topic);
  }

  private static List<String> endsAsText(ReaderDriver d) {
    List<String> out = new ArrayList<>();
    for (BatchEnd end : d.ends().values()) {
      out.add(
          end.batch()
              + ":"
              + end.hasData()
              + ":"
              + end.numInputRows()
              + ":"
              + end.startOffset()
              + "->"
              + end.endOffset());
    }
    return out;
  }

  @Test
  public void maxOffsetsPerTriggerSplitsTheBacklogInProportionThenAvailableNowEnds()
      throws IOException {
    String t = newTopic(2);
    broker.produce(t, 0, range("a", 0, 10));
    broker.produce(t, 1, range("b", 0, 5));
    KafkaUnboundedSource source =
        source(t)
            .withStartingOffsets("earliest")
            .withMaxOffsetsPerTrigger(6)
            .withTrigger(BatchTrigger.availableNow())
            .unboundedSource();
    try (ReaderDriver d = new ReaderDriver(source, 0).readToEnd()) {
      String p = "{\"" + t + "\":";
      assertThat(
          endsAsText(d),
          contains(
              "0:true:6:" + p + "{\"0\":0,\"1\":0}}->" + p + "{\"0\":4,\"1\":2}}",
              "1:true:6:" + p + "{\"0\":4,\"1\":2}}->" + p + "{\"0\":8,\"1\":4}}",
              "2:true:3:" + p + "{\"0\":8,\"1\":4}}->" + p + "{\"0\":10,\"1\":5}}",
              "3:false:0:" + p + "{\"0\":10,\"1\":5}}->" + p + "{\"0\":10,\"1\":5}}"));
      List<String> batch0 = d.valuesByBatch().get(0L);
      assertThat(
          new HashSet<>(batch0), is(new HashSet<>(List.of("a0", "a1", "a2", "a3", "b0", "b1"))));
      assertThat(d.ends().get(0L).description(), is("KafkaV2[Subscribe[" + t + "]]"));
    }
  }

  @Test
  public void rowsHaveSparksSchemaAndHeadersWhenAsked() throws IOException {
    String t = newTopic(1);
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(
            t,
            0,
            1_700_000_000_000L,
            "k".getBytes(StandardCharsets.UTF_8),
            "v".getBytes(StandardCharsets.UTF_8),
            List.of(new RecordHeader("h", "x".getBytes(StandardCharsets.UTF_8))));
    broker.send(List.of(record));
    KafkaSource spec =
        source(t)
            .withStartingOffsets("earliest")
            .withIncludeHeaders(true)
            .withTrigger(BatchTrigger.once());
    assertThat(spec.schema(), is(KafkaSchemas.SCHEMA_WITH_HEADERS));
    try (ReaderDriver d = new ReaderDriver(spec.unboundedSource(), 0).readToEnd()) {
      Row row = d.out.get(0).record();
      assertThat(new String(row.getBytes("key"), StandardCharsets.UTF_8), is("k"));
      assertThat(ReaderDriver.value(row), is("v"));
      assertThat(row.getString("topic"), is(t));
      assertThat(row.getInt32("partition"), is(0));
      assertThat(row.getInt64("offset"), is(0L));
      assertThat(row.getDateTime("timestamp").getMillis(), is(1_700_000_000_000L));
      assertThat(row.getInt32("timestampType"), is(0));
      Row header = row.getArray("headers").stream().map(h -> (Row) h).findFirst().get();
      assertThat(header.getString("key"), is("h"));
      assertThat(new String(header.getBytes("value"), StandardCharsets.UTF_8), is("x"));
    }
  }

  @Test
  public void startingAndEndingOffsetsAsJsonBoundTheRead() throws IOException {
    String t = newTopic(2);
    broker.produce(t, 0, range("a", 0, 10));
    broker.produce(t, 1, range("b", 0, 4));
    KafkaUnboundedSource source =
        source(t)
            .withStartingOffsets("{\"" + t + "\":{\"0\":3,\"1\":-2}}")
            .withEndingOffsets("{\"" + t + "\":{\"0\":7,\"1\":-1}}")
            .withTrigger(BatchTrigger.once())
            .unboundedSource();
    try (ReaderDriver d = new ReaderDriver(source, 0).readToEnd()) {
      assertThat(
          new HashSet<>(d.valuesByBatch().get(0L)),
          is(new HashSet<>(List.of("a3", "a4", "a5", "a6", "b0", "b1", "b2", "b3"))));
      assertThat(d.ends().size(), is(1));
    }
  }

  @Test
  public void latestStartsAfterWhatIsThereAndNewRecordsFormTheNextBatch() throws IOException {
    String t = newTopic(1);
    broker.produce(t, range("old", 0, 3));
    KafkaUnboundedSource source = source(t).unboundedSource(); // latest, processingTime(0)
    try (ReaderDriver d = new ReaderDriver(source, 0)) {
      d.readUntil(l -> d.state().started);
      broker.produce(t, range("new", 0, 2));
      d.readThroughBatch(0);
      assertThat(d.valuesByBatch().get(0L), contains("new0", "new1"));
      assertThat(d.ends().get(0L).startOffset(), is("{\"" + t + "\":{\"0\":3}}"));
      assertThat(d.ends().get(0L).endOffset(), is("{\"" + t + "\":{\"0\":5}}"));
    }
  }

  @Test
  public void aRecreatedReaderContinuesExactlyFromAnyCheckpoint() throws IOException {
    String t = newTopic(3);
    for (int p = 0; p < 3; p++) {
      broker.produce(t, p, range("p" + p + "-", 0, 10));
    }
    KafkaSource spec =
        source(t)
            .withStartingOffsets("earliest")
            .withMaxOffsetsPerTrigger(7)
            .withTrigger(BatchTrigger.availableNow());
    List<String> uninterrupted;
    Map<Long, List<String>> batches;
    try (ReaderDriver d = new ReaderDriver(spec.unboundedSource(), 0).readToEnd()) {
      uninterrupted = d.records();
      batches = d.valuesByBatch();
    }
    for (int every : new int[] {1, 2, 7}) {
      try (ReaderDriver d = new ReaderDriver(spec.unboundedSource(), every).readToEnd()) {
        assertThat("restart every " + every, d.records().size(), is(30));
        assertThat(new HashSet<>(d.records()), is(new HashSet<>(uninterrupted)));
        for (Map.Entry<Long, List<String>> b : batches.entrySet()) {
          assertThat(
              new HashSet<>(d.valuesByBatch().get(b.getKey())), is(new HashSet<>(b.getValue())));
        }
      }
    }
    assertThat(uninterrupted.size(), is(30));
    assertThat(batches.size(), is(5)); // 7, 7, 7, 7, 2
  }

  @Test
  public void newPartitionsAndTopicsArePickedUpFromTheirEarliestOffset() throws IOException {
    String t = newTopic(1);
    broker.produce(t, List.of("x0"));
    KafkaUnboundedSource source =
        KafkaSource.read()
            .withBootstrapServers(broker.bootstrapServers())
            .withSubscribePattern(t + "(-more)?")
            .withStartingOffsets("earliest")
            .unboundedSource();
    try (ReaderDriver d = new ReaderDriver(source, 0)) {
      d.readThroughBatch(0);
      broker.addPartitions(t, 2);
      broker.produce(t, 1, List.of("y0", "y1"));
      broker.createTopic(t + "-more", 1);
      broker.produce(t + "-more", List.of("z0"));
      d.readUntil(l -> d.records().size() >= 4);
      assertThat(d.records(), hasItem(t + "-1@0=y0"));
      assertThat(d.records(), hasItem(t + "-1@1=y1"));
      assertThat(d.records(), hasItem(t + "-more-0@0=z0"));
    }
  }

  @Test
  public void agedOutOffsetsFailNamingThePartitionWithFailOnDataLoss() throws IOException {
    String t = newTopic(1);
    broker.produce(t, range("v", 0, 10));
    KafkaUnboundedSource source =
        source(t).withStartingOffsets("earliest").withMaxOffsetsPerTrigger(3).unboundedSource();
    try (ReaderDriver d = new ReaderDriver(source, 0)) {
      d.readThroughBatch(0);
      broker.deleteRecordsBefore(t, 0, 6);
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> d.readThroughBatch(1));
      assertThat(e.getMessage(), containsString("offsets 3 to 5 of " + t + "-0"));
      assertThat(e.getMessage(), containsString("failOnDataLoss=false"));
    }
  }

  @Test
  public void agedOutOffsetsAreCountedAndSkippedWithoutFailOnDataLoss() throws IOException {
    String t = newTopic(1);
    broker.produce(t, range("v", 0, 10));
    KafkaUnboundedSource source =
        source(t)
            .withStartingOffsets("earliest")
            .withMaxOffsetsPerTrigger(3)
            .withFailOnDataLoss(false)
            .unboundedSource();
    try (ReaderDriver d = new ReaderDriver(source, 0)) {
      d.readThroughBatch(0);
      broker.deleteRecordsBefore(t, 0, 6);
      d.readUntil(l -> d.records().size() >= 7);
      assertThat(d.valuesByBatch().get(1L), contains("v6", "v7", "v8"));
      assertThat(d.state().lostOffsets, is(3L));
    }
  }

  @Test
  public void aDeletedTopicFailsWithFailOnDataLossAndIsDroppedWithout() throws IOException {
    String gone = newTopic(1);
    String kept = newTopic(1);
    broker.produce(gone, List.of("g0"));
    broker.produce(kept, List.of("k0"));
    KafkaSource spec =
        KafkaSource.read()
            .withBootstrapServers(broker.bootstrapServers())
            .withSubscribe(gone, kept)
            .withStartingOffsets("earliest");
    try (ReaderDriver strict = new ReaderDriver(spec.unboundedSource(), 0);
        ReaderDriver lenient =
            new ReaderDriver(spec.withFailOnDataLoss(false).unboundedSource(), 0)) {
      strict.readThroughBatch(0);
      lenient.readThroughBatch(0);
      broker.deleteTopic(gone);
      broker.produce(kept, List.of("k1"));
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> strict.readThroughBatch(1));
      assertThat(e.getMessage(), containsString("partition " + gone + "-0 is gone"));
      lenient.readUntil(l -> lenient.records().size() >= 3);
      assertThat(lenient.records().get(2), is(kept + "-0@1=k1"));
      assertThat(lenient.state().lostPartitions, is(1L));
    }
  }

  @Test
  public void aTopicDeletedWhileItsBatchIsReadFailsOrIsSkipped() throws IOException {
    for (boolean fail : new boolean[] {true, false}) {
      String t = newTopic(1);
      broker.produce(t, range("v", 0, 10));
      KafkaUnboundedSource source =
          source(t)
              .withStartingOffsets("earliest")
              .withMaxOffsetsPerTrigger(6)
              .withFailOnDataLoss(fail)
              .unboundedSource();
      try (ReaderDriver d = new ReaderDriver(source, 0)) {
        d.readUntil(l -> l.size() >= 2);
        d.restart(); // a new consumer that has fetched nothing of the rest of the batch
        broker.deleteTopic(t);
        if (fail) {
          IllegalStateException e =
              assertThrows(IllegalStateException.class, () -> d.readThroughBatch(0));
          assertThat(
              e.getMessage(),
              containsString(
                  "partition " + t + "-0 was deleted while its batch was read; offsets 2 to 5"));
        } else {
          d.readThroughBatch(0);
          assertThat(d.valuesByBatch().get(0L), contains("v0", "v1"));
          assertThat(d.ends().get(0L).numInputRows(), is(2L));
          assertThat(d.state().lostOffsets, is(4L));
        }
      }
    }
  }

  @Test
  public void minOffsetsPerTriggerWaitsForEnoughRecords() throws IOException {
    String t = newTopic(1);
    KafkaUnboundedSource source =
        source(t)
            .withStartingOffsets("earliest")
            .withMinOffsetsPerTrigger(3)
            .withMaxTriggerDelay("10m")
            .unboundedSource();
    try (ReaderDriver d = new ReaderDriver(source, 0)) {
      d.readUntil(l -> d.state().started);
      broker.produce(t, List.of("a", "b"));
      // two records are below the minimum: a poll sees them (latest offset 2) and takes nothing
      d.readUntil(l -> d.state().latest.getOrDefault(new TopicPartition(t, 0), 0L) == 2L);
      assertThat(d.out.isEmpty(), is(true));
      assertThat(d.state().taken.get(new TopicPartition(t, 0)), is(0L));
      broker.produce(t, List.of("c"));
      d.readThroughBatch(0);
      assertThat(d.valuesByBatch().get(0L), contains("a", "b", "c"));
    }
  }

  @Test
  public void belowMinOffsetsPerTriggerABatchIsTakenOnceMaxTriggerDelayPasses() throws IOException {
    String t = newTopic(1);
    KafkaUnboundedSource source =
        source(t)
            .withStartingOffsets("earliest")
            .withMinOffsetsPerTrigger(100)
            .withMaxTriggerDelay("300ms")
            .unboundedSource();
    try (ReaderDriver d = new ReaderDriver(source, 0)) {
      broker.produce(t, List.of("a", "b"));
      d.readThroughBatch(0); // two records, far below the minimum: taken after the delay
      assertThat(d.valuesByBatch().get(0L), contains("a", "b"));
    }
  }

  @Test
  public void badOptionsAreRefusedWithWhatToDo() {
    KafkaSource base = KafkaSource.read().withBootstrapServers(broker.bootstrapServers());
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> base.withOption("subscrib", "t"))
            .getMessage(),
        containsString("Unknown option 'subscrib'"));
    assertThat(
        assertThrows(IllegalArgumentException.class, base::validate).getMessage(),
        containsString("set exactly one of the options 'subscribe'"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> base.withSubscribe("a").withSubscribePattern("b.*").validate())
            .getMessage(),
        containsString("Several ways to choose topics [subscribe, subscribePattern]"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> KafkaSource.read().withSubscribe("a").validate())
            .getMessage(),
        containsString("'kafka.bootstrap.servers' must be specified"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> base.withSubscribe("a").withStartingOffsets("{\"a\":{\"x\":1}}").validate())
            .getMessage(),
        containsString("Option startingOffsets is not valid JSON of partitions"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> base.withConsumerProperty("auto.offset.reset", "earliest"))
            .getMessage(),
        containsString("set the source option startingOffsets instead"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> base.withSubscribe("a").withEndingOffsets("latest").validate())
            .getMessage(),
        containsString("endingOffsets needs a bounded trigger"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    base.withAssign("{\"a\":[0,1]}")
                        .withStartingOffsets("{\"a\":{\"0\":1}}")
                        .validate())
            .getMessage(),
        containsString("missing [a-1]"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> base.withSubscribe("a").withMaxOffsetsPerTrigger(0).validate())
            .getMessage(),
        containsString("maxOffsetsPerTrigger must be positive"));
  }

  @Test
  public void anUnreachableBrokerGivesAClearErrorWithinTheApiTimeout() throws IOException {
    KafkaUnboundedSource source =
        KafkaSource.read()
            .withBootstrapServers("127.0.0.1:1")
            .withSubscribe("t")
            .withConsumerProperty("default.api.timeout.ms", "1500")
            .withOption("fetchOffset.numRetries", "0")
            .unboundedSource();
    try (ReaderDriver d = new ReaderDriver(source, 0)) {
      IOException e = assertThrows(IOException.class, d::readToEnd);
      assertThat(
          e.getMessage(),
          containsString("the brokers at 127.0.0.1:1 did not answer within 1500 ms"));
    }
  }

  @Test
  public void rateLimitSharesInProportionAndGivesTheRemainderInOrder() {
    var a = new TopicPartition("t", 0);
    var b = new TopicPartition("t", 1);
    Map<TopicPartition, Long> until =
        KafkaSourceReader.rateLimit(Map.of(a, 0L, b, 10L), Map.of(a, 3L, b, 13L), 4);
    assertThat(until.get(a) + until.get(b) - 10, is(4L));
    assertThat(until.get(a), is(2L));
    assertThat(until.get(b), is(12L));
  }
}
