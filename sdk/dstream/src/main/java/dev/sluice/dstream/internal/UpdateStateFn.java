package dev.sluice.dstream.internal;

import dev.sluice.dstream.function.Function2;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.beam.sdk.values.KV;

/**
 * {@code updateStateByKey} on {@link KeyedBatchFn}: at every batch, for every key with state or new
 * values, {@code update(values of the batch, old state)} gives the new state (empty removes the
 * key), and the new state is emitted at the batch's timestamp. A key with state is visited every
 * {@code step} (the parent's slide), so every key's state is emitted every batch, as in Spark.
 *
 * <pre>{@code
 * keyedWithBatchTime
 *     .apply(Window.into(new GlobalWindows()))
 *     .apply(ParDo.of(new UpdateStateFn<>(update, 1000, Long.MAX_VALUE)));
 * }</pre>
 *
 * <p>State: the user's state {@code S}.
 */
public final class UpdateStateFn<K, V, S> extends KeyedBatchFn<K, V, S, KV<K, S>> {
  private final Function2<List<V>, Optional<S>, Optional<S>> update;

  public UpdateStateFn(
      Function2<List<V>, Optional<S>, Optional<S>> update, long step, long horizon) {
    super(step, horizon);
    this.update = update;
  }

  @Override
  S onBatch(K key, S state, List<KV<Long, V>> due, long end, Consumer<KV<K, S>> out)
      throws Exception {
    List<V> values = new ArrayList<>(due.size());
    due.forEach(value -> values.add(value.getValue()));
    Optional<S> next = update.call(values, Optional.ofNullable(state));
    if (next == null || next.isEmpty()) {
      return null;
    }
    out.accept(KV.of(key, next.get()));
    return next.get();
  }
}
