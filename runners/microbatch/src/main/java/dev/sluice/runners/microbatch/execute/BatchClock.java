package dev.sluice.runners.microbatch.execute;

import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Processing time as the runner sees it: the wall clock, or — while a {@code TestStream} drives the
 * pipeline — a synthetic clock that only the stream's processing-time events move.
 *
 * <pre>{@code
 * BatchClock clock = BatchClock.synthetic();
 * clock.advance(Duration.standardMinutes(1));
 * clock.now(); // TIMESTAMP_MIN_VALUE + 1 minute
 * }</pre>
 */
public final class BatchClock {
  private final boolean synthetic;
  private volatile Instant syntheticNow = BoundedWindow.TIMESTAMP_MIN_VALUE;

  private BatchClock(boolean synthetic) {
    this.synthetic = synthetic;
  }

  /** The wall clock. */
  public static BatchClock system() {
    return new BatchClock(false);
  }

  /** A clock at the beginning of time that moves only by {@link #advance}. */
  public static BatchClock synthetic() {
    return new BatchClock(true);
  }

  /** True for a synthetic clock. */
  public boolean isSynthetic() {
    return synthetic;
  }

  /** The current processing time. */
  public Instant now() {
    return synthetic ? syntheticNow : Instant.now();
  }

  /** Moves a synthetic clock forward. */
  public void advance(Duration amount) {
    if (!synthetic) {
      throw new IllegalStateException("Only a synthetic clock can be advanced");
    }
    syntheticNow = syntheticNow.plus(amount);
  }

  /** Moves a synthetic clock to {@code time} if that is later. */
  public void advanceTo(Instant time) {
    if (synthetic && time.isAfter(syntheticNow)) {
      syntheticNow = time;
    }
  }
}
