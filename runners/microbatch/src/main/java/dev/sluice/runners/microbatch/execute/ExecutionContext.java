package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.MicroBatchPipelineOptions;
import dev.sluice.runners.microbatch.translate.StagePlan;
import dev.sluice.runners.microbatch.translate.StageSpec;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.runners.core.metrics.MetricsContainerImpl;
import org.apache.beam.runners.core.metrics.MetricsContainerStepMap;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;

/**
 * What every stage of one pipeline run shares: options, the plan, the other stages' watermarks, the
 * side input store, metrics and the clock.
 *
 * <pre>{@code
 * Instant wm = context.watermark(stage.input());
 * MetricsContainerImpl metrics = context.metrics(step.name());
 * }</pre>
 */
public final class ExecutionContext {
  private final MicroBatchPipelineOptions options;
  private final StagePlan plan;
  private final MetricsContainerStepMap metrics;
  private final ViewStore views;
  private final BatchClock clock;
  private final Map<StageSpec, StageRuntime> runtimes = new HashMap<>();

  ExecutionContext(
      MicroBatchPipelineOptions options,
      StagePlan plan,
      MetricsContainerStepMap metrics,
      BatchClock clock) {
    this.options = options;
    this.plan = plan;
    this.metrics = metrics;
    this.clock = clock;
    this.views = new ViewStore(this::watermark);
  }

  /** The pipeline's options. */
  public MicroBatchPipelineOptions options() {
    return options;
  }

  /** Worker threads, and partitions of each keyed stage. */
  public int parallelism() {
    return options.getParallelism();
  }

  /** The stage plan. */
  public StagePlan plan() {
    return plan;
  }

  /** Side inputs. */
  public ViewStore views() {
    return views;
  }

  /** The clock of processing time. */
  public BatchClock clock() {
    return clock;
  }

  /** The metrics container of a step. */
  public MetricsContainerImpl metrics(String stepName) {
    return metrics.getContainer(stepName);
  }

  void register(StageSpec spec, StageRuntime runtime) {
    runtimes.put(spec, runtime);
  }

  /** The runtime of a stage. */
  public StageRuntime runtime(StageSpec spec) {
    return runtimes.get(spec);
  }

  /**
   * The watermark of a collection: the minimum output watermark of the stages producing it, or the
   * end of time if none does.
   */
  public Instant watermark(PCollection<?> pc) {
    Instant min = BoundedWindow.TIMESTAMP_MAX_VALUE;
    for (StageSpec producer : plan.producersOf(pc)) {
      Instant wm = runtimes.get(producer).outputWatermark();
      if (wm.isBefore(min)) {
        min = wm;
      }
    }
    return min;
  }
}
