package dev.sluice.examples.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.examples.cli.RunnerOption.Runner;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@link RunnerOption} and {@link OutputOption}: parsed values reach the job. */
@RunWith(JUnit4.class)
public class RunnerOptionTest {
  @Command(name = "job")
  static final class Job {
    @Mixin RunnerOption runner;
    @Mixin OutputOption output;
  }

  @Test
  public void microBatchRunnerUnlessAnotherIsNamed() {
    Job job = new Job();
    new CommandLine(job).parseArgs();
    assertThat(job.runner.runner(), equalTo(Runner.MicroBatchRunner));
    PipelineOptions options = job.runner.options("--appName=test");
    assertThat(options.getRunner().getSimpleName(), equalTo("MicroBatchRunner"));
    assertThat(options.getJobName().startsWith("test"), equalTo(true));

    Job direct = new Job();
    new CommandLine(direct).parseArgs("--runner=DirectRunner");
    assertThat(direct.runner.options().getRunner().getSimpleName(), equalTo("DirectRunner"));
  }

  @Test
  public void structuredSessionRunsQueriesOnTheChosenRunner() {
    Job direct = new Job();
    new CommandLine(direct).parseArgs("--runner=DirectRunner");
    assertThat(
        direct.runner.session("test").conf().get("sluice.runner", "none"), equalTo("DirectRunner"));
    Job microBatch = new Job();
    new CommandLine(microBatch).parseArgs();
    assertThat(
        microBatch.runner.session("test").conf().get("sluice.runner", "none"),
        equalTo("MicroBatchRunner"));
  }

  @Test
  public void outputPathOrTheExamplesDefault() {
    Job given = new Job();
    new CommandLine(given).parseArgs("--output=/tmp/out");
    assertThat(given.output.or(Path.of("x")), equalTo(Path.of("/tmp/out")));
    Job absent = new Job();
    new CommandLine(absent).parseArgs();
    assertThat(absent.output.or(Path.of("x")), equalTo(Path.of("x")));
  }
}
