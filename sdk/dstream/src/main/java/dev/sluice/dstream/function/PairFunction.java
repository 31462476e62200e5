package dev.sluice.dstream.function;

import java.io.Serializable;
import org.apache.beam.sdk.values.KV;

/**
 * A function from one element to a key-value pair, as Spark's {@code PairFunction} (pairs are Beam
 * {@link KV}s rather than Scala tuples).
 *
 * <p>Implementations are serialized with the pipeline, so a lambda may capture only serializable
 * values.
 *
 * <pre>{@code
 * PairDStream<String, Integer> ones = words.mapToPair(word -> KV.of(word, 1));
 * }</pre>
 */
@FunctionalInterface
public interface PairFunction<T, K, V> extends Serializable {
  /** Returns the pair {@code value} maps to. */
  KV<K, V> call(T value) throws Exception;
}
