package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.translate.Step;
import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import org.apache.beam.runners.core.DoFnRunner;
import org.apache.beam.runners.core.NullSideInputReader;
import org.apache.beam.runners.core.StateInternals;
import org.apache.beam.runners.core.StepContext;
import org.apache.beam.runners.core.TimerInternals;
import org.apache.beam.runners.core.metrics.MetricsContainerImpl;
import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.WindowedValue;

/**
 * A stateless {@code ParDo} without side inputs, fused into a chain: each element goes straight
 * from the upstream step into {@code @ProcessElement} and its outputs straight on, without copies.
 *
 * <pre>{@code
 * ParDoOperator op = new ParDoOperator(context, step, outputsByTag, finalizer);
 * op.startBundle();
 * op.accept(element);
 * op.finishBundle();
 * }</pre>
 */
final class ParDoOperator implements Operator, ElementReceiver {
  private final String stepName;
  private final MetricsContainerImpl metrics;
  private final DoFnRunnerFactory.DoFnInstance instance;
  private final DoFnRunner<Object, Object> runner;

  ParDoOperator(
      ExecutionContext context,
      Step step,
      Map<TupleTag<?>, ElementReceiver> outputs,
      org.apache.beam.sdk.transforms.DoFn.BundleFinalizer finalizer) {
    this.stepName = step.name();
    this.metrics = context.metrics(step.name());
    DoFn<?, ?> prototype = ((ParDo.MultiOutput<?, ?>) step.transform()).getFn();
    this.instance = DoFnRunnerFactory.setUp(context, stepName, prototype);
    this.runner =
        DoFnRunnerFactory.simpleRunner(
            context,
            step,
            instance.fn(),
            NullSideInputReader.empty(),
            DoFnRunnerFactory.outputManager(outputs),
            new StatelessStepContext(stepName, finalizer));
  }

  @Override
  @SuppressWarnings("unchecked")
  public void accept(WindowedValue<?> value) {
    try (Closeable ignored = MetricsEnvironment.scopedMetricsContainer(metrics)) {
      runner.processElement((WindowedValue<Object>) value);
    } catch (RuntimeException | IOException e) {
      throw StepFailure.of(stepName, e);
    }
  }

  @Override
  public void startBundle() {
    try (Closeable ignored = MetricsEnvironment.scopedMetricsContainer(metrics)) {
      runner.startBundle();
    } catch (RuntimeException | IOException e) {
      throw StepFailure.of(stepName, e);
    }
  }

  @Override
  public void finishBundle() {
    try (Closeable ignored = MetricsEnvironment.scopedMetricsContainer(metrics)) {
      runner.finishBundle();
    } catch (RuntimeException | IOException e) {
      throw StepFailure.of(stepName, e);
    }
  }

  @Override
  public void teardown() {
    instance.teardown();
  }

  /** A step context for DoFns without state or timers. */
  static final class StatelessStepContext implements StepContext {
    private final String stepName;
    private final DoFn.BundleFinalizer finalizer;

    StatelessStepContext(String stepName, DoFn.BundleFinalizer finalizer) {
      this.stepName = stepName;
      this.finalizer = finalizer;
    }

    @Override
    public StateInternals stateInternals() {
      throw new UnsupportedOperationException(stepName + " declares no state");
    }

    @Override
    public TimerInternals timerInternals() {
      throw new UnsupportedOperationException(stepName + " declares no timers");
    }

    @Override
    public DoFn.BundleFinalizer bundleFinalizer() {
      return finalizer;
    }
  }
}
