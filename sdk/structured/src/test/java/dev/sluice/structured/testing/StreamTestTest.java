package dev.sluice.structured.testing;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;
import static dev.sluice.structured.testing.StreamTest.at;
import static dev.sluice.structured.testing.StreamTest.row;
import static dev.sluice.structured.testing.StreamTest.seconds;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.OutputMode;
import dev.sluice.structured.StreamingSession;
import org.junit.Test;

/** The DSL's documented examples run as written, and a wrong expectation fails. */
public class StreamTestTest {
  private static StreamingSession session() {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    return session;
  }

  @Test
  public void theJavadocExample() {
    MemoryStream input = MemoryStream.of(DdlSchema.parse("word STRING, ts TIMESTAMP"));
    DataFrame counts =
        session()
            .readStream()
            .memory(input)
            .withWatermark("ts", "10 seconds")
            .groupBy(window(col("ts"), "5 seconds"))
            .count();
    StreamTest.of(counts, OutputMode.Append())
        .addData(input, row("a", seconds(10)), row("b", seconds(11)))
        .checkNewAnswer()
        .addData(input, row("c", seconds(25)))
        .checkNewAnswer(row(StreamTest.window(seconds(10), seconds(15)), 2L))
        .assertWatermark("1970-01-01T00:00:15.000Z")
        .stop();
  }

  @Test
  public void theGuideExample() {
    MemoryStream input = MemoryStream.of(DdlSchema.parse("action STRING, ts TIMESTAMP"));
    DataFrame counts =
        session()
            .readStream()
            .memory(input)
            .withWatermark("ts", "10 minutes")
            .groupBy(window(col("ts"), "10 minutes"), col("action"))
            .count();
    StreamTest.of(counts, OutputMode.Update())
        .addData(
            input, row("open", at("2018-03-02T10:02:00Z")), row("open", at("2018-03-02T10:03:00Z")))
        .checkNewAnswer(
            row(
                StreamTest.window(at("2018-03-02T10:00:00Z"), at("2018-03-02T10:10:00Z")),
                "open",
                2L))
        .assertWatermark("2018-03-02T09:53:00.000Z")
        .stop();
  }

  @Test
  public void aWrongAnswerFailsWithBothSides() {
    MemoryStream input = MemoryStream.of(DdlSchema.parse("word STRING"));
    StreamTest test = StreamTest.of(session().readStream().memory(input), OutputMode.Append());
    try {
      AssertionError e =
          assertThrows(
              AssertionError.class, () -> test.addData(input, row("a")).checkNewAnswer(row("b")));
      assertThat(e.getMessage(), containsString("Expected: [[b]]"));
      assertThat(e.getMessage(), containsString("Actual:   [[a]]"));
    } finally {
      test.stop();
    }
  }
}
