package dev.sluice.runners.microbatch.translate;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.runners.AppliedPTransform;
import org.apache.beam.sdk.runners.PTransformOverride;
import org.apache.beam.sdk.transforms.GroupIntoBatches;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.util.ShardedKey;
import org.apache.beam.sdk.util.construction.PTransformMatchers;
import org.apache.beam.sdk.util.construction.PTransformReplacements;
import org.apache.beam.sdk.util.construction.SingleInputOutputOverrideFactory;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * {@code GroupIntoBatches.withShardedKey()} with one shard per key.
 *
 * <p>Beam's default expansion shards a key by worker and thread so that a hot key can be batched on
 * several machines at once. In one JVM every key is already processed by exactly one partition, so
 * extra shards only split batches; this replacement keeps one shard per key and fills batches.
 *
 * <pre>{@code
 * pipeline.replaceAll(List.of(SingleShardGroupIntoBatches.override()));
 * }</pre>
 *
 * @param <K> key type
 * @param <V> value type
 */
final class SingleShardGroupIntoBatches<K, V>
    extends PTransform<PCollection<KV<K, V>>, PCollection<KV<ShardedKey<K>, Iterable<V>>>> {
  private static final byte[] SHARD = new byte[0];
  private final GroupIntoBatches.BatchingParams<V> params;

  private SingleShardGroupIntoBatches(GroupIntoBatches.BatchingParams<V> params) {
    this.params = params;
  }

  /** The override replacing every {@code GroupIntoBatches.WithShardedKey}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static PTransformOverride override() {
    return PTransformOverride.of(
        PTransformMatchers.groupWithShardableStates(),
        new SingleInputOutputOverrideFactory<
            PCollection<KV<Object, Object>>,
            PCollection<KV<ShardedKey<Object>, Iterable<Object>>>,
            PTransform<
                PCollection<KV<Object, Object>>,
                PCollection<KV<ShardedKey<Object>, Iterable<Object>>>>>() {
          @Override
          public PTransformReplacement getReplacementTransform(AppliedPTransform transform) {
            GroupIntoBatches<Object, Object>.WithShardedKey original =
                (GroupIntoBatches<Object, Object>.WithShardedKey) transform.getTransform();
            return PTransformReplacement.of(
                PTransformReplacements.getSingletonMainInput(transform),
                new SingleShardGroupIntoBatches<>(original.getBatchingParams()));
          }
        });
  }

  @Override
  public PCollection<KV<ShardedKey<K>, Iterable<V>>> expand(PCollection<KV<K, V>> input) {
    KvCoder<K, V> coder = (KvCoder<K, V>) input.getCoder();
    Coder<K> keyCoder = coder.getKeyCoder();
    return input
        .apply(
            "OneShardPerKey",
            MapElements.via(
                new SimpleFunction<KV<K, V>, KV<ShardedKey<K>, V>>() {
                  @Override
                  public KV<ShardedKey<K>, V> apply(KV<K, V> kv) {
                    return KV.of(ShardedKey.of(kv.getKey(), SHARD), kv.getValue());
                  }
                }))
        .setCoder(KvCoder.of(ShardedKey.Coder.of(keyCoder), coder.getValueCoder()))
        .apply("GroupIntoBatches", rebuild(params));
  }

  private static <K, V> GroupIntoBatches<ShardedKey<K>, V> rebuild(
      GroupIntoBatches.BatchingParams<V> params) {
    long size = params.getBatchSize();
    long bytes = params.getBatchSizeBytes();
    GroupIntoBatches<ShardedKey<K>, V> batches;
    if (size < Long.MAX_VALUE) {
      batches = GroupIntoBatches.ofSize(size);
      if (bytes < Long.MAX_VALUE) {
        batches =
            params.getElementByteSize() == null
                ? batches.withByteSize(bytes)
                : batches.withByteSize(bytes, params.getElementByteSize());
      }
    } else {
      batches =
          params.getElementByteSize() == null
              ? GroupIntoBatches.ofByteSize(bytes)
              : GroupIntoBatches.ofByteSize(bytes, params.getElementByteSize());
    }
    Duration buffering = params.getMaxBufferingDuration();
    if (buffering != null && buffering.isLongerThan(Duration.ZERO)) {
      batches = batches.withMaxBufferingDuration(buffering);
    }
    return batches;
  }
}
