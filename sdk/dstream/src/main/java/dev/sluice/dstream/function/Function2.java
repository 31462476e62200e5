package dev.sluice.dstream.function;

import java.io.Serializable;

/**
 * A function of two arguments, as Spark's {@code Function2}: reducers, inverse reducers and {@code
 * updateStateByKey}'s update function.
 *
 * <p>Implementations are serialized with the pipeline, so a lambda may capture only serializable
 * values.
 *
 * <pre>{@code
 * PairDStream<String, Integer> counts = pairs.reduceByKey((a, b) -> a + b);
 * }</pre>
 */
@FunctionalInterface
public interface Function2<T1, T2, R> extends Serializable {
  /** Applies the function to both arguments. */
  R call(T1 first, T2 second) throws Exception;
}
