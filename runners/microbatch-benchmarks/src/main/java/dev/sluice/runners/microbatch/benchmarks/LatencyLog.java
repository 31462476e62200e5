package dev.sluice.runners.microbatch.benchmarks;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Latencies (nanoseconds) recorded by W5's sink for one run id, with percentiles.
 *
 * <pre>{@code
 * LatencyLog.open(runId);
 * pipeline.run().waitUntilFinish(); // the sink calls LatencyLog.get(runId).record(nanos)
 * LatencyLog log = LatencyLog.close(runId);
 * double p99Millis = log.percentileMillis(99);
 * }</pre>
 */
public final class LatencyLog {
  private static final Map<String, LatencyLog> OPEN = new ConcurrentHashMap<>();

  private long[] nanos = new long[1024];
  private int size;

  /** An empty log, not registered. */
  public LatencyLog() {}

  /** Registers a new log for {@code runId}. */
  public static LatencyLog open(String runId) {
    LatencyLog log = new LatencyLog();
    OPEN.put(runId, log);
    return log;
  }

  /** The log registered for {@code runId}. */
  public static LatencyLog get(String runId) {
    LatencyLog log = OPEN.get(runId);
    if (log == null) {
      throw new IllegalStateException("No latency log is open for run " + runId);
    }
    return log;
  }

  /** Unregisters and returns the log of {@code runId}. */
  public static LatencyLog close(String runId) {
    LatencyLog log = OPEN.remove(runId);
    if (log == null) {
      throw new IllegalStateException("No latency log is open for run " + runId);
    }
    return log;
  }

  /** Records one latency; thread-safe. */
  public synchronized void record(long latencyNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = latencyNanos;
  }

  /** Number of recorded latencies. */
  public synchronized int size() {
    return size;
  }

  /**
   * The {@code p}-th percentile (nearest rank; 100 is the maximum) in milliseconds, or NaN if
   * nothing was recorded.
   */
  public synchronized double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * size);
    return sorted[Math.min(size, Math.max(1, rank)) - 1] / 1e6;
  }
}
