package dev.sluice.io.console;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.context.RunContext;
import dev.sluice.io.schema.DdlSchema;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link ConsoleSink}. */
@RunWith(JUnit4.class)
public class ConsoleSinkTest {
  private static final Schema WORDS = DdlSchema.parse("word STRING, count BIGINT");

  @Test
  public void printsEachBatchOnceToTheRunsOutput() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    RunContext run = RunContext.open();
    ConsoleSink.setOutput(run, new PrintStream(captured, true, StandardCharsets.UTF_8));
    ConsoleSink sink =
        ConsoleSink.fromOptions(Map.of("numRows", "1", "truncate", "false"))
            .withRunOutput(run.runId());
    List<Row> rows =
        List.of(
            Row.withSchema(WORDS).addValues("a very long word indeed here", 2L).build(),
            Row.withSchema(WORDS).addValues("b", 1L).build());
    sink.addBatch(0, WORDS, rows);
    sink.addBatch(0, WORDS, rows); // replay: not printed again
    String expected = ConsoleTable.of(WORDS).withNumRows(1).withTruncate(false).batch(0, rows);
    assertThat(captured.toString(StandardCharsets.UTF_8), is(expected));
    assertThat(expected, containsString("only showing top 1 row"));
    run.close();
    // the capture ends with the run: a later batch names what needs the driver's JVM
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> sink.addBatch(1, WORDS, rows));
    assertThat(e.getMessage(), containsString("Capturing the console sink's output"));
    assertThat(e.getMessage(), containsString("driver's JVM"));
  }

  @Test
  public void printsToSystemOutByDefault() {
    PrintStream old = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ConsoleSink.of(ConsoleTable.of(WORDS))
          .addBatch(3, WORDS, List.of(Row.withSchema(WORDS).addValues("x", 1L).build()));
    } finally {
      System.setOut(old);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8), containsString("Batch: 3\n"));
  }

  @Test
  public void badOptionsAndUnknownOutputsFailClearly() {
    assertThrows(
        IllegalArgumentException.class, () -> ConsoleSink.fromOptions(Map.of("numRows", "many")));
    try (RunContext run = RunContext.open()) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> ConsoleSink.create().withRunOutput(run.runId()).addBatch(0, WORDS, List.of()));
      assertThat(e.getMessage(), containsString("ConsoleSink.setOutput(run, stream)"));
    }
  }
}
