package dev.sluice.dstream.function;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.beam.sdk.values.KV;

/**
 * A function from one element to any number of key-value pairs, as Spark's {@code
 * PairFlatMapFunction} (pairs are Beam {@link KV}s rather than Scala tuples).
 *
 * <p>Implementations are serialized with the pipeline, so a lambda may capture only serializable
 * values.
 *
 * <pre>{@code
 * PairDStream<String, Integer> ones =
 *     lines.flatMapToPair(line -> Arrays.stream(line.split(" ")).map(w -> KV.of(w, 1)).iterator());
 * }</pre>
 */
@FunctionalInterface
public interface PairFlatMapFunction<T, K, V> extends Serializable {
  /** Returns the pairs {@code value} maps to. */
  Iterator<KV<K, V>> call(T value) throws Exception;
}
