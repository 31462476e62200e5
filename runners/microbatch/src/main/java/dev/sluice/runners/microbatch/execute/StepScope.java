package dev.sluice.runners.microbatch.execute;

import org.apache.beam.runners.core.GroupAlsoByWindowsAggregators;
import org.apache.beam.runners.core.metrics.CounterCell;
import org.apache.beam.runners.core.metrics.MetricsContainerImpl;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricsContainer;
import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Runs user code of one step: with the step's metrics container current, and with any exception
 * tagged with the step's name.
 *
 * <pre>{@code
 * StepScope scope = new StepScope(context, "ParseEvents");
 * scope.run(() -> runner.processElement(element));
 * }</pre>
 */
final class StepScope {
  /** A piece of user code. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  private final String stepName;
  private final MetricsContainerImpl metrics;

  StepScope(ExecutionContext context, String stepName) {
    this.stepName = stepName;
    this.metrics = context.metrics(stepName);
  }

  /** The step's full name. */
  String stepName() {
    return stepName;
  }

  /** The step's metrics. */
  MetricsContainerImpl metrics() {
    return metrics;
  }

  /** The counter of elements dropped because their window had expired, as Beam names it. */
  CounterCell droppedDueToLateness() {
    return metrics.getCounter(
        MetricName.named(
            GroupAlsoByWindowsAggregators.class,
            GroupAlsoByWindowsAggregators.DROPPED_DUE_TO_LATENESS_COUNTER));
  }

  /** Runs {@code body} as this step. */
  void run(Body body) {
    MetricsContainer previous = MetricsEnvironment.setCurrentContainer(metrics);
    try {
      body.run();
    } catch (Exception e) {
      throw StepFailure.of(stepName, e);
    } finally {
      MetricsEnvironment.setCurrentContainer(previous);
    }
  }

  /**
   * Makes this step's metrics current and returns the previous container, for hot paths that cannot
   * afford a lambda per element; pair with {@link #exit}.
   */
  @Nullable MetricsContainer enter() {
    return MetricsEnvironment.setCurrentContainer(metrics);
  }

  /** Restores the container {@link #enter} returned. */
  void exit(@Nullable MetricsContainer previous) {
    MetricsEnvironment.setCurrentContainer(previous);
  }

  /** Tags {@code e} with this step. */
  StepFailure failure(Exception e) {
    return StepFailure.of(stepName, e);
  }
}
