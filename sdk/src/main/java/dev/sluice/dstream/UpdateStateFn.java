package dev.sluice.dstream;

import dev.sluice.dstream.function.Function2;
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
 * {@code updateStateByKey} as a stateful DoFn in the global window. Input values carry their batch
 * time ({@code KV<K, KV<batchEndMillis, V>>}) and wait in {@code pending} until the event-time
 * timer of their batch fires at {@code batchEnd - 1}: then the update function sees exactly that
 * batch's values (whatever order a runner delivered them in), and the key's new state is emitted at
 * the batch's timestamp. While the key has state the timer re-arms every {@code step} (the parent's
 * slide), so every key's state is emitted every batch as in Spark, up to {@code horizon}, the last
 * batch a bounded input can produce.
 *
 * <pre>{@code
 * keyedWithBatchTime
 *     .apply(Window.into(new GlobalWindows()))
 *     .apply(ParDo.of(new UpdateStateFn<>(update, 1000, Long.MAX_VALUE)));
 * }</pre>
 *
 * <p>State: {@code key} (the key, for timers), {@code state} (the user state; absent = none),
 * {@code pending} (values of batches not yet processed), {@code armed} (the timer's time).
 */
final class UpdateStateFn<K, V, S> extends DoFn<KV<K, KV<Long, V>>, KV<K, S>> {
  private final Function2<List<V>, Optional<S>, Optional<S>> update;
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

  @StateId("armed")
  private final org.apache.beam.sdk.state.StateSpec<ValueState<Long>> armedSpec =
      StateSpecs.value(VarLongCoder.of());

  @TimerId("batch")
  private final TimerSpec batchSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  UpdateStateFn(Function2<List<V>, Optional<S>, Optional<S>> update, long step, long horizon) {
    this.update = update;
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
    arm(element.getValue().getKey(), armed, timer);
  }

  /**
   * Whether a timer for the batch ending at {@code batchEnd} may be set. A bounded input's horizon
   * is its last batch (plus its windows). A live input has none, but its watermark follows the
   * clock, so a timer due more than {@code ahead} (the longest a timer is set ahead of its batch)
   * plus a minute after the clock can only fire because the input ended (watermark at infinity):
   * re-arming then would never stop.
   */
  static boolean within(long batchEnd, long horizon, long ahead) {
    if (horizon != Long.MAX_VALUE) {
      return batchEnd <= horizon;
    }
    return batchEnd <= System.currentTimeMillis() + ahead + 60_000;
  }

  static void arm(long batchEnd, ValueState<Long> armed, Timer timer) {
    Long at = armed.read();
    if (at == null || at > batchEnd - 1) {
      timer.set(new Instant(batchEnd - 1));
      armed.write(batchEnd - 1);
    }
  }

  @OnTimer("batch")
  public void onBatch(
      OnTimerContext context,
      @StateId("key") ValueState<K> key,
      @StateId("state") ValueState<S> state,
      @StateId("pending") BagState<KV<Long, V>> pending,
      @StateId("armed") ValueState<Long> armed,
      @TimerId("batch") Timer timer) {
    long batchEnd = context.timestamp().getMillis() + 1;
    List<KV<Long, V>> due = new ArrayList<>();
    List<KV<Long, V>> rest = new ArrayList<>();
    for (KV<Long, V> value : pending.read()) {
      (value.getKey() <= batchEnd ? due : rest).add(value);
    }
    due.sort(Comparator.comparing(KV::getKey));
    List<V> values = new ArrayList<>(due.size());
    due.forEach(value -> values.add(value.getValue()));
    pending.clear();
    rest.forEach(pending::add);

    Optional<S> next;
    try {
      next = update.call(values, Optional.ofNullable(state.read()));
    } catch (Exception e) {
      throw Fns.rethrow(e);
    }
    if (next != null && next.isPresent()) {
      state.write(next.get());
      context.output(KV.of(key.read(), next.get()));
    } else {
      state.clear();
    }

    Long nextBatch = null;
    if (next != null && next.isPresent()) {
      nextBatch = batchEnd + step;
    } else {
      for (KV<Long, V> value : rest) {
        nextBatch = nextBatch == null ? value.getKey() : Math.min(nextBatch, value.getKey());
      }
    }
    if (nextBatch != null && within(nextBatch, horizon, step)) {
      timer.set(new Instant(nextBatch - 1));
      armed.write(nextBatch - 1);
    } else {
      armed.clear();
      if (rest.isEmpty() && state.read() == null) {
        key.clear();
      }
    }
  }
}
