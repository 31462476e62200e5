package dev.sluice.runners.microbatch.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
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
public final class W3SlidingWindowMean implements Workload {
  private final EventFiles files;

  /** W3 over {@code files}. */
  public W3SlidingWindowMean(EventFiles files) {
    this.files = files;
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
  public long inputRows() {
    return files.events();
  }

  @Override
  public void prepare() throws IOException {
    files.dir();
  }

  @Override
  public void build(Pipeline p, String runId) {
    String glob;
    try {
      glob = files.glob();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    p.apply("Events", ParseEvents.from(glob, ParseEvents.KeyField.USER))
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
