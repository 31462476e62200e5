package ${package};

import static dev.sluice.structured.testing.StreamTest.row;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.OutputMode;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.testing.StreamTest;
import java.util.List;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link ActionCounts} driven batch by batch from a {@code MemoryStream} with Sluice's {@code
 * StreamTest} (Spark's {@code testStream} DSL), on MicroBatchRunner.
 */
@RunWith(JUnit4.class)
public class ActionCountsTest {
  private static Instant ts(String time) {
    return Instant.parse("2018-03-02T" + time + ":00Z");
  }

  private static List<Object> window(String start, String end) {
    return row(ts(start), ts(end));
  }

  @Test
  public void countsPerWindowAndDropsLateEvents() {
    StreamingSession spark = StreamingSession.builder().appName("test").getOrCreate();
    MemoryStream input = MemoryStream.of(DdlSchema.parse(ActionCounts.SCHEMA));
    DataFrame counts = ActionCounts.actionCounts(spark.readStream().memory(input));

    StreamTest.of(counts, OutputMode.Update())
        .addData(
            input,
            row("phone1", "open", ts("10:02")),
            row("phone2", "open", ts("10:03")),
            row("phone1", "close", ts("10:04")))
        .checkNewAnswer(
            row(window("10:00", "10:10"), "open", 2L), row(window("10:00", "10:10"), "close", 1L))
        // An event at 10:25 moves the watermark to 10:15, past the end of [10:00, 10:10).
        .addData(input, row("phone3", "open", ts("10:25")))
        .checkNewAnswer(row(window("10:20", "10:30"), "open", 1L))
        .assertWatermark("2018-03-02T10:15:00.000Z")
        // Too late for its window: dropped, nothing changes.
        .addData(input, row("phone4", "open", ts("10:05")))
        .checkNewAnswer()
        // Still in time for [10:20, 10:30): its count goes up.
        .addData(input, row("phone5", "open", ts("10:21")))
        .checkNewAnswer(row(window("10:20", "10:30"), "open", 2L))
        .stop();
  }
}
