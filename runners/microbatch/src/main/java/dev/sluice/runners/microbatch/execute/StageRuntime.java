package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.translate.StageSpec;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A stage while the pipeline runs: its buffered input, its partitions' chains, and its output
 * watermark.
 *
 * <p>Each batch calls {@link #runBatch} once per stage, in topological order, so a stage sees the
 * elements and watermarks its upstream stages produced in the same batch.
 * <!-- given: List<StageRuntime> stagesInOrder; WorkerPool pool; BatchStats stats; -->
 *
 * <pre>{@code
 * for (StageRuntime stage : stagesInOrder) {
 *   stage.runBatch(pool, stats);
 * }
 * }</pre>
 */
public abstract class StageRuntime {
  protected final ExecutionContext context;
  protected final StageSpec spec;
  private volatile Instant outputWatermark = BoundedWindow.TIMESTAMP_MIN_VALUE;

  protected StageRuntime(ExecutionContext context, StageSpec spec) {
    this.context = context;
    this.spec = spec;
  }

  /** The stage's plan. */
  public StageSpec spec() {
    return spec;
  }

  /** Runs this batch's share of the stage: input, then timers, then the watermark. */
  public abstract void runBatch(WorkerPool pool, BatchStats stats) throws Exception;

  /** The buffer upstream chains write this stage's input into; null for sources. */
  public abstract @Nullable InputBuffer inputBuffer();

  /** Called after every stage of a batch succeeded: finalize checkpoints and bundles. */
  public abstract void commitBatch() throws Exception;

  /** The next processing time at which this stage has a timer, or null. */
  public abstract @Nullable Instant nextProcessingTimer();

  /** Tears down every operator; exceptions are collected with {@code addSuppressed}. */
  public abstract void teardown(Throwable collector);

  /** The stage's output watermark. */
  public Instant outputWatermark() {
    return outputWatermark;
  }

  /** Moves the output watermark forward; returns true if it moved. */
  protected boolean advanceOutputWatermark(Instant watermark) {
    if (watermark.isAfter(outputWatermark)) {
      outputWatermark = watermark;
      return true;
    }
    return false;
  }

  /** True once the output watermark is at the end of time. */
  public boolean isDone() {
    return !outputWatermark.isBefore(BoundedWindow.TIMESTAMP_MAX_VALUE);
  }
}
