package dev.sluice.runners.microbatch.execute;

import java.io.Closeable;
import org.apache.beam.runners.core.metrics.MetricsContainerImpl;
import org.apache.beam.sdk.metrics.MetricsEnvironment;

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

  /** Runs {@code body} as this step. */
  void run(Body body) {
    try (Closeable ignored = MetricsEnvironment.scopedMetricsContainer(metrics)) {
      body.run();
    } catch (Exception e) {
      throw StepFailure.of(stepName, e);
    }
  }
}
