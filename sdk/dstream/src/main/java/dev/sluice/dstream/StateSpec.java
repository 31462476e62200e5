package dev.sluice.dstream;

import dev.sluice.dstream.function.Function3;
import java.io.Serializable;
import java.util.Optional;

/**
 * What {@link PairDStream#mapWithState} runs, as Spark's {@code StateSpec}: the mapping function
 * and an optional idle timeout.
 *
 * <pre>{@code
 * MapWithStateDStream<String, Integer, Integer, KV<String, Integer>> totals =
 *     pairs.mapWithState(
 *         StateSpec.function(
 *                 (String word, Optional<Integer> one, State<Integer> state) -> {
 *                   int sum = one.orElse(0) + (state.exists() ? state.get() : 0);
 *                   state.update(sum);
 *                   return KV.of(word, sum);
 *                 })
 *             .timeout(Durations.seconds(30)));
 * }</pre>
 */
public final class StateSpec<K, V, S, R> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Function3<K, Optional<V>, State<S>, R> function;
  private final Duration timeout;

  private StateSpec(Function3<K, Optional<V>, State<S>, R> function, Duration timeout) {
    this.function = function;
    this.timeout = timeout;
  }

  /** A spec running {@code function} for every record, without timeout. */
  public static <K, V, S, R> StateSpec<K, V, S, R> function(
      Function3<K, Optional<V>, State<S>, R> function) {
    return new StateSpec<>(function, null);
  }

  /**
   * A copy whose keys time out after {@code idle} without data: the function is called once more
   * with an empty value and {@link State#isTimingOut()} true, then the state is removed.
   */
  public StateSpec<K, V, S, R> timeout(Duration idle) {
    return new StateSpec<>(function, idle);
  }

  Function3<K, Optional<V>, State<S>, R> mappingFunction() {
    return function;
  }

  /** The timeout, or null. */
  Duration idleTimeout() {
    return timeout;
  }
}
