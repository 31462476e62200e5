package dev.sluice.dstream;

import dev.sluice.dstream.function.Function2;
import dev.sluice.dstream.internal.AnyCoder;
import dev.sluice.dstream.internal.Fns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * The incremental {@code reduceByKeyAndWindow(f, invF, length, slide)} as a stateful DoFn in the
 * global window: per key it keeps one reduced value per batch still inside the window and the value
 * of the last window, and at each slide end {@code T} computes
 *
 * <pre>
 *   window(T) = invF( f(window(T - slide), batches in (T - slide, T]),
 *                     batches in (T - slide - length, T - length] )
 * </pre>
 *
 * <p>so a 300 s window sliding by 1 s costs two reductions per key and slide instead of 300 copies
 * of every element. When the previous window was not computed (the key was absent) the value is
 * recomputed from the batches. A key with no batch inside the window is not emitted (Spark would
 * keep emitting it with the inverse-reduced value, e.g. a count of 0, unless a filter function is
 * given).
 *
 * <pre>{@code
 * keyedWithBatchTime
 *     .apply(Window.into(new GlobalWindows()))
 *     .apply(ParDo.of(new IncrementalWindowFn<>(Integer::sum, (a, b) -> a - b, 300_000, 1_000,
 *         Long.MAX_VALUE)));
 * }</pre>
 *
 * <p>State: {@code key}; {@code pending} (values of batches not yet due); {@code batches} (one
 * reduced value per batch end still in the window, dropped once it slides out); {@code value} and
 * {@code valueEnd} (the last emitted window and its end); {@code armed}.
 */
final class IncrementalWindowFn<K, V> extends DoFn<KV<K, KV<Long, V>>, KV<K, V>> {
  private final Function2<V, V, V> reduce;
  private final Function2<V, V, V> inverse;
  private final long length;
  private final long slide;
  private final long horizon;

  @StateId("key")
  private final org.apache.beam.sdk.state.StateSpec<ValueState<K>> keySpec =
      StateSpecs.value(AnyCoder.of());

  @StateId("pending")
  private final org.apache.beam.sdk.state.StateSpec<BagState<KV<Long, V>>> pendingSpec =
      StateSpecs.bag(AnyCoder.of());

  @StateId("batches")
  private final org.apache.beam.sdk.state.StateSpec<ValueState<List<KV<Long, V>>>> batchesSpec =
      StateSpecs.value(AnyCoder.of());

  @StateId("value")
  private final org.apache.beam.sdk.state.StateSpec<ValueState<V>> valueSpec =
      StateSpecs.value(AnyCoder.of());

  @StateId("valueEnd")
  private final org.apache.beam.sdk.state.StateSpec<ValueState<Long>> valueEndSpec =
      StateSpecs.value(VarLongCoder.of());

  @StateId("armed")
  private final org.apache.beam.sdk.state.StateSpec<ValueState<Long>> armedSpec =
      StateSpecs.value(VarLongCoder.of());

  @TimerId("slide")
  private final TimerSpec slideSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  IncrementalWindowFn(
      Function2<V, V, V> reduce,
      Function2<V, V, V> inverse,
      long length,
      long slide,
      long horizon) {
    this.reduce = reduce;
    this.inverse = inverse;
    this.length = length;
    this.slide = slide;
    this.horizon = horizon;
  }

  /** The end of the first window (a multiple of the slide) that contains batch {@code batchEnd}. */
  private long firstWindowEnd(long batchEnd) {
    return Math.floorDiv(batchEnd + slide - 1, slide) * slide;
  }

  @ProcessElement
  public void process(
      @Element KV<K, KV<Long, V>> element,
      @StateId("key") ValueState<K> key,
      @StateId("pending") BagState<KV<Long, V>> pending,
      @StateId("armed") ValueState<Long> armed,
      @TimerId("slide") Timer timer) {
    key.write(element.getKey());
    pending.add(element.getValue());
    UpdateStateFn.arm(firstWindowEnd(element.getValue().getKey()), armed, timer);
  }

  @OnTimer("slide")
  public void onSlide(
      OnTimerContext context,
      @StateId("key") ValueState<K> key,
      @StateId("pending") BagState<KV<Long, V>> pending,
      @StateId("batches") ValueState<List<KV<Long, V>>> batchesState,
      @StateId("value") ValueState<V> valueState,
      @StateId("valueEnd") ValueState<Long> valueEnd,
      @StateId("armed") ValueState<Long> armed,
      @TimerId("slide") Timer timer) {
    long end = context.timestamp().getMillis() + 1;
    List<KV<Long, V>> due = new ArrayList<>();
    List<KV<Long, V>> rest = new ArrayList<>();
    for (KV<Long, V> value : pending.read()) {
      (value.getKey() <= end ? due : rest).add(value);
    }
    pending.clear();
    rest.forEach(pending::add);

    try {
      List<KV<Long, V>> batches = batchesState.read();
      batches = batches == null ? new ArrayList<>() : new ArrayList<>(batches);
      boolean incremental = Long.valueOf(end - slide).equals(valueEnd.read());
      V added = null;
      for (KV<Long, V> value : due) {
        incremental &= value.getKey() > end - slide;
        added = added == null ? value.getValue() : reduce.call(added, value.getValue());
        batches = addToBatch(batches, value.getKey(), value.getValue());
      }
      V removed = null;
      List<KV<Long, V>> kept = new ArrayList<>();
      for (KV<Long, V> batch : batches) {
        if (batch.getKey() <= end - length) {
          removed = removed == null ? batch.getValue() : reduce.call(removed, batch.getValue());
        } else {
          kept.add(batch);
        }
      }
      kept.sort(Comparator.comparing(KV::getKey));

      if (kept.isEmpty()) {
        valueState.clear();
        valueEnd.clear();
      } else {
        V value;
        if (incremental) {
          value = valueState.read();
          value = added == null ? value : reduce.call(value, added);
          value = removed == null ? value : inverse.call(value, removed);
        } else {
          value = kept.get(0).getValue();
          for (int i = 1; i < kept.size(); i++) {
            value = reduce.call(value, kept.get(i).getValue());
          }
        }
        valueState.write(value);
        valueEnd.write(end);
        context.output(KV.of(key.read(), value));
      }
      batchesState.write(kept);

      Long next = kept.isEmpty() ? null : end + slide;
      for (KV<Long, V> value : rest) {
        long first = firstWindowEnd(value.getKey());
        next = next == null ? first : Math.min(next, first);
      }
      if (next != null && UpdateStateFn.within(next, horizon, slide)) {
        timer.set(new Instant(next - 1));
        armed.write(next - 1);
      } else {
        armed.clear();
        if (kept.isEmpty() && rest.isEmpty()) {
          key.clear();
          batchesState.clear();
        }
      }
    } catch (Exception e) {
      throw Fns.rethrow(e);
    }
  }

  private List<KV<Long, V>> addToBatch(List<KV<Long, V>> batches, long batchEnd, V value)
      throws Exception {
    for (int i = 0; i < batches.size(); i++) {
      if (batches.get(i).getKey() == batchEnd) {
        batches.set(i, KV.of(batchEnd, reduce.call(batches.get(i).getValue(), value)));
        return batches;
      }
    }
    batches.add(KV.of(batchEnd, value));
    return batches;
  }
}
