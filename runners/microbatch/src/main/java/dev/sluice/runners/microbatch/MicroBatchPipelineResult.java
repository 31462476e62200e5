package dev.sluice.runners.microbatch;

import dev.sluice.runners.microbatch.execute.BatchExecutor;
import dev.sluice.runners.microbatch.execute.StepFailure;
import org.apache.beam.runners.core.metrics.MetricsContainerStepMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.util.UserCodeException;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * The handle of a pipeline running on the {@link MicroBatchRunner}.
 *
 * <pre>{@code
 * MicroBatchPipelineResult result = (MicroBatchPipelineResult) pipeline.run();
 * result.waitUntilFinish(Duration.standardSeconds(30));
 * result.batchesCompleted();
 * result.metrics().queryMetrics(MetricsFilter.builder().build());
 * result.cancel();
 * }</pre>
 */
public final class MicroBatchPipelineResult implements PipelineResult {
  private final BatchExecutor executor;

  MicroBatchPipelineResult(BatchExecutor executor) {
    this.executor = executor;
  }

  @Override
  public State getState() {
    return executor.state();
  }

  /** Batches completed so far. */
  public long batchesCompleted() {
    return executor.batchId();
  }

  @Override
  public State cancel() {
    executor.cancel();
    try {
      executor.awaitTermination(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return getState();
  }

  /**
   * Waits up to {@code duration} for the pipeline to end. Returns its final state, or null if it is
   * still running when the time is up (it keeps running).
   *
   * @throws Pipeline.PipelineExecutionException if the pipeline failed; its cause is the exception
   *     user code threw and its message names the failing transform
   */
  @Override
  public @Nullable State waitUntilFinish(Duration duration) {
    try {
      if (!executor.awaitTermination(duration)) {
        return null;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    rethrowFailure();
    return getState();
  }

  @Override
  public State waitUntilFinish() {
    try {
      executor.awaitTermination(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return getState();
    }
    rethrowFailure();
    return getState();
  }

  private void rethrowFailure() {
    Throwable failure = executor.failure();
    if (failure == null) {
      return;
    }
    StepFailure step = StepFailure.find(failure);
    if (step != null) {
      throw new MicroBatchExecutionException(step.stepName(), step.getCause(), failure);
    }
    Throwable cause = failure;
    while (cause instanceof UserCodeException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException && !(cause instanceof UserCodeException)) {
      throw new MicroBatchExecutionException(null, cause, failure);
    }
    throw new MicroBatchExecutionException(null, cause, failure);
  }

  @Override
  public MetricResults metrics() {
    MetricsContainerStepMap metrics = executor.metrics();
    return MetricsContainerStepMap.asMetricResults(metrics, metrics);
  }

  /**
   * A pipeline failure: the cause is what user code (or the runner) threw; the message names the
   * transform.
   */
  public static final class MicroBatchExecutionException
      extends Pipeline.PipelineExecutionException {
    private static final long serialVersionUID = 1L;
    private final @Nullable String stepName;

    MicroBatchExecutionException(@Nullable String stepName, Throwable cause, Throwable original) {
      super(cause);
      this.stepName = stepName;
      if (original != cause) {
        for (Throwable suppressed : original.getSuppressed()) {
          addSuppressed(suppressed);
        }
      }
    }

    /** The full name of the failing transform, if known. */
    public @Nullable String stepName() {
      return stepName;
    }

    @Override
    public String getMessage() {
      String cause = String.valueOf(getCause());
      return stepName == null ? cause : "Transform '" + stepName + "' failed: " + cause;
    }
  }
}
