package dev.sluice.examples.support;

import dev.sluice.io.console.ConsoleSink;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.DataStreamWriter;
import java.io.PrintStream;
import java.util.UUID;

/**
 * Sends the console sink of a Structured query to an example's {@code out()} instead of {@code
 * System.out}, so that tests capture the {@code Batch: N} tables. Close it when the query is done.
 *
 * <pre>{@code
 * try (ConsoleOutput console = ConsoleOutput.to(out())) {
 *   StreamingQuery query = console.writeStream(counts)
 *       .outputMode("complete").option("truncate", false).start();
 *   query.awaitTermination();
 * }
 * }</pre>
 */
public final class ConsoleOutput implements AutoCloseable {
  private final String name;

  private ConsoleOutput(String name) {
    this.name = name;
  }

  /** Registers {@code out} as a console output under a fresh name. */
  public static ConsoleOutput to(PrintStream out) {
    ConsoleOutput output = new ConsoleOutput("examples-" + UUID.randomUUID());
    ConsoleSink.registerOutput(output.name, out);
    return output;
  }

  /** {@code frame.writeStream().format("console")}, printing to this output. */
  public DataStreamWriter writeStream(DataFrame frame) {
    return frame.writeStream().format("console").option("sluice.consoleOutput", name);
  }

  @Override
  public void close() {
    ConsoleSink.unregisterOutput(name);
  }
}
