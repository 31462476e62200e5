package dev.sluice.dstream.internal;

import dev.sluice.dstream.function.Function;
import dev.sluice.dstream.function.Function2;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.values.KV;

/**
 * The incremental {@code reduceByKeyAndWindow(f, invF, length, slide)} on {@link KeyedBatchFn}: per
 * key it keeps one reduced value per batch still inside the window and the value of the last
 * window, and at each slide end {@code T} computes
 *
 * <pre>
 *   window(T) = invF( f(window(T - slide), batches in (T - slide, T]),
 *                     batches in (T - slide - length, T - length] )
 * </pre>
 *
 * <p>so a 300 s window sliding by 1 s costs two reductions per key and slide instead of 300 copies
 * of every element. When the previous window was not computed (the key was absent) the value is
 * recomputed from the batches. A key with no batch inside the window is dropped (Spark would keep
 * emitting it with the inverse-reduced value, e.g. a count of 0, unless a filter function is
 * given). A pair the optional filter function ({@code filterFunc}) rejects is not emitted; its
 * key's batches are kept, so later windows stay exact.
 *
 * <pre>{@code
 * keyedWithBatchTime
 *     .apply(Window.into(new GlobalWindows()))
 *     .apply(ParDo.of(new IncrementalWindowFn<>(Integer::sum, (a, b) -> a - b, null, 300_000,
 *         1_000, Long.MAX_VALUE)));
 * }</pre>
 *
 * <p>State: {@code KV(batches, KV(value, valueEnd))}: the reduced value per batch end still in the
 * window (ascending), and the last window's value and end; KVs and lists, which {@code AnyCoder}
 * encodes compactly (state is encoded at every batch on some runners and in every checkpoint).
 */
public final class IncrementalWindowFn<K, V>
    extends KeyedBatchFn<K, V, KV<List<KV<Long, V>>, KV<V, Long>>, KV<K, V>> {
  private final Function2<V, V, V> reduce;
  private final Function2<V, V, V> inverse;
  private final Function<KV<K, V>, Boolean> filter;
  private final long length;

  public IncrementalWindowFn(
      Function2<V, V, V> reduce,
      Function2<V, V, V> inverse,
      Function<KV<K, V>, Boolean> filter,
      long length,
      long slide,
      long horizon) {
    super(slide, horizon);
    this.reduce = reduce;
    this.inverse = inverse;
    this.filter = filter;
    this.length = length;
  }

  /** The end of the first window (a multiple of the slide) that contains batch {@code batchEnd}. */
  @Override
  long dueAt(long batchEnd) {
    return Math.floorDiv(batchEnd + step - 1, step) * step;
  }

  @Override
  KV<List<KV<Long, V>>, KV<V, Long>> onBatch(
      K key,
      KV<List<KV<Long, V>>, KV<V, Long>> window,
      List<KV<Long, V>> due,
      long end,
      Consumer<KV<K, V>> out)
      throws Exception {
    List<KV<Long, V>> batches =
        window == null ? new ArrayList<>() : new ArrayList<>(window.getKey());
    boolean incremental = window != null && window.getValue().getValue() == end - step;
    V added = null;
    for (KV<Long, V> value : due) {
      incremental &= value.getKey() > end - step;
      added = added == null ? value.getValue() : reduce.call(added, value.getValue());
      addToBatch(batches, value.getKey(), value.getValue());
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
    if (kept.isEmpty()) {
      return null;
    }
    kept.sort(Comparator.comparing(KV::getKey));
    V value;
    if (incremental) {
      value = window.getValue().getKey();
      value = added == null ? value : reduce.call(value, added);
      value = removed == null ? value : inverse.call(value, removed);
    } else {
      value = kept.get(0).getValue();
      for (int i = 1; i < kept.size(); i++) {
        value = reduce.call(value, kept.get(i).getValue());
      }
    }
    KV<K, V> pair = KV.of(key, value);
    if (filter == null || filter.call(pair)) {
      out.accept(pair);
    }
    return KV.of(kept, KV.of(value, end));
  }

  private void addToBatch(List<KV<Long, V>> batches, long batchEnd, V value) throws Exception {
    for (int i = 0; i < batches.size(); i++) {
      if (batches.get(i).getKey() == batchEnd) {
        batches.set(i, KV.of(batchEnd, reduce.call(batches.get(i).getValue(), value)));
        return;
      }
    }
    batches.add(KV.of(batchEnd, value));
  }
}
