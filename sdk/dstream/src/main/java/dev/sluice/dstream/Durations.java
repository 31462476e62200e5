package dev.sluice.dstream;

/**
 * Factory methods for {@link Duration}, as Spark Streaming's {@code Durations}.
 *
 * <pre>{@code
 * StreamingContext ssc = new StreamingContext("wordcount", Durations.seconds(1));
 * counts.reduceByKeyAndWindow((a, b) -> a + b, Durations.minutes(5), Durations.seconds(1));
 * }</pre>
 */
public final class Durations {
  private Durations() {}

  /** {@code millis} milliseconds. */
  public static Duration milliseconds(long millis) {
    return Duration.millis(millis);
  }

  /** {@code seconds} seconds. */
  public static Duration seconds(long seconds) {
    return Duration.millis(Math.multiplyExact(seconds, 1000L));
  }

  /** {@code minutes} minutes. */
  public static Duration minutes(long minutes) {
    return Duration.millis(Math.multiplyExact(minutes, 60_000L));
  }
}
