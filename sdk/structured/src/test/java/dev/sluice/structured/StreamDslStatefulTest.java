package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.StreamDslWindowsTest.ts;
import static dev.sluice.structured.testing.StreamTest.row;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.testing.StreamTest;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Before;
import org.junit.Test;

/** dropDuplicates and joins (stream–static, stream–stream) through the {@link StreamTest} DSL. */
public class StreamDslStatefulTest {
  private StreamingSession session;

  @Before
  public void setUp() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
  }

  private MemoryStream events() {
    return MemoryStream.of(DdlSchema.parse("id STRING, ts TIMESTAMP"));
  }

  @Test
  public void dropDuplicatesWithoutWatermarkRemembersEveryKey() {
    MemoryStream in = events();
    DataFrame firsts = session.readStream().memory(in).dropDuplicates("id");
    StreamTest.of(firsts, OutputMode.Append())
        .addData(in, row("a", ts("10:00")), row("a", ts("10:01")), row("b", ts("10:02")))
        .checkNewAnswer(row("a", ts("10:00")), row("b", ts("10:02")))
        .addData(in, row("b", ts("11:00")), row("c", ts("11:01")))
        .checkNewAnswer(row("c", ts("11:01")))
        .addData(in, row("a", ts("12:00")))
        .checkNewAnswer()
        .stop();
  }

  @Test
  public void dropDuplicatesWithWatermarkDropsLateRowsAndEvictsOldKeys() {
    MemoryStream in = events();
    DataFrame firsts =
        session
            .readStream()
            .memory(in)
            .withWatermark("ts", "10 minutes")
            .dropDuplicates("id", "ts");
    StreamTest t =
        StreamTest.of(firsts, OutputMode.Append())
            .addData(in, row("a", ts("10:00")), row("b", ts("10:30")))
            .checkNewAnswer(row("a", ts("10:00")), row("b", ts("10:30")))
            // the watermark moved to 10:20: a no-data batch evicts (a, 10:00)
            .checkBatchCount(2)
            .assertWatermark("2018-03-02T10:20:00.000Z");
    assertThat(
        t.streamingQuery().lastProgress().stateOperators().get(0).numRowsTotal(), equalTo(1L));
    // (a, 10:00) is older than the watermark: dropped, not output again although its key was
    // evicted; (a, 10:25) is a new key; (b, 10:30) is a duplicate
    t.addData(in, row("a", ts("10:00")), row("a", ts("10:25")), row("b", ts("10:30")))
        .checkNewAnswer(row("a", ts("10:25")));
    assertThat(
        t.streamingQuery().lastProgress().stateOperators().get(0).numRowsDroppedByWatermark(),
        equalTo(1L));
    t.stop();
  }

  private DataFrame names() {
    Schema schema = DdlSchema.parse("key STRING, name STRING");
    return session.createDataFrame(
        List.of(
            Row.withSchema(schema).addValues("a", "Alpha").build(),
            Row.withSchema(schema).addValues("b", "Beta").build()),
        schema);
  }

  @Test
  public void streamStaticInnerJoin() {
    MemoryStream in = events();
    DataFrame joined =
        session
            .readStream()
            .memory(in)
            .join(names(), col("id").equalTo(col("key")))
            .select(col("id"), col("name"));
    StreamTest.of(joined, OutputMode.Append())
        .addData(in, row("a", ts("10:00")), row("z", ts("10:01")))
        .checkNewAnswer(row("a", "Alpha"))
        .addData(in, row("b", ts("10:02")), row("a", ts("10:03")))
        .checkNewAnswer(row("b", "Beta"), row("a", "Alpha"))
        .stop();
  }

  @Test
  public void streamStaticLeftOuterJoinKeepsUnmatchedStreamRows() {
    MemoryStream in = events();
    DataFrame joined =
        session
            .readStream()
            .memory(in)
            .join(names(), col("id").equalTo(col("key")), "left_outer")
            .select(col("id"), col("name"));
    StreamTest.of(joined, OutputMode.Append())
        .addData(in, row("a", ts("10:00")), row("z", ts("10:01")))
        .checkNewAnswer(row("a", "Alpha"), row("z", null))
        .stop();
  }

  @Test
  public void streamStaticJoinThenAggregate() {
    MemoryStream in = events();
    DataFrame counts =
        session
            .readStream()
            .memory(in)
            .join(names(), col("id").equalTo(col("key")))
            .groupBy("name")
            .count();
    StreamTest.of(counts, OutputMode.Complete())
        .addData(in, row("a", ts("10:00")), row("a", ts("10:01")), row("b", ts("10:02")))
        .checkAnswer(row("Alpha", 2L), row("Beta", 1L))
        .stop();
  }

  @Test
  public void streamStreamInnerJoinEmitsEachPairWhenItsLaterSideArrives() {
    // Both streams get data in every round: each source numbers its own batches (see
    // StreamDslOperatorsTest.unionWhereOnlyOneStreamGetsNewData).
    MemoryStream impressions = MemoryStream.of(DdlSchema.parse("adId STRING, impTime TIMESTAMP"));
    MemoryStream clicks = MemoryStream.of(DdlSchema.parse("clickAdId STRING, clickTime TIMESTAMP"));
    DataFrame joined =
        session
            .readStream()
            .memory(impressions)
            .withWatermark("impTime", "10 minutes")
            .join(
                session.readStream().memory(clicks).withWatermark("clickTime", "20 minutes"),
                col("adId").equalTo(col("clickAdId")).and(col("clickTime").geq(col("impTime"))))
            .select(col("adId"), col("impTime"), col("clickTime"));
    StreamTest.of(joined, OutputMode.Append())
        .addData(impressions, row("ad1", ts("10:00")), row("ad2", ts("10:01")))
        .addData(clicks, row("ad1", ts("10:02")))
        .checkNewAnswer(row("ad1", ts("10:00"), ts("10:02")))
        .addData(impressions, row("ad3", ts("10:05")))
        .addData(clicks, row("ad2", ts("10:06")), row("ad3", ts("10:04")))
        // ad3's click is before its impression: the condition rejects the pair
        .checkNewAnswer(row("ad2", ts("10:01"), ts("10:06")))
        .stop();
  }
}
