package dev.sluice.runners.microbatch;

import dev.sluice.runners.microbatch.execute.BatchExecutor;
import dev.sluice.runners.microbatch.translate.PipelineGraph;
import dev.sluice.runners.microbatch.translate.PipelineRewriter;
import dev.sluice.runners.microbatch.translate.StagePlan;
import dev.sluice.runners.microbatch.translate.StepKind;
import org.apache.beam.runners.core.metrics.MetricsContainerStepMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineRunner;
import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsValidator;

/**
 * A Beam runner that executes a pipeline as a loop of micro-batches on worker threads of this JVM.
 *
 * <p>Each batch reads a bounded slice from every source, runs the fused graph (consecutive
 * stateless steps run in one thread without copies; keyed steps are hash-partitioned over {@code
 * --parallelism} workers), then advances watermarks and fires due timers. Bounded pipelines end
 * when every source is exhausted and every watermark reaches the end of time; unbounded ones run
 * until {@link org.apache.beam.sdk.PipelineResult#cancel()}.
 *
 * <pre>{@code
 * PipelineOptions options =
 *     PipelineOptionsFactory.fromArgs("--runner=MicroBatchRunner", "--parallelism=4").create();
 * Pipeline p = Pipeline.create(options);
 * p.apply(TextIO.read().from("words.txt"))
 *     .apply(Count.perElement())
 *     .apply(MapElements.into(TypeDescriptors.strings()).via(kv -> kv.getKey() + ": " + kv.getValue()))
 *     .apply(TextIO.write().to("counts"));
 * p.run().waitUntilFinish();
 * }</pre>
 *
 * @see MicroBatchPipelineOptions for the options
 */
public final class MicroBatchRunner extends PipelineRunner<MicroBatchPipelineResult> {
  private final MicroBatchPipelineOptions options;

  private MicroBatchRunner(MicroBatchPipelineOptions options) {
    this.options = options;
  }

  /**
   * Creates the runner from options; called by Beam for {@code --runner=MicroBatchRunner}. Option
   * values are checked by {@link #run}.
   */
  public static MicroBatchRunner fromOptions(PipelineOptions options) {
    return new MicroBatchRunner(options.as(MicroBatchPipelineOptions.class));
  }

  /**
   * Checks option values.
   *
   * @throws IllegalArgumentException naming the first option whose value the runner cannot use
   */
  static void validate(MicroBatchPipelineOptions mb) {
    PipelineOptionsValidator.validate(MicroBatchPipelineOptions.class, mb);
    check(mb.getParallelism() >= 1, "--parallelism", mb.getParallelism(), "at least 1");
    check(
        mb.getMaxRecordsPerBatch() >= 1,
        "--maxRecordsPerBatch",
        mb.getMaxRecordsPerBatch(),
        "at least 1");
    check(
        mb.getMaxReadTimeMillis() >= 1,
        "--maxReadTimeMillis",
        mb.getMaxReadTimeMillis(),
        "at least 1");
    check(
        mb.getBatchIntervalMillis() >= 0,
        "--batchIntervalMillis",
        mb.getBatchIntervalMillis(),
        "0 (start batches back to back) or more");
    check(mb.getIdleSleepMillis() >= 0, "--idleSleepMillis", mb.getIdleSleepMillis(), "0 or more");
  }

  private static void check(boolean ok, String option, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(
          String.format(
              "MicroBatchRunner: %s=%s is not valid; it must be %s.", option, value, expected));
    }
  }

  @Override
  public MicroBatchPipelineResult run(Pipeline pipeline) {
    validate(options);
    PipelineRewriter.rewrite(pipeline);
    PipelineGraph graph = PipelineGraph.of(pipeline);
    StagePlan plan = StagePlan.of(graph);
    boolean testStream =
        graph.steps().stream().anyMatch(step -> step.kind() == StepKind.TEST_STREAM);
    MetricsEnvironment.setMetricsSupported(true);
    MetricsContainerStepMap metrics = new MetricsContainerStepMap();
    BatchExecutor executor = BatchExecutor.start(options, plan, metrics, testStream);
    MicroBatchPipelineResult result = new MicroBatchPipelineResult(executor);
    if (options.isBlockOnRun()) {
      result.waitUntilFinish();
    }
    return result;
  }

  @Override
  public String toString() {
    return "MicroBatchRunner";
  }
}
