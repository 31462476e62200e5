package dev.sluice.dstream.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
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
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Instant;

/**
 * The stateful DoFn under every state-across-batches operation ({@link UpdateStateFn}, {@link
 * MapWithStateFn}, {@link IncrementalWindowFn}): it owns the per-key state and the batch timer, and
 * a subclass says only what one batch does to one key's state ({@link #onBatch}).
 *
 * <p>Input: {@code KV<K, KV<batchEndMillis, V>>} in the global window. A value waits in {@code
 * pending} until the event-time timer of the batch end it is due at ({@link #dueAt}) fires at that
 * end minus 1 ms; then {@link #onBatch} sees exactly the values of the batches up to that end, in
 * batch order, whatever order a runner delivered them in. While a key has state the timer re-arms
 * every {@code step}, so every key with state is visited every step, up to {@code horizon} (the
 * last batch a bounded input can produce; see {@link #within}).
 *
 * <p>Checkpoints: after each visit the key's new state is also emitted on {@link #snapshots()}
 * (stamped at the batch end minus 1 ms), so the union of those records per batch is the whole
 * operation's state after that batch; the context's checkpoint writer stores it. An input value
 * whose batch time is {@link #RESTORE} carries {@code KV<checkpointBatchEnd, state>} instead: the
 * key's state as of that checkpoint, which the key resumes from at the next step.
 *
 * <p>State (all per key): {@code key} (the key, for timers; cleared when nothing is left), {@code
 * state} (the subclass's state; absent = none), {@code pending} (values of batches not yet due),
 * {@code armed} (the time the timer is set for, so an earlier batch can move it forward).
 *
 * <pre>{@code
 * final class CountFn<K> extends KeyedBatchFn<K, Integer, Integer, KV<K, Integer>> {
 *   Integer onBatch(K key, Integer count, List<KV<Long, Integer>> due, long end,
 *       Consumer<KV<K, Integer>> out) {
 *     int next = (count == null ? 0 : count) + due.size();
 *     out.accept(KV.of(key, next));
 *     return next;
 *   }
 * }
 * }</pre>
 */
public abstract class KeyedBatchFn<K, V, S, OutT> extends DoFn<KV<K, KV<Long, V>>, OutT> {
  /** The batch time that marks a restored state instead of a value. */
  static final long RESTORE = Long.MIN_VALUE;

  public final long step;
  final long horizon;
  private final TupleTag<OutT> mainOutput = new TupleTag<>();
  private final TupleTag<KV<K, S>> snapshots = new TupleTag<>();

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

  KeyedBatchFn(long step, long horizon) {
    this.step = step;
    this.horizon = horizon;
  }

  /** The input element that restores {@code key}'s {@code state} as of batch end {@code time}. */
  @SuppressWarnings("unchecked")
  static <K, V> KV<K, KV<Long, V>> restoring(K key, long time, Object state) {
    return KV.of(key, KV.of(RESTORE, (V) KV.of(time, state)));
  }

  /** The main output's tag. */
  public TupleTag<OutT> mainOutput() {
    return mainOutput;
  }

  /** The additional output of {@code KV<key, state>} after every visit of a key with state. */
  public TupleTag<KV<K, S>> snapshots() {
    return snapshots;
  }

  /** The batch end at which a value of batch {@code batchEnd} is due; the batch's own end here. */
  long dueAt(long batchEnd) {
    return batchEnd;
  }

  /**
   * One visit of one key at batch end {@code end}: {@code due} holds the values of the batches up
   * to {@code end} (in batch order; empty when the key is visited for its state alone). Emits
   * results through {@code out} and returns the key's new state, null for none.
   */
  abstract S onBatch(K key, S state, List<KV<Long, V>> due, long end, Consumer<OutT> out)
      throws Exception;

  @ProcessElement
  public void process(
      @Element KV<K, KV<Long, V>> element,
      @StateId("key") ValueState<K> key,
      @StateId("state") ValueState<S> state,
      @StateId("pending") BagState<KV<Long, V>> pending,
      @StateId("armed") ValueState<Long> armed,
      @TimerId("batch") Timer timer) {
    key.write(element.getKey());
    KV<Long, V> entry = element.getValue();
    if (entry.getKey() == RESTORE) {
      @SuppressWarnings("unchecked")
      KV<Long, S> restored = (KV<Long, S>) entry.getValue();
      state.write(restored.getValue());
      arm(restored.getKey() + step, armed, timer);
    } else {
      pending.add(entry);
      arm(dueAt(entry.getKey()), armed, timer);
    }
  }

  private static void arm(long batchEnd, ValueState<Long> armed, Timer timer) {
    Long at = armed.read();
    if (at == null || at > batchEnd - 1) {
      timer.set(new Instant(batchEnd - 1));
      armed.write(batchEnd - 1);
    }
  }

  @OnTimer("batch")
  public void onTimer(
      OnTimerContext context,
      @StateId("key") ValueState<K> key,
      @StateId("state") ValueState<S> state,
      @StateId("pending") BagState<KV<Long, V>> pending,
      @StateId("armed") ValueState<Long> armed,
      @TimerId("batch") Timer timer) {
    long end = context.timestamp().getMillis() + 1;
    List<KV<Long, V>> due = new ArrayList<>();
    List<KV<Long, V>> rest = new ArrayList<>();
    for (KV<Long, V> value : pending.read()) {
      (value.getKey() <= end ? due : rest).add(value);
    }
    due.sort(Comparator.comparing(KV::getKey));
    pending.clear();
    rest.forEach(pending::add);

    K k = key.read();
    S next;
    try {
      next = onBatch(k, state.read(), due, end, context::output);
    } catch (Exception e) {
      throw Fns.rethrow(e);
    }
    Long wake = null;
    if (next != null) {
      state.write(next);
      context.output(snapshots, KV.of(k, next));
      wake = end + step;
    } else {
      state.clear();
    }
    for (KV<Long, V> value : rest) {
      long at = dueAt(value.getKey());
      wake = wake == null ? at : Math.min(wake, at);
    }
    if (wake != null && within(wake, horizon, step)) {
      timer.set(new Instant(wake - 1));
      armed.write(wake - 1);
    } else {
      armed.clear();
      if (next == null && rest.isEmpty()) {
        key.clear();
      }
    }
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
}
