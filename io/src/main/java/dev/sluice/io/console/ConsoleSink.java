package dev.sluice.io.console;

import dev.sluice.io.context.RunContext;
import dev.sluice.io.sink.BatchSink;
import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Spark's console sink ({@code writeStream.format("console")}): prints each batch as {@link
 * ConsoleTable#batch} does, a {@code Batch: N} banner and the table.
 *
 * <p>Output goes to {@code System.out} of the JVM that runs the sink step (looked up at each batch,
 * so {@code System.setOut} works), or, with {@link #withRunOutput}, to the stream put in a run's
 * {@link RunContext} with {@link #setOutput}, so tests can capture it; that stream is in the
 * driver's JVM, so capturing works where the pipeline runs there (elsewhere a batch fails, naming
 * the console capture). Options are the console sink's: {@code numRows} (default 20) and {@code
 * truncate} (default true). A batch id at or below the last one printed by this sink is skipped (a
 * batch replayed after a restart is not printed twice).
 *
 * <pre>{@code
 * ByteArrayOutputStream captured = new ByteArrayOutputStream();
 * ConsoleSink.setOutput(run, new PrintStream(captured, true, StandardCharsets.UTF_8));
 * BatchSink sink = ConsoleSink.fromOptions(Map.of("truncate", "false")).withRunOutput(run.runId());
 * sink.addBatch(0, schema, rows);   // captured holds "-------...\nBatch: 0\n-------...\n+---..."
 * }</pre>
 */
public final class ConsoleSink implements BatchSink {
  private static final long serialVersionUID = 1L;
  private static final String CONTEXT_NAME = "io.consoleOutput";

  @Nullable private final ConsoleTable table;
  private final Map<String, String> options;

  /** The run whose context holds the output; null: System.out. */
  @Nullable private final String runId;

  private long lastPrinted = -1;

  private ConsoleSink(
      @Nullable ConsoleTable table, Map<String, String> options, @Nullable String runId) {
    this.table = table;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.runId = runId;
  }

  /** A sink printing with {@code table}'s settings (its schema must be the batches' schema). */
  public static ConsoleSink of(ConsoleTable table) {
    if (table == null) {
      throw new IllegalArgumentException(
          "ConsoleSink.of needs a table, e.g. ConsoleTable.of(schema)");
    }
    return new ConsoleSink(table, Map.of(), null);
  }

  /** A sink with Spark's defaults: 20 rows, cells cut at 20 characters. */
  public static ConsoleSink create() {
    return fromOptions(Map.of());
  }

  /**
   * A sink configured by the console sink's options ({@code numRows}, {@code truncate}); other
   * options are ignored.
   *
   * @throws IllegalArgumentException for a bad value, at once
   */
  public static ConsoleSink fromOptions(Map<String, String> options) {
    ConsoleTable.fromOptions(Schema.builder().build(), options); // validates now
    return new ConsoleSink(null, options, null);
  }

  /**
   * A copy printing to the stream {@link #setOutput} put in the context of run {@code runId},
   * instead of {@code System.out}.
   */
  public ConsoleSink withRunOutput(String runId) {
    if (runId == null || runId.isEmpty()) {
      throw new IllegalArgumentException(
          "withRunOutput needs the id of the run whose context holds the output");
    }
    return new ConsoleSink(table, options, runId);
  }

  /** Makes {@code stream} the output of the console sinks of {@code run} built with its id. */
  public static void setOutput(RunContext run, PrintStream stream) {
    if (run == null || stream == null) {
      throw new IllegalArgumentException("setOutput needs a run context and a stream");
    }
    run.put(CONTEXT_NAME, stream);
  }

  @Override
  public synchronized void addBatch(long batchId, Schema schema, List<Row> rows) {
    if (batchId <= lastPrinted) {
      return;
    }
    ConsoleTable t = table != null ? table : ConsoleTable.fromOptions(schema, options);
    PrintStream out = output();
    out.print(t.batch(batchId, rows));
    out.flush();
    lastPrinted = batchId;
  }

  private PrintStream output() {
    if (runId == null) {
      return System.out;
    }
    PrintStream out =
        RunContext.require(runId, "Capturing the console sink's output")
            .get(CONTEXT_NAME, PrintStream.class);
    if (out == null) {
      throw new IllegalStateException(
          "Run "
              + runId
              + " has no console output: call ConsoleSink.setOutput(run, stream) before the"
              + " run's first batch, or drop withRunOutput to print to System.out");
    }
    return out;
  }

  @Override
  public String description() {
    return "ConsoleSink[" + (runId == null ? "System.out" : "captured") + "]";
  }
}
