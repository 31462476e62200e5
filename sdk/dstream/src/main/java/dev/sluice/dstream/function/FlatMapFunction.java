package dev.sluice.dstream.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * A function from one element to any number of elements, as Spark's {@code FlatMapFunction}.
 *
 * <p>Implementations are serialized with the pipeline, so a lambda may capture only serializable
 * values.
 *
 * <pre>{@code
 * DStream<String> words = lines.flatMap(line -> Arrays.asList(line.split(" ")).iterator());
 * }</pre>
 */
@FunctionalInterface
public interface FlatMapFunction<T, R> extends Serializable {
  /** Returns the elements {@code value} maps to. */
  Iterator<R> call(T value) throws Exception;
}
