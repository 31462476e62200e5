package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.session_window;
import static dev.sluice.structured.Functions.window;
import static dev.sluice.structured.testing.StreamTest.row;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.testing.StreamTest;
import java.util.List;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Test;

/**
 * Event-time aggregations through the {@link StreamTest} DSL, worked out from Spark's rules: the
 * watermark of a batch is {@code max(ts seen before it) - delay}; append emits a window once {@code
 * end <= watermark} (in a no-data batch if need be), update emits changed groups, complete the
 * whole table; rows for windows already at or below the watermark are dropped in append and update
 * mode.
 */
public class StreamDslWindowsTest {
  private StreamingSession session;
  private MemoryStream in;
  private DataFrame events;

  @Before
  public void setUp() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    in = MemoryStream.of(DdlSchema.parse("word STRING, ts TIMESTAMP"));
    events = session.readStream().memory(in);
  }

  static Instant ts(String time) {
    return Instant.parse("2018-03-02T" + time + ":00Z");
  }

  static List<Object> win(String start, String end) {
    return List.of(ts(start), ts(end));
  }

  private DataFrame windowedCounts() {
    return events
        .withWatermark("ts", "10 minutes")
        .groupBy(window(col("ts"), "10 minutes"), col("word"))
        .count();
  }

  @Test
  public void appendModeEmitsAWindowOnceAndDropsLateRows() {
    StreamTest t = StreamTest.of(windowedCounts(), OutputMode.Append());
    t.addData(in, row("a", ts("10:02")), row("a", ts("10:03")))
        .checkNewAnswer() // wm 0: nothing is final
        .assertWatermark("2018-03-02T09:53:00.000Z")
        // this batch runs with wm 09:53; its max 10:25 moves wm to 10:15, and the no-data
        // batch that follows finalizes [10:00, 10:10)
        .addData(in, row("a", ts("10:25")))
        .checkNewAnswer(row(win("10:00", "10:10"), "a", 2L))
        .assertWatermark("2018-03-02T10:15:00.000Z")
        // 10:04 belongs to a window that ended at or before the watermark: dropped, counted
        .addData(in, row("a", ts("10:04")), row("a", ts("10:21")))
        .checkNewAnswer();
    assertThat(
        t.streamingQuery().lastProgress().stateOperators().get(0).numRowsDroppedByWatermark(),
        equalTo(1L));
    t.addData(in, row("b", ts("10:45"))) // wm -> 10:35: [10:20, 10:30) is final
        .checkNewAnswer(row(win("10:20", "10:30"), "a", 2L))
        .stop();
  }

  @Test
  public void updateModeEmitsChangedWindows() {
    StreamTest.of(windowedCounts(), OutputMode.Update())
        .addData(in, row("a", ts("10:02")), row("a", ts("10:03")))
        .checkNewAnswer(row(win("10:00", "10:10"), "a", 2L))
        .addData(in, row("a", ts("10:25")), row("b", ts("10:05")))
        .checkNewAnswer(row(win("10:20", "10:30"), "a", 1L), row(win("10:00", "10:10"), "b", 1L))
        // wm is now 10:15: 10:04 is late and dropped; only [10:20, 10:30) changes
        .addData(in, row("a", ts("10:04")), row("a", ts("10:21")))
        .checkNewAnswer(row(win("10:20", "10:30"), "a", 2L))
        .stop();
  }

  @Test
  public void completeModeKeepsWindowsThatTheWatermarkPassed() {
    // Spark: complete mode never evicts, so [10:00, 10:10) stays in the table after the
    // watermark (10:15) passes its end, and no no-data batch is needed.
    StreamTest.of(windowedCounts(), OutputMode.Complete())
        .addData(in, row("a", ts("10:02")), row("b", ts("10:03")))
        .checkAnswer(row(win("10:00", "10:10"), "a", 1L), row(win("10:00", "10:10"), "b", 1L))
        .addData(in, row("a", ts("10:25")))
        .checkAnswer(
            row(win("10:00", "10:10"), "a", 1L),
            row(win("10:00", "10:10"), "b", 1L),
            row(win("10:20", "10:30"), "a", 1L))
        .addData(in, row("c", ts("10:26")))
        .checkAnswer(
            row(win("10:00", "10:10"), "a", 1L),
            row(win("10:00", "10:10"), "b", 1L),
            row(win("10:20", "10:30"), "a", 1L),
            row(win("10:20", "10:30"), "c", 1L))
        .checkBatchCount(3)
        .stop();
  }

  @Test
  public void completeModeCountsLateRows() {
    // Spark: complete mode keeps the whole table, so the watermark neither evicts state nor
    // drops late rows.
    StreamTest.of(windowedCounts(), OutputMode.Complete())
        .addData(in, row("a", ts("10:02")))
        .checkAnswer(row(win("10:00", "10:10"), "a", 1L))
        .addData(in, row("a", ts("10:25")))
        .checkAnswer(row(win("10:00", "10:10"), "a", 1L), row(win("10:20", "10:30"), "a", 1L))
        .addData(in, row("a", ts("10:04")))
        .checkAnswer(row(win("10:00", "10:10"), "a", 2L), row(win("10:20", "10:30"), "a", 1L))
        .stop();
  }

  @Test
  public void slidingWindowsCountARowInEachWindowItFalls() {
    DataFrame counts =
        events
            .withWatermark("ts", "10 minutes")
            .groupBy(window(col("ts"), "10 minutes", "5 minutes"))
            .count();
    StreamTest.of(counts, OutputMode.Update())
        .addData(in, row("a", ts("10:07")))
        .checkNewAnswer(row(win("10:00", "10:10"), 1L), row(win("10:05", "10:15"), 1L))
        .stop();
  }

  @Test
  public void sessionWindowsMergeAcrossBatchesAndCloseAfterTheGap() {
    // Sessions with a 5-minute gap, appended once their end (last event + gap) <= watermark.
    // batch 0: u@10:00, u@10:02 -> session [10:00, 10:07); wm after: 09:52
    // batch 1: u@10:04          -> merged into [10:00, 10:09), count 3; wm after: 09:54
    // batch 2: u@10:30          -> new session [10:30, 10:35); wm after: 10:20, so the no-data
    //                              batch 3 emits the closed session [10:00, 10:09).
    DataFrame sessions =
        events
            .withWatermark("ts", "10 minutes")
            .groupBy(session_window(col("ts"), "5 minutes"), col("word"))
            .count();
    StreamTest.of(sessions, OutputMode.Append())
        .addData(in, row("u", ts("10:00")), row("u", ts("10:02")))
        .checkNewAnswer()
        .addData(in, row("u", ts("10:04")))
        .checkNewAnswer()
        .addData(in, row("u", ts("10:30")))
        .checkNewAnswer(row(win("10:00", "10:09"), "u", 3L))
        .stop();
  }

  @Test
  public void chainedAggregationInCompleteMode() {
    // how many words have each count (Spark refuses two aggregations; Sluice recomputes the
    // second over the first's whole table every batch). Output names must be unique in Sluice.
    DataFrame histogram =
        events.groupBy("word").count().withColumnRenamed("count", "n").groupBy("n").count();
    StreamTest.of(histogram, OutputMode.Complete())
        .addData(in, row("a", ts("10:00")), row("b", ts("10:00")), row("a", ts("10:01")))
        .checkAnswer(row(2L, 1L), row(1L, 1L))
        .addData(in, row("b", ts("10:02")), row("c", ts("10:03")))
        .checkAnswer(row(2L, 2L), row(1L, 1L))
        .stop();
  }

  @Test
  public void orderByAndLimitInCompleteMode() {
    DataFrame top = events.groupBy("word").count().orderBy(col("count").desc()).limit(2);
    StreamTest.of(top, OutputMode.Complete())
        .addData(
            in,
            row("a", ts("10:00")),
            row("a", ts("10:00")),
            row("a", ts("10:00")),
            row("b", ts("10:00")),
            row("c", ts("10:00")),
            row("c", ts("10:00")))
        .checkAnswer(row("a", 3L), row("c", 2L))
        .addData(in, row("b", ts("10:00")), row("b", ts("10:00")), row("b", ts("10:00")))
        .checkAnswer(row("b", 4L), row("a", 3L))
        .stop();
  }
}
