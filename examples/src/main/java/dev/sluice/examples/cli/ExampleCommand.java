package dev.sluice.examples.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * One example of the command line: a picocli {@code @Command} whose name is the example's name,
 * registered for {@link java.util.ServiceLoader} so that {@link Examples} finds it. Adding an
 * example is adding one class:
 *
 * <pre>{@code
 * @AutoService(ExampleCommand.class)
 * @Command(name = "log-monitor", description = "DStream: print the lines containing \"error\".")
 * public final class LogMonitor extends ExampleCommand {
 *   @Mixin RunnerOption runner;        // --runner
 *   @Mixin BatchIntervalOption batch;  // --batch-interval
 *
 *   @Override
 *   protected int run() throws Exception {
 *     StreamingContext ssc =
 *         new StreamingContext(runner.options(), batch.orDStream(Duration.ofSeconds(1)));
 *     ssc.printTo(out());
 *     ...
 *     return 0;
 *   }
 * }
 * }</pre>
 *
 * <p>Options shared by several examples are mixins ({@link RunnerOption}, {@link
 * BatchIntervalOption}, {@link InputOption}, {@link OutputOption}, {@link TriggerOptions}): an
 * example takes the ones it uses, so {@code --help} of each example lists exactly what it reads and
 * an option it does not read is rejected as unknown.
 *
 * <p>Output goes to {@link #out()} and {@link #err()}, which {@link dev.sluice.examples.Main} sets
 * (tests pass their own streams). Throw {@link #usageError} for bad input the user can fix: it is
 * printed as one line and the exit code is 2.
 */
public abstract class ExampleCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  private PrintStream out = System.out;
  private PrintStream err = System.err;

  /** Sets where the example prints its results and its messages. */
  public final void setStreams(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Where the example prints its results. */
  protected final PrintStream out() {
    return out;
  }

  /** Where the example prints messages about its progress. */
  protected final PrintStream err() {
    return err;
  }

  /** A usage error to throw for bad input: printed as one line, exit code 2. */
  protected final ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /**
   * Runs the example and returns its exit code (0 on success).
   *
   * @throws Exception when the job fails; {@link dev.sluice.examples.Main} prints it and exits 1
   */
  protected abstract int run() throws Exception;

  @Override
  public final Integer call() throws Exception {
    return run();
  }
}
