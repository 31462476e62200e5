package dev.sluice.runners.microbatch.benchmarks;

import java.io.Serializable;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * The sink of every workload: formats each element (with its window) as a row of text and adds it
 * to the {@link ResultDigest} open for a run id.
 *
 * <pre>{@code
 * ResultDigest.open(runId);
 * counts.apply(DigestSink.to(runId, (kv, window) -> DigestSink.window(window) + "," + kv));
 * }</pre>
 *
 * @param <T> element type
 */
public final class DigestSink<T> extends PTransform<PCollection<T>, PDone> {
  /**
   * Formats one result element in its window as a row.
   *
   * <pre>{@code
   * DigestSink.RowFormat<KV<String, Long>> f = (kv, w) -> kv.getKey() + "=" + kv.getValue();
   * }</pre>
   *
   * @param <T> element type
   */
  @FunctionalInterface
  public interface RowFormat<T> extends Serializable {
    /** The row for {@code element} in {@code window}. */
    String format(T element, BoundedWindow window);
  }

  private final String runId;
  private final RowFormat<T> format;

  private DigestSink(String runId, RowFormat<T> format) {
    this.runId = runId;
    this.format = format;
  }

  /** A sink adding rows made by {@code format} to the digest of {@code runId}. */
  public static <T> DigestSink<T> to(String runId, RowFormat<T> format) {
    return new DigestSink<>(runId, format);
  }

  /** A window as text: {@code start..end} in epoch millis for interval windows, else "global". */
  public static String window(BoundedWindow window) {
    if (window instanceof IntervalWindow) {
      IntervalWindow w = (IntervalWindow) window;
      return w.start().getMillis() + ".." + w.end().getMillis();
    }
    return "global";
  }

  @Override
  public PDone expand(PCollection<T> input) {
    input.apply("AddToDigest", ParDo.of(new AddFn<>(runId, format)));
    return PDone.in(input.getPipeline());
  }

  private static final class AddFn<T> extends DoFn<T, Void> {
    private final String runId;
    private final RowFormat<T> format;
    private transient ResultDigest digest;

    AddFn(String runId, RowFormat<T> format) {
      this.runId = runId;
      this.format = format;
    }

    @StartBundle
    public void startBundle() {
      digest = ResultDigest.get(runId);
    }

    @ProcessElement
    public void process(@Element T element, BoundedWindow window) {
      digest.add(format.format(element, window));
    }
  }
}
