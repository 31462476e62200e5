package dev.sluice.dstream.function;

import java.io.Serializable;

/**
 * A function of one argument, as Spark's {@code org.apache.spark.api.java.function.Function}.
 *
 * <p>Implementations are serialized with the pipeline, so a lambda may capture only serializable
 * values.
 *
 * <pre>{@code
 * DStream<Integer> lengths = lines.map(line -> line.length());
 * }</pre>
 */
@FunctionalInterface
public interface Function<T, R> extends Serializable {
  /**
   * Applies the function; an exception stops the streaming context and is rethrown by {@code
   * awaitTermination}.
   */
  R call(T value) throws Exception;
}
