package dev.sluice.examples;

import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.examples.cli.Examples;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line of the examples jar: {@code java -jar examples/target/sluice-examples.jar
 * <example> [options]}, one subcommand per example (see {@link Examples} for how they are found).
 *
 * <pre>{@code
 * java -jar examples/target/sluice-examples.jar --help
 * java -jar examples/target/sluice-examples.jar hashtags --runner=DirectRunner --window=30s
 * java -jar examples/target/sluice-examples.jar log-monitor --help
 * }</pre>
 *
 * <p>Exit codes: 0 when the example ran to its end, 2 for a usage error (an unknown example or
 * option, a missing input path: one line on standard error, no stack trace), 1 when the job failed.
 * Tests call {@link #execute} instead of {@link #main}, which ends the JVM.
 */
@Command(
    name = "sluice-examples",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Runs one of Sluice's examples on the bundled data (or your own).",
    synopsisSubcommandLabel = "EXAMPLE",
    commandListHeading = "%nExamples:%n",
    footer = {
      "",
      "Options common to the examples (each example's --help lists the ones it takes):",
      "  --runner=MicroBatchRunner|DirectRunner, --input PATH, --output PATH,",
      "  --batch-interval DURATION, --trigger available-now|processing-time, --follow",
      "",
      "Exit codes: 0 done, 1 the job failed, 2 usage error."
    })
public final class Main implements Callable<Integer> {
  /** Exit code of a usage error (unknown example or option, missing input). */
  public static final int USAGE = 2;

  /** Exit code of a job that failed. */
  public static final int FAILED = 1;

  private final PrintStream err;

  private Main(PrintStream err) {
    this.err = err;
  }

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(execute(args, System.out, System.err));
  }

  /**
   * Runs the command line without exiting the JVM: results go to {@code out}, help and errors to
   * {@code err}.
   *
   * <pre>{@code
   * int code = Main.execute(new String[] {"nope"}, out, err); // 2, one line on err
   * }</pre>
   *
   * @return the exit code: 0 done, 1 the job failed, 2 usage error
   */
  public static int execute(String[] args, PrintStream out, PrintStream err) {
    return commandLine(out, err).execute(args);
  }

  /** The command line with every registered example as a subcommand. */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Main(err));
    List<ExampleCommand> examples = Examples.load();
    for (ExampleCommand example : examples) {
      example.setStreams(out, err);
      cli.addSubcommand(Examples.name(example), example);
    }
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine().getErr().println(oneLine(ex, examples));
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          PrintWriter errors = commandLine.getErr();
          errors.println(commandLine.getCommandName() + ": failed: " + ex);
          ex.printStackTrace(errors);
          errors.flush();
          return FAILED;
        });
    return cli;
  }

  /** The message of a usage error as one line, naming what is wrong and where help is. */
  static String oneLine(ParameterException ex, List<ExampleCommand> examples) {
    CommandLine where = ex.getCommandLine();
    String message;
    if (where.getParent() == null
        && ex instanceof UnmatchedArgumentException
        && !((UnmatchedArgumentException) ex).getUnmatched().isEmpty()
        && !((UnmatchedArgumentException) ex).getUnmatched().get(0).startsWith("-")) {
      String names = examples.stream().map(Examples::name).collect(Collectors.joining(", "));
      message =
          "unknown example '"
              + ((UnmatchedArgumentException) ex).getUnmatched().get(0)
              + "'; choose one of: "
              + names;
    } else {
      message = ex.getMessage();
    }
    String command = where.getCommandSpec().qualifiedName(" ");
    return (command + ": " + message + " (see " + command + " --help)")
        .replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  /** Without an example name: print the help to standard error, as a usage error. */
  @Override
  public Integer call() {
    err.println("sluice-examples: name an example to run (see sluice-examples --help)");
    return USAGE;
  }

  /** The version of this jar, from its manifest when there is one. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"sluice-examples " + (version != null ? version : "(development)")};
    }
  }
}
