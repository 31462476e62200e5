package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.state.KeyState;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.model.pipeline.v1.RunnerApi;
import org.apache.beam.runners.core.LateDataUtils;
import org.apache.beam.runners.core.NullSideInputReader;
import org.apache.beam.runners.core.ReduceFn;
import org.apache.beam.runners.core.ReduceFnRunner;
import org.apache.beam.runners.core.TimerInternals.TimerData;
import org.apache.beam.runners.core.metrics.CounterCell;
import org.apache.beam.runners.core.triggers.ExecutableTriggerStateMachine;
import org.apache.beam.runners.core.triggers.TriggerStateMachines;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.WindowedValueReceiver;
import org.apache.beam.sdk.util.construction.TriggerTranslation;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.WindowedValue;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Groups a key's values per window with Beam's {@link ReduceFnRunner}: windows are assigned and
 * merged, triggers decide when panes fire, allowed lateness and accumulation mode are applied, and
 * elements of expired windows are dropped and counted.
 *
 * <pre>{@code
 * StageProcessor gbk = new GroupByKeyProcessor<>(
 *     scope, windowingStrategy, SystemReduceFn.buffering(valueCoder), out, options);
 * }</pre>
 *
 * @param <K> key type
 * @param <InputT> value type
 * @param <OutputT> type of the grouped output value
 */
final class GroupByKeyProcessor<K, InputT, OutputT> implements StageProcessor {
  private final StepScope scope;
  private final WindowingStrategy<?, BoundedWindow> windowingStrategy;
  private final ExecutableTriggerStateMachine trigger;
  private final ReduceFn<K, InputT, OutputT, BoundedWindow> reduceFn;
  private final WindowedValueReceiver<KV<K, OutputT>> output;
  private final PipelineOptions options;
  private final CounterCell droppedDueToLateness;

  @SuppressWarnings("unchecked")
  GroupByKeyProcessor(
      StepScope scope,
      WindowingStrategy<?, ?> windowingStrategy,
      ReduceFn<K, InputT, OutputT, ?> reduceFn,
      WindowedValueReceiver<KV<K, OutputT>> output,
      PipelineOptions options) {
    this.scope = scope;
    this.windowingStrategy = (WindowingStrategy<?, BoundedWindow>) windowingStrategy;
    RunnerApi.Trigger proto = TriggerTranslation.toProto(windowingStrategy.getTrigger());
    this.trigger =
        ExecutableTriggerStateMachine.create(TriggerStateMachines.stateMachineForTrigger(proto));
    this.reduceFn = (ReduceFn<K, InputT, OutputT, BoundedWindow>) reduceFn;
    this.output = output;
    this.options = options;
    this.droppedDueToLateness = scope.droppedDueToLateness();
  }

  private ReduceFnRunner<K, InputT, OutputT, BoundedWindow> runnerFor(KeyState<?> key) {
    @SuppressWarnings("unchecked")
    K k = (K) key.key();
    return new ReduceFnRunner<>(
        k,
        windowingStrategy,
        trigger,
        key.stateInternals(),
        key.timerInternals(),
        output,
        NullSideInputReader.empty(),
        reduceFn,
        options);
  }

  @Override
  @SuppressWarnings("unchecked")
  public void process(
      @Nullable KeyState<?> key,
      List<WindowedValue<?>> elements,
      List<WindowedValue<?>> pushedBack) {
    List<WindowedValue<InputT>> values = new ArrayList<>(elements.size());
    for (WindowedValue<?> element : elements) {
      values.add(element.withValue(((KV<K, InputT>) element.getValue()).getValue()));
    }
    scope.run(
        () -> {
          ReduceFnRunner<K, InputT, OutputT, BoundedWindow> runner = runnerFor(key);
          runner.processElements(
              LateDataUtils.dropExpiredWindows(
                  key.key(),
                  values,
                  key.timerInternals(),
                  windowingStrategy,
                  droppedDueToLateness));
          runner.persist();
        });
  }

  @Override
  public void onTimer(KeyState<?> key, TimerData timer) {
    onTimers(key, List.of(timer));
  }

  @Override
  public boolean takesTimersPerKey() {
    return true;
  }

  @Override
  public void onTimers(KeyState<?> key, List<TimerData> timers) {
    scope.run(
        () -> {
          ReduceFnRunner<K, InputT, OutputT, BoundedWindow> runner = runnerFor(key);
          runner.onTimers(timers);
          runner.persist();
        });
  }
}
