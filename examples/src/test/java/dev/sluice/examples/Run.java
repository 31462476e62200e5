package dev.sluice.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of the examples' command line, for tests: its exit code and what it printed.
 *
 * <pre>{@code
 * Run run = Run.of("nope");
 * assertThat(run.code, equalTo(2));
 * assertThat(run.err, equalTo("sluice-examples: unknown example 'nope'; ...\n"));
 * }</pre>
 */
public final class Run {
  public final int code;
  public final String out;
  public final String err;

  private Run(int code, String out, String err) {
    this.code = code;
    this.out = out;
    this.err = err;
  }

  /** Runs {@link Main#execute} with {@code args}, capturing its output. */
  public static Run of(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
  }
}
