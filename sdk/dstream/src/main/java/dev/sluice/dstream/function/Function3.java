package dev.sluice.dstream.function;

import java.io.Serializable;

/**
 * A function of three arguments, as Spark's {@code Function3}: the mapping function of {@code
 * mapWithState}.
 *
 * <p>Implementations are serialized with the pipeline, so a lambda may capture only serializable
 * values.
 *
 * <pre>{@code
 * Function3<String, Optional<Integer>, State<Integer>, String> f = (key, value, state) -> key;
 * }</pre>
 */
@FunctionalInterface
public interface Function3<T1, T2, T3, R> extends Serializable {
  /** Applies the function to the three arguments. */
  R call(T1 first, T2 second, T3 third) throws Exception;
}
