package dev.sluice.runners.microbatch.benchmarks;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;

/**
 * W5, streaming latency: a {@link PacedSource} emitting {@code ratePerSecond} events per second for
 * {@code seconds} seconds, each stamped with its due time, straight into a sink that records {@code
 * System.nanoTime() - stamp} into the {@link LatencyLog} of the run and the event's index into its
 * {@link ResultDigest} (so a run that lost or duplicated events shows).
 *
 * <pre>{@code
 * W5StreamingLatency w5 = new W5StreamingLatency(60, 1000);
 * LatencyLog.open(runId);
 * ResultDigest.open(runId);
 * w5.build(pipeline, runId);
 * }</pre>
 */
public final class W5StreamingLatency {
  private final int seconds;
  private final int ratePerSecond;

  /** {@code ratePerSecond} events per second for {@code seconds} seconds. */
  public W5StreamingLatency(int seconds, int ratePerSecond) {
    this.seconds = seconds;
    this.ratePerSecond = ratePerSecond;
  }

  /** Events one run emits. */
  public long events() {
    return (long) seconds * ratePerSecond;
  }

  /** Seconds one run lasts. */
  public int seconds() {
    return seconds;
  }

  /** What the workload does. */
  public String description() {
    return String.format(
        "streaming latency: unbounded source, %,d events/s for %d s, sink records now − stamp",
        ratePerSecond, seconds);
  }

  /** Builds source → sink for {@code runId}. */
  public void build(Pipeline p, String runId) {
    p.apply("Paced", Read.from(new PacedSource(events(), ratePerSecond)))
        .apply("RecordLatency", ParDo.of(new RecordLatencyFn(runId)));
  }

  /** The digest every complete run must produce: each index once. */
  public ResultDigest.Summary expectedDigest() {
    ResultDigest digest = new ResultDigest();
    for (long i = 0; i < events(); i++) {
      digest.add(Long.toString(i));
    }
    return digest.summary();
  }

  private static final class RecordLatencyFn extends DoFn<KV<Long, Long>, Void> {
    private final String runId;
    private transient LatencyLog log;
    private transient ResultDigest digest;

    RecordLatencyFn(String runId) {
      this.runId = runId;
    }

    @StartBundle
    public void startBundle() {
      log = LatencyLog.get(runId);
      digest = ResultDigest.get(runId);
    }

    @ProcessElement
    public void process(@Element KV<Long, Long> event) {
      log.record(System.nanoTime() - event.getValue());
      digest.add(Long.toString(event.getKey()));
    }
  }
}
