package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.state.KeyState;
import dev.sluice.runners.microbatch.translate.StagePlan;
import dev.sluice.runners.microbatch.translate.Step;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.core.DoFnRunner;
import org.apache.beam.runners.core.DoFnRunners;
import org.apache.beam.runners.core.NullSideInputReader;
import org.apache.beam.runners.core.ReadyCheckingSideInputReader;
import org.apache.beam.runners.core.SideInputReader;
import org.apache.beam.runners.core.SimplePushbackSideInputDoFnRunner;
import org.apache.beam.runners.core.StateNamespaces;
import org.apache.beam.runners.core.StatefulDoFnRunner;
import org.apache.beam.runners.core.StepContext;
import org.apache.beam.runners.core.TimerInternals.TimerData;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.WindowedValue;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A {@code ParDo} that heads a stage: stateful (state and timers of the current key, garbage
 * collected when the window expires, late elements dropped) and/or reading side inputs (elements
 * whose side inputs are not ready yet are pushed back and retried in later batches).
 *
 * <pre>{@code
 * StageProcessor p = ParDoProcessor.create(context, step, chain, stateful);
 * p.process(keyState, elements, pushedBack);
 * }</pre>
 */
final class ParDoProcessor implements StageProcessor {
  private final StepScope scope;
  private final DoFnRunnerFactory.DoFnInstance instance;
  private final KeySwitchingStepContext stepContext;
  private final DoFnRunner<Object, Object> runner;
  private final @Nullable SimplePushbackSideInputDoFnRunner<Object, Object> pushback;

  @SuppressWarnings({"unchecked", "rawtypes"})
  ParDoProcessor(ExecutionContext context, Step step, FusedChain chain, boolean stateful) {
    this.scope = new StepScope(context, step.name());
    ParDo.MultiOutput<?, ?> parDo = (ParDo.MultiOutput<?, ?>) step.transform();
    this.instance = DoFnRunnerFactory.setUp(context, step.name(), parDo.getFn());
    this.stepContext = new KeySwitchingStepContext(chain.finalizer());
    List<PCollectionView<?>> views = StagePlan.sideInputsOf(step);
    ReadyCheckingSideInputReader reader = views.isEmpty() ? null : context.views().readerFor(views);
    Map<TupleTag<?>, ElementReceiver> outputs = chain.receiversFor(step);
    StepContext simpleContext =
        stateful
            ? stepContext
            : new ParDoOperator.StatelessStepContext(step.name(), chain.finalizer());
    DoFnRunner<Object, Object> simple =
        DoFnRunnerFactory.simpleRunner(
            context,
            step,
            instance.fn(),
            reader == null ? (SideInputReader) NullSideInputReader.empty() : reader,
            DoFnRunnerFactory.outputManager(outputs),
            simpleContext);
    if (stateful) {
      WindowingStrategy<?, ?> strategy = step.mainInput().getWindowingStrategy();
      Coder<BoundedWindow> windowCoder =
          (Coder<BoundedWindow>) strategy.getWindowFn().windowCoder();
      simple =
          DoFnRunners.defaultStatefulDoFnRunner(
              (DoFn) instance.fn(),
              (Coder) step.mainInput().getCoder(),
              simple,
              stepContext,
              strategy,
              new StatefulDoFnRunner.TimeInternalsCleanupTimer(
                  stepContext.timerInternals(), strategy),
              new StatefulDoFnRunner.StateInternalsStateCleaner(
                  instance.fn(), stepContext.stateInternals(), windowCoder),
              true);
    }
    this.runner = simple;
    this.pushback =
        reader == null ? null : SimplePushbackSideInputDoFnRunner.create(simple, views, reader);
  }

  @Override
  public void startBundle() {
    scope.run(
        () -> {
          if (pushback != null) {
            pushback.startBundle();
          } else {
            runner.startBundle();
          }
        });
  }

  @Override
  @SuppressWarnings("unchecked")
  public void process(
      @Nullable KeyState<?> key,
      List<WindowedValue<?>> elements,
      List<WindowedValue<?>> pushedBack) {
    if (key != null) {
      stepContext.switchTo(key);
    }
    scope.run(
        () -> {
          for (WindowedValue<?> element : elements) {
            if (pushback != null) {
              for (WindowedValue<Object> later :
                  pushback.processElementInReadyWindows((WindowedValue<Object>) element)) {
                pushedBack.add(later);
              }
            } else {
              runner.processElement((WindowedValue<Object>) element);
            }
          }
        });
  }

  @Override
  public void onTimer(KeyState<?> key, TimerData timer) {
    stepContext.switchTo(key);
    BoundedWindow window =
        timer.getNamespace() instanceof StateNamespaces.WindowNamespace
            ? ((StateNamespaces.WindowNamespace<?>) timer.getNamespace()).getWindow()
            : GlobalWindow.INSTANCE;
    scope.run(
        () -> {
          runner.onTimer(
              timer.getTimerId(),
              timer.getTimerFamilyId(),
              key.key(),
              window,
              timer.getTimestamp(),
              timer.getOutputTimestamp(),
              timer.getDomain(),
              timer.causedByDrain());
        });
  }

  @Override
  public void finishBundle() {
    scope.run(
        () -> {
          if (pushback != null) {
            pushback.finishBundle();
          } else {
            runner.finishBundle();
          }
        });
  }

  @Override
  public void teardown() {
    instance.teardown();
  }

  /** True for timers that hold the output watermark: user timers, not state garbage collection. */
  static boolean holdsOutput(TimerData timer) {
    return !StatefulDoFnRunner.TimeInternalsCleanupTimer.GC_TIMER_ID.equals(timer.getTimerId());
  }
}
