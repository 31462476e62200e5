package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.state.KeyState;
import dev.sluice.runners.microbatch.translate.Step;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.beam.runners.core.DoFnRunners;
import org.apache.beam.runners.core.KeyedWorkItem;
import org.apache.beam.runners.core.KeyedWorkItems;
import org.apache.beam.runners.core.NullSideInputReader;
import org.apache.beam.runners.core.OutputAndTimeBoundedSplittableProcessElementInvoker;
import org.apache.beam.runners.core.ProcessFnRunner;
import org.apache.beam.runners.core.ReadyCheckingSideInputReader;
import org.apache.beam.runners.core.SplittableParDoViaKeyedWorkItems.ProcessElements;
import org.apache.beam.runners.core.SplittableParDoViaKeyedWorkItems.ProcessFn;
import org.apache.beam.runners.core.TimerInternals.TimerData;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.DoFnSchemaInformation;
import org.apache.beam.sdk.transforms.reflect.DoFnInvokers;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.util.WindowedValueMultiReceiver;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.WindowedValue;
import org.apache.beam.sdk.values.WindowedValues;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Runs a splittable DoFn: each element and restriction is processed for a bounded number of outputs
 * and time; the residual restriction is kept in the element's state and resumed by a
 * processing-time timer in a later batch (Beam's {@code ProcessFn} does the bookkeeping).
 *
 * <pre>{@code
 * StageProcessor sdf = new SplittableProcessor(context, step, chain, scheduler);
 * }</pre>
 */
final class SplittableProcessor implements StageProcessor {
  private final StepScope scope;
  private final ProcessFn<Object, Object, Object, Object, Object> processFn;
  private final KeySwitchingStepContext stepContext;
  private final ProcessFnRunner<Object, Object, Object> runner;

  @SuppressWarnings({"unchecked", "rawtypes"})
  SplittableProcessor(
      ExecutionContext context, Step step, FusedChain chain, ScheduledExecutorService scheduler) {
    this.scope = new StepScope(context, step.name());
    ProcessElements<Object, Object, Object, Object, Object> transform =
        (ProcessElements<Object, Object, Object, Object, Object>) step.transform();
    DoFn<Object, Object> fn = SerializableUtils.clone(transform.getFn());
    this.processFn = transform.newProcessFn(fn);
    DoFnInvokers.tryInvokeSetupFor(processFn, context.options());
    this.stepContext = new KeySwitchingStepContext(chain.finalizer());
    processFn.setStateInternalsFactory(key -> stepContext.stateInternals());
    processFn.setTimerInternalsFactory(key -> stepContext.timerInternals());
    List<PCollectionView<?>> views = transform.getSideInputs();
    ReadyCheckingSideInputReader reader =
        views.isEmpty() ? new ReadyCheckingNull() : context.views().readerFor(views);
    processFn.setSideInputReader(reader);
    Map<TupleTag<?>, ElementReceiver> outputs = chain.receiversFor(step);
    WindowedValueMultiReceiver outputManager = DoFnRunnerFactory.outputManager(outputs);
    long perBatch = Math.max(1, context.options().getMaxRecordsPerBatch() / context.parallelism());
    processFn.setProcessElementInvoker(
        new OutputAndTimeBoundedSplittableProcessElementInvoker<>(
            fn,
            context.options(),
            outputManager,
            transform.getMainOutputTag(),
            reader,
            scheduler,
            (int) Math.min(Integer.MAX_VALUE, perBatch),
            Duration.millis(context.options().getMaxReadTimeMillis()),
            () -> chain.finalizer()));
    this.runner =
        DoFnRunners.newProcessFnRunner(
            processFn,
            context.options(),
            views,
            reader,
            outputManager,
            transform.getMainOutputTag(),
            transform.getAdditionalOutputTags().getAll(),
            stepContext,
            null,
            DoFnRunnerFactory.outputCoders(step),
            (WindowingStrategy) WindowingStrategy.globalDefault(),
            DoFnSchemaInformation.create(),
            transform.getSideInputMapping());
  }

  @Override
  public void startBundle() {
    scope.run(
        () -> {
          runner.startBundle();
        });
  }

  @Override
  @SuppressWarnings("unchecked")
  public void process(
      @Nullable KeyState<?> key,
      List<WindowedValue<?>> elements,
      List<WindowedValue<?>> pushedBack) {
    stepContext.switchTo(key);
    scope.run(
        () -> {
          for (WindowedValue<?> element : elements) {
            KV<byte[], KV<Object, Object>> kv = (KV<byte[], KV<Object, Object>>) element.getValue();
            for (WindowedValue<?> single : element.explodeWindows()) {
              KeyedWorkItem<byte[], KV<Object, Object>> item =
                  KeyedWorkItems.elementsWorkItem(
                      kv.getKey(), List.of(single.withValue(kv.getValue())));
              for (WindowedValue<?> unused :
                  runner.processElementInReadyWindows(WindowedValues.valueInGlobalWindow(item))) {
                pushedBackUnsupported();
              }
            }
          }
        });
  }

  @Override
  public void onTimer(KeyState<?> key, TimerData timer) {
    stepContext.switchTo(key);
    scope.run(
        () -> {
          KeyedWorkItem<byte[], KV<Object, Object>> item =
              KeyedWorkItems.timersWorkItem((byte[]) key.key(), List.of(timer));
          for (WindowedValue<?> unused :
              runner.processElementInReadyWindows(WindowedValues.valueInGlobalWindow(item))) {
            pushedBackUnsupported();
          }
        });
  }

  @Override
  public void finishBundle() {
    scope.run(
        () -> {
          runner.finishBundle();
        });
  }

  private void pushedBackUnsupported() {
    throw new IllegalStateException(
        scope.stepName()
            + ": splittable DoFn elements waiting for side inputs are not supported yet");
  }

  @Override
  public void teardown() {
    DoFnInvokers.invokerFor(processFn).invokeTeardown();
  }

  /** No side inputs: always ready. */
  private static final class ReadyCheckingNull implements ReadyCheckingSideInputReader {
    private final NullSideInputReader delegate = NullSideInputReader.empty();

    @Override
    public boolean isReady(
        PCollectionView<?> view, org.apache.beam.sdk.transforms.windowing.BoundedWindow window) {
      return true;
    }

    @Override
    public <T> @Nullable T get(
        PCollectionView<T> view, org.apache.beam.sdk.transforms.windowing.BoundedWindow window) {
      return delegate.get(view, window);
    }

    @Override
    public <T> boolean contains(PCollectionView<T> view) {
      return false;
    }

    @Override
    public boolean isEmpty() {
      return true;
    }
  }
}
