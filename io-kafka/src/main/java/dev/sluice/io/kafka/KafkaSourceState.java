package dev.sluice.io.kafka;

import dev.sluice.io.stream.BatchCheckpoint;
import dev.sluice.io.stream.RunScopedState;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.kafka.common.TopicPartition;

/**
 * What a Kafka source reader keeps in its checkpoint, so a reader created from it continues
 * exactly: the position after the last taken batch per partition, the open batch's planned range
 * per partition and how far it was emitted, the bounded trigger's limit, and the data-loss count.
 *
 * <p>Lifetimes: {@code taken} grows batch by batch and lives for the whole query (it is Spark's
 * offset log entry); {@code batchFrom}, {@code batchUntil} and {@code next} live while one batch is
 * open; {@code limit} lives for one run (a restart with a bounded trigger looks at the topics
 * afresh, see {@link RunScopedState}).
 */
final class KafkaSourceState implements RunScopedState {
  private static final long serialVersionUID = 1L;

  /** True once the starting offsets were resolved (at the first poll). */
  boolean started;

  /** Per partition: the offset after the last batch taken (where the next batch starts). */
  final TreeMap<TopicPartition, Long> taken = new TreeMap<>(PartitionOffsets.ORDER);

  /** Per partition: the latest offset seen at the last poll (Spark's {@code latestOffset}). */
  final TreeMap<TopicPartition, Long> latest = new TreeMap<>(PartitionOffsets.ORDER);

  /** The open batch per partition: first offset of its range (inclusive). */
  final TreeMap<TopicPartition, Long> batchFrom = new TreeMap<>(PartitionOffsets.ORDER);

  /** The open batch per partition: end of its range (exclusive). */
  final TreeMap<TopicPartition, Long> batchUntil = new TreeMap<>(PartitionOffsets.ORDER);

  /** The open batch per partition: the next offset to emit (everything before it is out). */
  final TreeMap<TopicPartition, Long> next = new TreeMap<>(PartitionOffsets.ORDER);

  /** With a bounded trigger: the offsets to stop at, fixed at the run's first poll. */
  @Nullable TreeMap<TopicPartition, Long> limit;

  /** Processing time of the last batch taken (for {@code maxTriggerDelay}); -1 before one. */
  long lastBatchMillis = -1;

  /** Offsets lost to retention or deleted topics with {@code failOnDataLoss=false}. */
  long lostOffsets;

  /** Partitions lost (topic deleted) with {@code failOnDataLoss=false}. */
  long lostPartitions;

  /** The ranges of the open batch as Spark's JSON, e.g. for logs. */
  String openBatch() {
    return PartitionOffsets.format(batchFrom) + " until " + PartitionOffsets.format(batchUntil);
  }

  @Override
  public Serializable forNewRun() {
    KafkaSourceState copy = BatchCheckpoint.deepCopy(this);
    copy.limit = null;
    return copy;
  }

  /** The state as a map for tests and logs. */
  Map<String, Object> describe() {
    Map<String, Object> out = new TreeMap<>();
    out.put("taken", PartitionOffsets.format(taken));
    out.put("latest", PartitionOffsets.format(latest));
    out.put("lostOffsets", lostOffsets);
    out.put("lostPartitions", lostPartitions);
    return out;
  }

  @Override
  public String toString() {
    return "KafkaSourceState" + describe();
  }
}
