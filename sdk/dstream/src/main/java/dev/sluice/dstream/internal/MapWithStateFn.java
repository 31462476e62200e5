package dev.sluice.dstream.internal;

import dev.sluice.dstream.MapWithStateDStream;
import dev.sluice.dstream.State;
import dev.sluice.dstream.StateSpec;
import dev.sluice.dstream.function.Function3;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.beam.sdk.values.KV;

/**
 * {@code mapWithState} on {@link KeyedBatchFn}: at every batch the mapping function runs once per
 * value of the key, in batch order, and its non-null results are emitted at the batch's timestamp.
 * With a timeout, a key with state that saw no data for longer than the timeout (Spark's rule: last
 * data before {@code batchTime - timeout}) is called once more with an empty value and a timing-out
 * {@link State}, and its state is removed.
 *
 * <pre>{@code
 * keyedWithBatchTime
 *     .apply(Window.into(new GlobalWindows()))
 *     .apply(ParDo.of(new MapWithStateFn<>(spec, 1000, Long.MAX_VALUE)));
 * }</pre>
 *
 * <p>State: {@code KV(user state, last batch with data)} (the user's state may be null). A key with
 * state is visited every batch (to check its timeout and to checkpoint it), which is also what
 * {@link MapWithStateDStream#stateSnapshots()} shows.
 */
public final class MapWithStateFn<K, V, S, R> extends KeyedBatchFn<K, V, KV<S, Long>, R> {
  private final Function3<K, Optional<V>, State<S>, R> function;
  private final Long timeout;

  public MapWithStateFn(StateSpec<K, V, S, R> spec, long step, long horizon) {
    super(step, horizon);
    this.function = ApiAccess.mappingFunction(spec);
    this.timeout =
        ApiAccess.idleTimeout(spec) == null ? null : ApiAccess.idleTimeout(spec).milliseconds();
  }

  @Override
  KV<S, Long> onBatch(K key, KV<S, Long> tracked, List<KV<Long, V>> due, long end, Consumer<R> out)
      throws Exception {
    boolean exists = tracked != null;
    S current = exists ? tracked.getKey() : null;
    long lastActive = exists ? tracked.getValue() : end;
    if (!due.isEmpty()) {
      for (KV<Long, V> value : due) {
        State<S> view = ApiAccess.state(current, exists, false);
        emit(out, function.call(key, Optional.ofNullable(value.getValue()), view));
        if (ApiAccess.changed(view)) {
          exists = view.exists();
          current = exists ? view.get() : null;
        }
      }
      lastActive = end;
    } else if (exists && timeout != null && lastActive < end - timeout) {
      emit(out, function.call(key, Optional.empty(), ApiAccess.state(current, true, true)));
      exists = false;
    }
    return exists ? KV.of(current, lastActive) : null;
  }

  private static <R> void emit(Consumer<R> out, R result) {
    if (result != null) {
      out.accept(result);
    }
  }
}
