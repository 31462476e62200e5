package ${package};

import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;

/**
 * Counts each distinct event in fixed event-time windows, written with plain Beam transforms:
 *
 * <ul>
 *   <li><b>early</b> panes as data arrives, before the watermark reaches the end of the window;
 *   <li>an <b>on-time</b> pane when the watermark passes the end of the window;
 *   <li><b>late</b> panes for data that arrives after that but within the allowed lateness;
 *   <li>data later than the allowed lateness is dropped.
 * </ul>
 *
 * <p>Panes accumulate: each one holds the count of everything seen so far in its window.
 *
 * <pre>{@code
 * PCollection<String> events = ...;                       // timestamped event names
 * PCollection<KV<String, Long>> counts =
 *     events.apply(
 *         WindowedCounts.of(Duration.standardMinutes(1))
 *             .withAllowedLateness(Duration.standardMinutes(5)));
 * }</pre>
 */
public final class WindowedCounts
    extends PTransform<PCollection<String>, PCollection<KV<String, Long>>> {
  private final Duration windowSize;
  private final Duration allowedLateness;

  private WindowedCounts(Duration windowSize, Duration allowedLateness) {
    this.windowSize = windowSize;
    this.allowedLateness = allowedLateness;
  }

  /**
   * Counts in fixed windows of {@code windowSize}, with no allowed lateness.
   *
   * @throws IllegalArgumentException if {@code windowSize} is not positive
   */
  public static WindowedCounts of(Duration windowSize) {
    if (!windowSize.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("The window size must be positive, not " + windowSize);
    }
    return new WindowedCounts(windowSize, Duration.ZERO);
  }

  /**
   * A copy that also counts data arriving up to {@code lateness} after the end of its window.
   *
   * @throws IllegalArgumentException if {@code lateness} is negative
   */
  public WindowedCounts withAllowedLateness(Duration lateness) {
    if (lateness.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("The allowed lateness cannot be negative: " + lateness);
    }
    return new WindowedCounts(windowSize, lateness);
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<String> events) {
    return events
        .apply(
            "Window",
            Window.<String>into(FixedWindows.of(windowSize))
                .triggering(
                    AfterWatermark.pastEndOfWindow()
                        .withEarlyFirings(AfterPane.elementCountAtLeast(1))
                        .withLateFirings(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(allowedLateness)
                .accumulatingFiredPanes())
        .apply("Count", Count.perElement());
  }
}
