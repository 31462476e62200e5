package dev.sluice.examples;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.examples.cli.Examples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line as a user meets it: help, exit codes, one-line usage errors. */
@RunWith(JUnit4.class)
public class MainTest {
  private static final List<String> EXAMPLES =
      List.of(
          "access-logs",
          "dedup",
          "file-stream",
          "hashtags",
          "jdbc",
          "json-to-files",
          "kafka",
          "log-monitor",
          "mobile",
          "rate",
          "stream-join",
          "watermark",
          "windowed-wordcount",
          "wordcount-socket");

  private static void assertOneLineUsageError(Run run, String expected) {
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(run.toString(), run.out, equalTo(""));
    assertThat(run.err, equalTo(expected + "\n"));
  }

  @Test
  public void registryHoldsEveryExampleSortedByName() {
    assertThat(
        Examples.load().stream().map(Examples::name).collect(Collectors.toList()),
        equalTo(EXAMPLES));
  }

  @Test
  public void helpNamesEveryExample() {
    Run run = Run.of("--help");
    assertThat(run.toString(), run.code, equalTo(0));
    for (String name : EXAMPLES) {
      assertThat(run.out, containsString("\n  " + name + " "));
    }
    assertThat(run.out, containsString("--runner=MicroBatchRunner|DirectRunner"));
  }

  @Test
  public void eachExampleHasItsOwnHelp() {
    Run run = Run.of("log-monitor", "--help");
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(run.out, containsString("Usage: sluice-examples log-monitor"));
    assertThat(run.out, containsString("--runner=RUNNER"));
    assertThat(run.out, containsString("--port=PORT"));
    assertThat(run.out, not(containsString("--output")));
  }

  @Test
  public void unknownExampleIsOneLineAndExitCode2() {
    assertOneLineUsageError(
        Run.of("mobil", "--runner=DirectRunner"),
        "sluice-examples: unknown example 'mobil'; choose one of: "
            + String.join(", ", EXAMPLES)
            + " (see sluice-examples --help)");
  }

  @Test
  public void missingInputPathIsOneLineAndExitCode2() {
    assertOneLineUsageError(
        Run.of("hashtags", "--input", "/no/such/tweets.txt"),
        "sluice-examples hashtags: --input /no/such/tweets.txt: no such file or directory; give an"
            + " existing path (see sluice-examples hashtags --help)");
  }

  @Test
  public void unknownOptionIsOneLineAndExitCode2() {
    Run run = Run.of("log-monitor", "--output=/tmp/x");
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(run.err, containsString("Unknown option: '--output=/tmp/x'"));
    assertThat(run.err.strip().lines().count(), equalTo(1L));
  }

  @Test
  public void badValuesAreOneLineAndExitCode2() {
    Run runner = Run.of("hashtags", "--runner=SparkRunner");
    assertThat(runner.toString(), runner.code, equalTo(Main.USAGE));
    assertThat(runner.err, containsString("expected one of [MicroBatchRunner, DirectRunner]"));
    assertThat(runner.err.strip().lines().count(), equalTo(1L));

    Run interval = Run.of("log-monitor", "--batch-interval=soon");
    assertThat(interval.toString(), interval.code, equalTo(Main.USAGE));
    assertThat(interval.err, containsString("'soon' is not a positive duration"));
    assertThat(interval.err.strip().lines().count(), equalTo(1L));
  }

  @Test
  public void noExampleIsAUsageError() {
    assertOneLineUsageError(
        Run.of(), "sluice-examples: name an example to run (see sluice-examples --help)");
  }

  @Test
  public void inputOfTheWrongKindIsAUsageError() {
    Run run = Run.of("hashtags", "--input", System.getProperty("java.io.tmpdir"));
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(run.err, containsString("is a directory"));
  }

  /** An example whose job fails. */
  @Command(name = "boom")
  static final class Boom extends ExampleCommand {
    @Override
    protected int run() {
      throw new IllegalStateException("the sink is full");
    }
  }

  @Test
  public void aFailingJobExitsWith1AndSaysWhy() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    CommandLine cli = Main.commandLine(System.out, errStream);
    Boom boom = new Boom();
    boom.setStreams(System.out, errStream);
    cli.addSubcommand("boom", boom);
    cli.setErr(new PrintWriter(errStream, true, StandardCharsets.UTF_8)); // reaches the new one
    assertThat(cli.execute("boom"), equalTo(Main.FAILED));
    assertThat(
        err.toString(StandardCharsets.UTF_8),
        startsWith("boom: failed: java.lang.IllegalStateException: the sink is full\n"));
  }

  @Test
  public void bothRunnersAreOnTheRuntimeClasspath() {
    for (String runner : new String[] {"MicroBatchRunner", "DirectRunner"}) {
      assertThat(
          PipelineOptionsFactory.fromArgs("--runner=" + runner)
              .create()
              .getRunner()
              .getSimpleName(),
          equalTo(runner));
    }
  }
}
