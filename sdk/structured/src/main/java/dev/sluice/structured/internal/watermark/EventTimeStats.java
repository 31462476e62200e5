package dev.sluice.structured.internal.watermark;

import java.io.Serializable;

/**
 * Minimum, maximum, sum and count of the event times a watermark step saw: Spark's {@code
 * eventTime} progress fields and the input of its watermark.
 *
 * <pre>{@code
 * EventTimeStats s = EventTimeStats.of(1000).merge(EventTimeStats.of(3000));
 * s.max();   // 3000
 * s.avg();   // 2000
 * }</pre>
 */
public final class EventTimeStats implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No event times. */
  public static final EventTimeStats EMPTY =
      new EventTimeStats(Long.MAX_VALUE, Long.MIN_VALUE, 0, 0);

  private final long min;
  private final long max;
  private final long sum;
  private final long count;

  public EventTimeStats(long min, long max, long sum, long count) {
    this.min = min;
    this.max = max;
    this.sum = sum;
    this.count = count;
  }

  /** One event time. */
  public static EventTimeStats of(long millis) {
    return new EventTimeStats(millis, millis, millis, 1);
  }

  /** These and {@code other}'s event times. */
  public EventTimeStats merge(EventTimeStats other) {
    return new EventTimeStats(
        Math.min(min, other.min), Math.max(max, other.max), sum + other.sum, count + other.count);
  }

  public long min() {
    return min;
  }

  public long max() {
    return max;
  }

  public long sum() {
    return sum;
  }

  public long count() {
    return count;
  }

  /** The average event time, rounded down; meaningless when {@link #count()} is 0. */
  public long avg() {
    return count == 0 ? 0 : Math.floorDiv(sum, count);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventTimeStats
        && ((EventTimeStats) o).min == min
        && ((EventTimeStats) o).max == max
        && ((EventTimeStats) o).sum == sum
        && ((EventTimeStats) o).count == count;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(min * 31 + max) * 31 + Long.hashCode(sum + count);
  }

  @Override
  public String toString() {
    return "EventTimeStats[min=" + min + ", max=" + max + ", count=" + count + "]";
  }
}
