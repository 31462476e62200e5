package dev.sluice.dstream.function;

import java.io.Serializable;

/**
 * A function run for its effect, as Spark's {@code VoidFunction}: the body of {@code foreachRDD}.
 *
 * <p>Implementations are serialized with the pipeline, so a lambda may capture only serializable
 * values.
 *
 * <pre>{@code
 * counts.foreachRDD(batch -> System.out.println(batch.time() + ": " + batch.count()));
 * }</pre>
 */
@FunctionalInterface
public interface VoidFunction<T> extends Serializable {
  /** Runs the function on {@code value}. */
  void call(T value) throws Exception;
}
