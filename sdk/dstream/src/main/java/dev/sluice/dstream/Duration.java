package dev.sluice.dstream;

import java.io.Serializable;

/**
 * A span of time in milliseconds, as Spark Streaming's {@code Duration}: batch intervals, window
 * lengths and slides, state timeouts. Create one with {@link Durations}.
 *
 * <pre>{@code
 * Duration window = Durations.seconds(300);
 * window.isMultipleOf(Durations.seconds(1)); // true
 * window.toString();                         // "300000 ms", as Spark prints it
 * }</pre>
 */
public final class Duration implements Serializable, Comparable<Duration> {
  private static final long serialVersionUID = 1L;

  private final long millis;

  private Duration(long millis) {
    this.millis = millis;
  }

  /**
   * A duration of {@code millis} milliseconds.
   *
   * @throws IllegalArgumentException if {@code millis} is negative
   */
  public static Duration millis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("A duration cannot be negative: " + millis + " ms");
    }
    return new Duration(millis);
  }

  /** The length in milliseconds. */
  public long milliseconds() {
    return millis;
  }

  /** True if this duration is a whole multiple of {@code other} (which must not be zero). */
  public boolean isMultipleOf(Duration other) {
    return other.millis != 0 && millis % other.millis == 0;
  }

  /** This duration plus {@code other}. */
  public Duration plus(Duration other) {
    return new Duration(Math.addExact(millis, other.millis));
  }

  /** This duration times {@code times}. */
  public Duration times(int times) {
    return millis(Math.multiplyExact(millis, (long) times));
  }

  /** The same span as a Joda duration, for Beam's windowing API. */
  public org.joda.time.Duration toJoda() {
    return org.joda.time.Duration.millis(millis);
  }

  @Override
  public int compareTo(Duration other) {
    return Long.compare(millis, other.millis);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Duration && ((Duration) o).millis == millis;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(millis);
  }

  /** Spark's form: {@code "1000 ms"}. */
  @Override
  public String toString() {
    return millis + " ms";
  }
}
