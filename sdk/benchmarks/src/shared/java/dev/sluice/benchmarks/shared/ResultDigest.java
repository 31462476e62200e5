package dev.sluice.benchmarks.shared;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An order-independent digest of a query's result: the number of result lines and two sums of
 * 64-bit hashes of the lines, so two engines agree on the digest exactly when (up to hash
 * collisions) they produced the same multiset of lines. Thread-safe: sinks of several worker
 * threads add to one digest.
 *
 * <pre>{@code
 * ResultDigest d = new ResultDigest();
 * d.add("1520013600000,open,1234");
 * d.add("1520013600000,tap,1180");
 * System.out.println(d); // 2:8d1c...:03fa...
 * }</pre>
 */
public final class ResultDigest {
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong sumA = new AtomicLong();
  private final AtomicLong sumB = new AtomicLong();

  /** Adds one result line. */
  public void add(String line) {
    long h = 0xcbf29ce484222325L; // FNV-1a over the UTF-16 chars
    for (int i = 0; i < line.length(); i++) {
      h ^= line.charAt(i);
      h *= 0x100000001b3L;
    }
    rows.incrementAndGet();
    sumA.addAndGet(mix(h));
    sumB.addAndGet(mix(h ^ 0x9e3779b97f4a7c15L));
  }

  /** The number of lines added. */
  public long rows() {
    return rows.get();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /** {@code rows:hashA:hashB}, the form the engines report and the driver compares. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d:%016x:%016x", rows.get(), sumA.get(), sumB.get());
  }
}
