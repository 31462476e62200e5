package dev.sluice.runners.microbatch.benchmarks;

import java.io.IOException;
import org.apache.beam.sdk.Pipeline;

/**
 * A bounded benchmark workload: prepares its input once, then builds the same pipeline for every
 * run, ending in a {@link DigestSink} for the run's id.
 *
 * <pre>{@code
 * Workload w1 = new W1FixedWindowCount(events);
 * w1.prepare();
 * Pipeline p = Pipeline.create(options);
 * ResultDigest.open("run-1");
 * w1.build(p, "run-1");
 * p.run().waitUntilFinish();
 * ResultDigest.Summary result = ResultDigest.close("run-1");
 * }</pre>
 */
public interface Workload {
  /** Short name, e.g. {@code W1}. */
  String name();

  /** What the workload does, with its size. */
  String description();

  /** Input rows of one run: rows/s is this divided by the run's wall time. */
  long inputRows();

  /** Creates the input (not timed); called once before the first run. */
  void prepare() throws IOException;

  /**
   * Adds the workload's transforms to {@code p}, writing results to the digest of {@code runId}.
   */
  void build(Pipeline p, String runId);

  /** Whether {@link #runPlainJava} is implemented. */
  default boolean hasPlainJava() {
    return false;
  }

  /**
   * Computes the same result as {@link #build} in plain Java on {@code threads} threads, into the
   * digest of {@code runId}: a reference point for what the hardware allows.
   */
  default void runPlainJava(String runId, int threads) throws Exception {
    throw new UnsupportedOperationException(name() + " has no plain Java baseline");
  }
}
