package dev.sluice.io.stream;

import java.io.Serializable;
import java.util.Objects;

/**
 * When a source closes a batch: Spark's triggers, as the sources see them.
 *
 * <ul>
 *   <li>{@link #once()}: one batch with everything available at start, then the source ends.
 *   <li>{@link #availableNow()}: everything available at start, in as many batches as the source's
 *       rate limits (e.g. {@code maxFilesPerTrigger}) need, then one no-data batch marker, then the
 *       source ends.
 *   <li>{@link #processingTime(long)}: runs until stopped; a batch is closed every {@code
 *       intervalMillis} if new data arrived (0: as soon as the previous batch is out, Spark's
 *       default trigger). After a batch with data, the first trigger time that finds no new data
 *       emits one no-data marker ({@link BatchEnd#hasData()} false).
 * </ul>
 *
 * <pre>{@code
 * BatchTrigger.processingTime(10_000);   // Trigger.ProcessingTime("10 seconds")
 * }</pre>
 */
public final class BatchTrigger implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of trigger. */
  public enum Kind {
    ONCE,
    AVAILABLE_NOW,
    PROCESSING_TIME
  }

  private final Kind kind;
  private final long intervalMillis;
  private final boolean clockAligned;

  private BatchTrigger(Kind kind, long intervalMillis) {
    this(kind, intervalMillis, false);
  }

  private BatchTrigger(Kind kind, long intervalMillis, boolean clockAligned) {
    if (intervalMillis < 0) {
      throw new IllegalArgumentException(
          "A trigger interval cannot be negative, but was " + intervalMillis + " ms");
    }
    this.kind = kind;
    this.intervalMillis = intervalMillis;
    this.clockAligned = clockAligned;
  }

  /**
   * A copy whose processing-time batches are numbered on the clock ({@code now / interval},
   * milliseconds for interval 0) instead of 0, 1, 2, …: what a query with several sources needs, so
   * their batches line up and an idle source's watermark moves with time rather than holding the
   * others back. Batch numbers are then sparse. No effect on the bounded triggers.
   */
  public BatchTrigger withClockAlignedBatches() {
    return new BatchTrigger(kind, intervalMillis, true);
  }

  /** True if processing-time batches are numbered on the clock. */
  public boolean isClockAligned() {
    return clockAligned && kind == Kind.PROCESSING_TIME;
  }

  /** Spark's {@code Trigger.Once()}. */
  public static BatchTrigger once() {
    return new BatchTrigger(Kind.ONCE, 0);
  }

  /** Spark's {@code Trigger.AvailableNow()}. */
  public static BatchTrigger availableNow() {
    return new BatchTrigger(Kind.AVAILABLE_NOW, 0);
  }

  /** Spark's {@code Trigger.ProcessingTime(intervalMillis)}; 0 is Spark's default trigger. */
  public static BatchTrigger processingTime(long intervalMillis) {
    return new BatchTrigger(Kind.PROCESSING_TIME, intervalMillis);
  }

  public Kind kind() {
    return kind;
  }

  /** The interval of a processing-time trigger; 0 for the others. */
  public long intervalMillis() {
    return intervalMillis;
  }

  /** True if the source ends by itself once the data available at start is read. */
  public boolean isBounded() {
    return kind != Kind.PROCESSING_TIME;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BatchTrigger
        && ((BatchTrigger) o).kind == kind
        && ((BatchTrigger) o).intervalMillis == intervalMillis
        && ((BatchTrigger) o).clockAligned == clockAligned;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, intervalMillis, clockAligned);
  }

  @Override
  public String toString() {
    return kind == Kind.PROCESSING_TIME
        ? "ProcessingTime(" + intervalMillis + " ms" + (clockAligned ? ", clock-aligned" : "") + ")"
        : kind.name();
  }
}
