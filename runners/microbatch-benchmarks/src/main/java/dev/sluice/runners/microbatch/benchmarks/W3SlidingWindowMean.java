package dev.sluice.runners.microbatch.benchmarks;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Mean;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;

/**
 * W3, sliding windows: W1's events keyed by user, 5-minute {@link SlidingWindows} every minute,
 * {@code Mean.perKey()} of the value. Result rows: {@code window,user,mean}.
 *
 * <pre>{@code
 * Workload w3 = new W3SlidingWindowMean(new EventFiles(root, 4_000_000, 40, 42L));
 * }</pre>
 */
public final class W3SlidingWindowMean extends EventFileWorkload {
  /** W3 over {@code files}. */
  public W3SlidingWindowMean(EventFiles files) {
    super(files, ParseEvents.KeyField.USER);
  }

  @Override
  public String name() {
    return "W3";
  }

  @Override
  public String description() {
    return String.format(
        "sliding 5-min windows every 1 min, mean value per user: %,d events", files.events());
  }

  @Override
  public void build(Pipeline p, String runId) {
    events(p)
        .apply(
            "SlidingWindows",
            Window.into(
                SlidingWindows.of(Duration.standardMinutes(5)).every(Duration.standardMinutes(1))))
        .apply("MeanPerUser", Mean.perKey())
        .apply(
            "Digest",
            DigestSink.to(
                runId,
                (KV<String, Double> kv, BoundedWindow w) ->
                    DigestSink.window(w) + "," + kv.getKey() + "," + kv.getValue()));
  }
}
