package dev.sluice.dstream;

import dev.sluice.dstream.function.Function3;
import dev.sluice.dstream.internal.AnyCoder;
import dev.sluice.dstream.internal.Fns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * {@code mapWithState} as a stateful DoFn in the global window. As in {@link UpdateStateFn}, values
 * wait in {@code pending} until their batch's timer; then the mapping function runs once per value,
 * in batch order, and its results are emitted at the batch's timestamp. With a timeout, a key that
 * saw no data for longer than the timeout (Spark: last update before {@code batchTime - timeout})
 * is called once more with an empty value and a timing-out {@link State}, and its state is removed.
 *
 * <pre>{@code
 * keyedWithBatchTime
 *     .apply(Window.into(new GlobalWindows()))
 *     .apply(ParDo.of(new MapWithStateFn<>(spec, 1000, Long.MAX_VALUE)));
 * }</pre>
 *
 * <p>State: {@code key}, {@code state} (absent = none), {@code pending}, {@code lastActive} (the
 * last batch with data), {@code armed}.
 */
final class MapWithStateFn<K, V, S, R> extends DoFn<KV<K, KV<Long, V>>, R> {
  private final Function3<K, Optional<V>, State<S>, R> function;
  private final Long timeout;
  private final long step;
  private final long horizon;

  @StateId("key")
  private final org.apache.beam.sdk.state.StateSpec<ValueState<K>> keySpec =
      StateSpecs.value(AnyCoder.of());

  @StateId("state")
  private final org.apache.beam.sdk.state.StateSpec<ValueState<S>> stateSpec =
      StateSpecs.value(AnyCoder.of());

  @StateId("pending")
  private final org.apache.beam.sdk.state.StateSpec<BagState<KV<Long, V>>> pendingSpec =
      StateSpecs.bag(AnyCoder.of());

  @StateId("lastActive")
  private final org.apache.beam.sdk.state.StateSpec<ValueState<Long>> lastActiveSpec =
      StateSpecs.value(VarLongCoder.of());

  @StateId("armed")
  private final org.apache.beam.sdk.state.StateSpec<ValueState<Long>> armedSpec =
      StateSpecs.value(VarLongCoder.of());

  @TimerId("batch")
  private final TimerSpec batchSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  MapWithStateFn(StateSpec<K, V, S, R> spec, long step, long horizon) {
    this.function = spec.mappingFunction();
    this.timeout = spec.idleTimeout() == null ? null : spec.idleTimeout().milliseconds();
    this.step = step;
    this.horizon = horizon;
  }

  @ProcessElement
  public void process(
      @Element KV<K, KV<Long, V>> element,
      @StateId("key") ValueState<K> key,
      @StateId("pending") BagState<KV<Long, V>> pending,
      @StateId("armed") ValueState<Long> armed,
      @TimerId("batch") Timer timer) {
    key.write(element.getKey());
    pending.add(element.getValue());
    UpdateStateFn.arm(element.getValue().getKey(), armed, timer);
  }

  @OnTimer("batch")
  public void onBatch(
      OnTimerContext context,
      @StateId("key") ValueState<K> keyState,
      @StateId("state") ValueState<S> state,
      @StateId("pending") BagState<KV<Long, V>> pending,
      @StateId("lastActive") ValueState<Long> lastActive,
      @StateId("armed") ValueState<Long> armed,
      @TimerId("batch") Timer timer) {
    long batchEnd = context.timestamp().getMillis() + 1;
    K key = keyState.read();
    List<KV<Long, V>> due = new ArrayList<>();
    List<KV<Long, V>> rest = new ArrayList<>();
    for (KV<Long, V> value : pending.read()) {
      (value.getKey() <= batchEnd ? due : rest).add(value);
    }
    due.sort(Comparator.comparing(KV::getKey));
    pending.clear();
    rest.forEach(pending::add);

    S current = state.read();
    try {
      if (!due.isEmpty()) {
        for (KV<Long, V> value : due) {
          State<S> view = new State<>(current, current != null, false);
          emit(context, function.call(key, Optional.ofNullable(value.getValue()), view));
          if (view.changed()) {
            current = view.exists() ? view.get() : null;
          }
        }
        lastActive.write(batchEnd);
      } else if (current != null && timeout != null && timedOut(lastActive.read(), batchEnd)) {
        emit(context, function.call(key, Optional.empty(), new State<>(current, true, true)));
        current = null;
      }
    } catch (Exception e) {
      throw Fns.rethrow(e);
    }
    if (current != null) {
      state.write(current);
    } else {
      state.clear();
    }

    Long next = null;
    for (KV<Long, V> value : rest) {
      next = next == null ? value.getKey() : Math.min(next, value.getKey());
    }
    if (current != null && timeout != null) {
      long check = timeoutCheck(lastActive.read());
      next = next == null ? check : Math.min(next, check);
    }
    if (next != null
        && UpdateStateFn.within(next, horizon, step + (timeout == null ? 0 : timeout))) {
      timer.set(new Instant(next - 1));
      armed.write(next - 1);
    } else {
      armed.clear();
      if (current == null && rest.isEmpty()) {
        keyState.clear();
        lastActive.clear();
      }
    }
  }

  private boolean timedOut(Long last, long batchEnd) {
    return last == null || last < batchEnd - timeout;
  }

  /** The first batch (on the step grid after {@code last}) at which the key times out. */
  private long timeoutCheck(Long last) {
    long from = last == null ? 0 : last;
    return from + (timeout / step + 1) * step;
  }

  private void emit(OnTimerContext context, R result) {
    if (result != null) {
      context.output(result);
    }
  }
}
