package dev.sluice.runners.microbatch.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * An order-independent digest of a pipeline's result rows: the number of rows and two sums of
 * 64-bit hashes of each row's text. Two runs produced the same multiset of rows (up to hash
 * collisions) exactly when their {@link Summary summaries} are equal.
 *
 * <p>Pipelines write into the digest registered for their run id, so that a sink running on any
 * runner in this JVM can find it (see {@link DigestSink}):
 *
 * <pre>{@code
 * ResultDigest.open("W1-MicroBatchRunner-1");
 * pipeline.run().waitUntilFinish(); // DigestSink.to("W1-MicroBatchRunner-1") calls add(row)
 * ResultDigest.Summary summary = ResultDigest.close("W1-MicroBatchRunner-1");
 * }</pre>
 */
public final class ResultDigest {
  private static final Map<String, ResultDigest> OPEN = new ConcurrentHashMap<>();

  private final LongAdder rows = new LongAdder();
  private final LongAdder sum1 = new LongAdder();
  private final LongAdder sum2 = new LongAdder();

  /** A new, empty digest, not registered. */
  public ResultDigest() {}

  /** Registers a new digest for {@code runId}, replacing any earlier one. */
  public static ResultDigest open(String runId) {
    ResultDigest digest = new ResultDigest();
    OPEN.put(runId, digest);
    return digest;
  }

  /** The digest registered for {@code runId}. */
  public static ResultDigest get(String runId) {
    ResultDigest digest = OPEN.get(runId);
    if (digest == null) {
      throw new IllegalStateException("No result digest is open for run " + runId);
    }
    return digest;
  }

  /** Unregisters the digest of {@code runId} and returns its summary. */
  public static Summary close(String runId) {
    ResultDigest digest = OPEN.remove(runId);
    if (digest == null) {
      throw new IllegalStateException("No result digest is open for run " + runId);
    }
    return digest.summary();
  }

  /** Unregisters the digest of {@code runId}, if any. */
  public static void discard(String runId) {
    OPEN.remove(runId);
  }

  /** Adds one row; thread-safe. */
  public void add(String row) {
    byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
    rows.increment();
    sum1.add(hash(bytes, 0x9E3779B97F4A7C15L));
    sum2.add(hash(bytes, 0xC2B2AE3D27D4EB4FL));
  }

  /** The rows added so far. */
  public Summary summary() {
    return new Summary(rows.sum(), sum1.sum(), sum2.sum());
  }

  /** FNV-1a over the bytes from a seeded offset, finished with MurmurHash3's 64-bit mixer. */
  static long hash(byte[] bytes, long seed) {
    long h = 0xCBF29CE484222325L ^ seed;
    for (byte b : bytes) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * What a digest holds: comparable with {@code equals}, printable as {@code rows:hash}.
   *
   * <pre>{@code
   * if (!direct.equals(microBatch)) throw new IllegalStateException(direct + " != " + microBatch);
   * }</pre>
   *
   * @param rows number of rows
   * @param sum1 sum of the rows' first hashes
   * @param sum2 sum of the rows' second hashes
   */
  public record Summary(long rows, long sum1, long sum2) {
    @Override
    public String toString() {
      return String.format("%d:%016x%016x", rows, sum1, sum2);
    }
  }
}
