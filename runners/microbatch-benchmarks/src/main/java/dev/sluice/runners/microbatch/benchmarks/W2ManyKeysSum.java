package dev.sluice.runners.microbatch.benchmarks;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * W2, many keys: {@code GenerateSequence} of {@code records} numbers mapped to {@code KV(key,
 * value)} over {@code keys} keys (a hash of the number picks the key), then {@code
 * Sum.longsPerKey()} in the global window. Result rows: {@code key,sum}.
 *
 * <pre>{@code
 * Workload w2 = new W2ManyKeysSum(10_000_000, 1_000_000);
 * }</pre>
 */
public final class W2ManyKeysSum implements Workload {
  private final long records;
  private final long keys;

  /** {@code records} KVs over {@code keys} keys. */
  public W2ManyKeysSum(long records, long keys) {
    this.records = records;
    this.keys = Math.max(1, keys);
  }

  @Override
  public String name() {
    return "W2";
  }

  @Override
  public String description() {
    return String.format(
        "many keys: %,d generated KVs over %,d keys → Sum.longsPerKey (global window)",
        records, keys);
  }

  @Override
  public long inputRows() {
    return records;
  }

  @Override
  public void prepare() {}

  @Override
  public void build(Pipeline p, String runId) {
    long keyCount = keys;
    p.apply("Generate", GenerateSequence.from(0).to(records))
        .apply(
            "ToKV",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.longs()))
                .via((Long i) -> KV.of(key(i, keyCount), value(i))))
        .apply("SumPerKey", Sum.longsPerKey())
        .apply(
            "Digest",
            DigestSink.to(
                runId, (KV<Long, Long> kv, BoundedWindow w) -> kv.getKey() + "," + kv.getValue()));
  }

  /** The key of number {@code i}: a mixed hash of it, modulo {@code keys}. */
  static long key(long i, long keys) {
    long h = i * 0x9E3779B97F4A7C15L;
    h ^= h >>> 32;
    h *= 0xD6E8FEB86659FD93L;
    h ^= h >>> 32;
    return Math.floorMod(h, keys);
  }

  /** The value of number {@code i}: 1 to 100. */
  static long value(long i) {
    return i % 100 + 1;
  }
}
