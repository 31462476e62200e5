package dev.sluice.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * One in-process run of the examples' command line, for tests: its exit code and what it printed.
 *
 * <pre>{@code
 * Run run = Run.of("nope");
 * assertThat(run.code, equalTo(2));
 * assertThat(run.err, equalTo("sluice-examples: unknown example 'nope'; ...\n"));
 *
 * Run.Background job = Run.start("wordcount-socket", "--port=9999");
 * job.awaitOutput("the counts", out -> out.contains("(be,2)"));
 * Run stopped = job.stop(); // interrupts the example, which stops its job
 * }</pre>
 */
public final class Run {
  /**
   * How long a test waits for a condition (output seen, a job ended) before it calls the example
   * hung. Tests wait on conditions, never on time; this only keeps a broken example from hanging
   * the build, so it is long enough for a heavily loaded 2-core machine.
   */
  public static final long HANG_GUARD_MILLIS = 10 * 60_000;

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

  /**
   * Starts {@link Main#execute} with {@code args} on a thread of its own, for examples that run
   * until stopped: wait for their output with {@link Background#awaitOutput}, then {@link
   * Background#stop} them.
   */
  public static Background start(String... args) {
    return new Background(args);
  }

  /** An example running on a thread of its own, with its output so far. */
  public static final class Background {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile int code = -1;

    private Background(String[] args) {
      PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
      PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
      thread =
          new Thread(() -> code = Main.execute(args, outStream, errStream), "example-" + args[0]);
      thread.setDaemon(true);
      thread.start();
    }

    /** What the example printed so far. */
    public String out() {
      synchronized (out) {
        return out.toString(StandardCharsets.UTF_8);
      }
    }

    /**
     * Waits until the example's output satisfies {@code condition}.
     *
     * @throws AssertionError showing the output so far if the example ended first or the hang guard
     *     ran out
     */
    public void awaitOutput(String what, Predicate<String> condition) throws InterruptedException {
      long deadline = System.currentTimeMillis() + HANG_GUARD_MILLIS;
      while (!condition.test(out())) {
        if (!thread.isAlive() && !condition.test(out())) {
          throw new AssertionError("The example ended before " + what + ":\n" + result());
        }
        if (System.currentTimeMillis() > deadline) {
          stop();
          throw new AssertionError("No " + what + " within the hang guard:\n" + result());
        }
        Thread.sleep(20);
      }
    }

    /** Interrupts the example (it stops its job) and waits for it to return. */
    public Run stop() throws InterruptedException {
      thread.interrupt();
      thread.join(HANG_GUARD_MILLIS);
      if (thread.isAlive()) {
        throw new AssertionError("The example did not return when interrupted:\n" + result());
      }
      return result();
    }

    private Run result() {
      return new Run(code, out(), err.toString(StandardCharsets.UTF_8));
    }
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
  }
}
