package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.translate.Step;
import java.util.Map;
import org.apache.beam.runners.core.DoFnRunner;
import org.apache.beam.runners.core.NullSideInputReader;
import org.apache.beam.runners.core.StateInternals;
import org.apache.beam.runners.core.StepContext;
import org.apache.beam.runners.core.TimerInternals;
import org.apache.beam.sdk.metrics.MetricsContainer;
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
  private final StepScope scope;
  private final DoFnRunnerFactory.DoFnInstance instance;
  private final DoFnRunner<Object, Object> runner;

  ParDoOperator(
      ExecutionContext context,
      Step step,
      Map<TupleTag<?>, ElementReceiver> outputs,
      org.apache.beam.sdk.transforms.DoFn.BundleFinalizer finalizer) {
    this.scope = new StepScope(context, step.name());
    DoFn<?, ?> prototype = ((ParDo.MultiOutput<?, ?>) step.transform()).getFn();
    this.instance = DoFnRunnerFactory.setUp(context, step.name(), prototype);
    this.runner =
        DoFnRunnerFactory.simpleRunner(
            context,
            step,
            instance.fn(),
            NullSideInputReader.empty(),
            DoFnRunnerFactory.outputManager(outputs),
            new StatelessStepContext(step.name(), finalizer));
  }

  @Override
  @SuppressWarnings("unchecked")
  public void accept(WindowedValue<?> value) {
    MetricsContainer previous = scope.enter();
    try {
      runner.processElement((WindowedValue<Object>) value);
    } catch (RuntimeException e) {
      throw scope.failure(e);
    } finally {
      scope.exit(previous);
    }
  }

  @Override
  public void startBundle() {
    scope.run(runner::startBundle);
  }

  @Override
  public void finishBundle() {
    scope.run(runner::finishBundle);
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
