package dev.sluice.runners.microbatch.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * A workload over the generated event files (W1, W3, W4): the input is those files, read and parsed
 * by {@link ParseEvents} into (key, value) pairs keyed by one field.
 *
 * <pre>{@code
 * class MyWorkload extends EventFileWorkload {
 *   MyWorkload(EventFiles files) { super(files, ParseEvents.KeyField.USER); }
 *   protected void build(PCollection<KV<String, Double>> events, Pipeline p, String runId) { ... }
 * }
 * }</pre>
 */
public abstract class EventFileWorkload implements Workload {
  protected final EventFiles files;
  private final ParseEvents.KeyField key;

  /** A workload over {@code files}, keyed by {@code key}. */
  protected EventFileWorkload(EventFiles files, ParseEvents.KeyField key) {
    this.files = files;
    this.key = key;
  }

  @Override
  public long inputRows() {
    return files.events();
  }

  @Override
  public void prepare() throws IOException {
    files.dir();
  }

  /** The parsed events as (key field, value), with their event timestamps. */
  protected PCollection<KV<String, Double>> events(Pipeline p) {
    try {
      return p.apply("Events", ParseEvents.from(files.glob(), key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
