package dev.sluice.structured;

import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.time.DurationText;
import java.util.Objects;

/**
 * When a streaming query runs its batches (Spark's {@code Trigger}).
 *
 * <ul>
 *   <li>{@link #ProcessingTime(String)}: a batch every interval if new data arrived; {@code
 *       ProcessingTime(0)} is the default: a batch as soon as the previous one is done.
 *   <li>{@link #Once()}: one batch with everything available, then the query stops.
 *   <li>{@link #AvailableNow()}: everything available, in as many batches as the sources' limits
 *       ({@code maxFilesPerTrigger}) make, then the query stops.
 *   <li>{@link #Continuous(String)}: accepted for compatibility; Sluice runs such queries as
 *       back-to-back micro-batches (Spark's continuous engine with per-record latency is not
 *       reproduced), so every operator works, not only map-like ones.
 * </ul>
 *
 * <pre>{@code
 * counts.writeStream().trigger(Trigger.ProcessingTime("10 seconds")).format("console").start();
 * }</pre>
 */
public final class Trigger {
  private final BatchTrigger batchTrigger;
  private final String description;

  private Trigger(BatchTrigger batchTrigger, String description) {
    this.batchTrigger = batchTrigger;
    this.description = description;
  }

  /** A batch every {@code interval} ("10 seconds", "1 minute", "500 milliseconds"). */
  public static Trigger ProcessingTime(String interval) {
    return ProcessingTime(DurationText.parseMillis(interval));
  }

  /** A batch every {@code intervalMillis} ms (0: as soon as the previous one is done). */
  public static Trigger ProcessingTime(long intervalMillis) {
    return new Trigger(
        BatchTrigger.processingTime(intervalMillis), "ProcessingTime(" + intervalMillis + ")");
  }

  /** One batch with everything available, then stop. */
  public static Trigger Once() {
    return new Trigger(BatchTrigger.once(), "Once");
  }

  /** Everything available, in batches, then stop. */
  public static Trigger AvailableNow() {
    return new Trigger(BatchTrigger.availableNow(), "AvailableNow");
  }

  /** Run as back-to-back micro-batches (see the class documentation). */
  public static Trigger Continuous(String checkpointInterval) {
    return Continuous(DurationText.parseMillis(checkpointInterval));
  }

  /** Run as back-to-back micro-batches (see the class documentation). */
  public static Trigger Continuous(long checkpointIntervalMillis) {
    if (checkpointIntervalMillis < 0) {
      throw new IllegalArgumentException(
          "Continuous trigger interval cannot be negative: " + checkpointIntervalMillis);
    }
    return new Trigger(
        BatchTrigger.processingTime(0), "Continuous(" + checkpointIntervalMillis + ")");
  }

  /** How the sources see this trigger. */
  public BatchTrigger batchTrigger() {
    return batchTrigger;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Trigger && ((Trigger) o).description.equals(description);
  }

  @Override
  public int hashCode() {
    return Objects.hash(description);
  }

  @Override
  public String toString() {
    return description;
  }
}
