package dev.sluice.io.console;

import dev.sluice.io.sink.BatchSink;
import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Spark's console sink ({@code writeStream.format("console")}): prints each batch as {@link
 * ConsoleTable#batch} does, a {@code Batch: N} banner and the table.
 *
 * <p>Output goes to {@code System.out} (looked up at each batch, so {@code System.setOut} works),
 * or to a stream registered under a name with {@link #registerOutput} and chosen with {@link
 * #withOutputName}, so tests can capture it. Options are the console sink's: {@code numRows}
 * (default 20) and {@code truncate} (default true). A batch id at or below the last one printed by
 * this sink is skipped (a batch replayed after a restart is not printed twice).
 *
 * <pre>{@code
 * ByteArrayOutputStream captured = new ByteArrayOutputStream();
 * ConsoleSink.registerOutput("test", new PrintStream(captured, true, StandardCharsets.UTF_8));
 * BatchSink sink = ConsoleSink.fromOptions(Map.of("truncate", "false")).withOutputName("test");
 * sink.addBatch(0, schema, rows);   // captured holds "-------...\nBatch: 0\n-------...\n+---..."
 * }</pre>
 */
public final class ConsoleSink implements BatchSink {
  private static final long serialVersionUID = 1L;
  private static final Map<String, PrintStream> OUTPUTS = new ConcurrentHashMap<>();

  @Nullable private final ConsoleTable table;
  private final Map<String, String> options;
  @Nullable private final String outputName;
  private long lastPrinted = -1;

  private ConsoleSink(
      @Nullable ConsoleTable table, Map<String, String> options, @Nullable String outputName) {
    this.table = table;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.outputName = outputName;
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

  /** A copy printing to the stream registered as {@code name} instead of {@code System.out}. */
  public ConsoleSink withOutputName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("withOutputName needs the name of a registered output");
    }
    return new ConsoleSink(table, options, name);
  }

  /** Registers {@code stream} as the output named {@code name} (replacing any before). */
  public static void registerOutput(String name, PrintStream stream) {
    if (name == null || stream == null) {
      throw new IllegalArgumentException("registerOutput needs a name and a stream");
    }
    OUTPUTS.put(name, stream);
  }

  /** Forgets the output named {@code name}. */
  public static void unregisterOutput(String name) {
    if (name != null) {
      OUTPUTS.remove(name);
    }
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
    if (outputName == null) {
      return System.out;
    }
    PrintStream out = OUTPUTS.get(outputName);
    if (out == null) {
      throw new IllegalStateException(
          "No console output is registered as '"
              + outputName
              + "': call ConsoleSink.registerOutput(\""
              + outputName
              + "\", stream) before the query runs, or drop withOutputName to print to"
              + " System.out");
    }
    return out;
  }

  @Override
  public String description() {
    return "ConsoleSink[" + (outputName == null ? "System.out" : outputName) + "]";
  }
}
