package dev.sluice.structured.internal.state;

import com.google.auto.value.AutoValue;
import java.io.Serializable;

/**
 * What one shard of a stateful step did in one batch: the numbers of Spark's {@code stateOperators}
 * progress entry, the watermark it used, and whether the batch ran. The state-store numbers
 * (memory, times) default to 0; shards' summaries add up ({@link #plus}), as Spark sums its
 * partitions' metrics.
 *
 * <pre>{@code
 * OperatorSummary s = OperatorSummary.builder().setOperatorName("stateStoreSave").setOperatorIndex(0)
 *     .setRan(true).setWatermarkMillis(0).setNumRowsTotal(4).setNumRowsUpdated(2)
 *     .setNumRowsRemoved(0).setNumRowsDroppedByWatermark(0).setMemoryUsedBytes(1024).build();
 * }</pre>
 */
@AutoValue
public abstract class OperatorSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Spark's operator name: {@code stateStoreSave}, {@code dedupe}, {@code symmetricHashJoin}. */
  public abstract String operatorName();

  /** The operator's position among the query's stateful operators, from the source side. */
  public abstract int operatorIndex();

  /**
   * True if the batch ran for this operator: it had data, or it had none but the watermark moved
   * and the operator evicts by watermark (Spark's no-data batch).
   */
  public abstract boolean ran();

  /** The watermark (epoch millis) the batch used for late rows and eviction. */
  public abstract long watermarkMillis();

  public abstract long numRowsTotal();

  public abstract long numRowsUpdated();

  public abstract long numRowsRemoved();

  public abstract long numRowsDroppedByWatermark();

  /** Memory the shard's state store holds (an estimate for runner-managed state). */
  public abstract long memoryUsedBytes();

  /** Milliseconds the state store's commit took (0 for runner-managed state). */
  public abstract long commitTimeMs();

  /** Milliseconds spent reading the batch's input into the state. */
  public abstract long allUpdatesTimeMs();

  /** Milliseconds spent removing state by watermark (eviction). */
  public abstract long allRemovalsTimeMs();

  /** The same summary, to change some numbers. */
  public abstract Builder toBuilder();

  // Declared so Beam's SerializableCoder sees value equality (AutoValue implements them).
  @Override
  public abstract boolean equals(Object o);

  @Override
  public abstract int hashCode();

  public static Builder builder() {
    return new AutoValue_OperatorSummary.Builder()
        .setNumRowsTotal(0)
        .setMemoryUsedBytes(0)
        .setCommitTimeMs(0)
        .setAllUpdatesTimeMs(0)
        .setAllRemovalsTimeMs(0);
  }

  /** Adds another shard's numbers to these. */
  public OperatorSummary plus(OperatorSummary other) {
    return builder()
        .setOperatorName(operatorName())
        .setOperatorIndex(operatorIndex())
        .setRan(ran() || other.ran())
        .setWatermarkMillis(Math.max(watermarkMillis(), other.watermarkMillis()))
        .setNumRowsTotal(numRowsTotal() + other.numRowsTotal())
        .setNumRowsUpdated(numRowsUpdated() + other.numRowsUpdated())
        .setNumRowsRemoved(numRowsRemoved() + other.numRowsRemoved())
        .setNumRowsDroppedByWatermark(
            numRowsDroppedByWatermark() + other.numRowsDroppedByWatermark())
        .setMemoryUsedBytes(memoryUsedBytes() + other.memoryUsedBytes())
        .setCommitTimeMs(commitTimeMs() + other.commitTimeMs())
        .setAllUpdatesTimeMs(allUpdatesTimeMs() + other.allUpdatesTimeMs())
        .setAllRemovalsTimeMs(allRemovalsTimeMs() + other.allRemovalsTimeMs())
        .build();
  }

  /** Builder of {@link OperatorSummary}. */
  @AutoValue.Builder
  public abstract static class Builder {
    public abstract Builder setOperatorName(String name);

    public abstract Builder setOperatorIndex(int index);

    public abstract Builder setRan(boolean ran);

    public abstract Builder setWatermarkMillis(long watermarkMillis);

    public abstract Builder setNumRowsTotal(long n);

    public abstract Builder setNumRowsUpdated(long n);

    public abstract Builder setNumRowsRemoved(long n);

    public abstract Builder setNumRowsDroppedByWatermark(long n);

    public abstract Builder setMemoryUsedBytes(long n);

    public abstract Builder setCommitTimeMs(long n);

    public abstract Builder setAllUpdatesTimeMs(long n);

    public abstract Builder setAllRemovalsTimeMs(long n);

    public abstract OperatorSummary build();
  }
}
