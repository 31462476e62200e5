package dev.sluice.examples.cli;

import dev.sluice.structured.StreamingSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import picocli.CommandLine.Option;

/**
 * {@code --runner=MicroBatchRunner|DirectRunner}: the Beam runner an example runs on. Both are in
 * the examples jar; the examples never import either, Beam finds them by name.
 *
 * <pre>{@code
 * @Mixin RunnerOption runner;
 * ...
 * Pipeline p = Pipeline.create(runner.options());
 * }</pre>
 */
public final class RunnerOption {
  /** The runners the examples jar holds. */
  public enum Runner {
    MicroBatchRunner,
    DirectRunner
  }

  @Option(
      names = "--runner",
      defaultValue = "MicroBatchRunner",
      paramLabel = "RUNNER",
      description = "Beam runner: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Runner runner = Runner.MicroBatchRunner;

  /** The chosen runner. */
  public Runner runner() {
    return runner;
  }

  /** Pipeline options naming the runner, plus {@code extraArgs} ({@code --name=value}). */
  public PipelineOptions options(String... extraArgs) {
    List<String> args = new ArrayList<>(Arrays.asList(extraArgs));
    args.add(0, "--runner=" + runner.name());
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).withValidation().create();
  }

  /**
   * The Structured Streaming session, its queries running on the chosen runner ({@code
   * sluice.runner}).
   *
   * <pre>{@code
   * StreamingSession spark = runner.session("mobile");
   * DataFrame events = spark.readStream().schema("id STRING, ts TIMESTAMP").json(dir);
   * }</pre>
   */
  public StreamingSession session(String appName) {
    return StreamingSession.builder()
        .appName(appName)
        .config("sluice.runner", runner.name())
        .getOrCreate();
  }
}
