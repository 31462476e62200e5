package dev.sluice.benchmarks.shared;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where every engine's sink puts the query's result, one query at a time per JVM (the sinks run in
 * the engine's worker threads, so this is JVM-wide state, reset by {@link #start}). Each query's
 * rows are reduced to the same canonical text lines on every engine and digested ({@link
 * ResultDigest}): append-mode rows (F3, F4) all, complete-mode tables (F1) those of the last batch,
 * update-mode rows (F2) the last value of each key, F5's rate rows by value; F5 also records each
 * row's latency from its timestamp to the sink.
 *
 * <pre>{@code
 * QueryOutput.start(BenchQuery.F4, 0, 0);
 * QueryOutput.append(QueryOutput.f4Line("phone1", "de", "open", 1520013600000L, 2.5));
 * QueryOutput.Finished f = QueryOutput.finish(); // f.digest() = "1:...:..."
 * }</pre>
 */
public final class QueryOutput {
  private static volatile State state = new State(BenchQuery.F1, 0, 0);

  private QueryOutput() {}

  /** What one query produced. */
  public record Finished(
      String digest, long outputRows, int measuredRows, double p50Ms, double p99Ms, double maxMs) {
    /** The result's fields for the engine's {@code RESULT} line. */
    public String fields() {
      String s = "outputRows=" + outputRows + " digest=" + digest;
      if (!Double.isNaN(p50Ms)) {
        s +=
            String.format(
                Locale.ROOT,
                " measuredRows=%d p50Ms=%.3f p99Ms=%.3f maxMs=%.3f",
                measuredRows,
                p50Ms,
                p99Ms,
                maxMs);
      }
      return s;
    }
  }

  /**
   * Resets the output for {@code query}: {@code expectedKeys} sizes F2's table; F5 expects the
   * values {@code 0 .. f5Rows - 1} and leaves the first {@code f5WarmupRows} out of the latencies.
   */
  public static void start(BenchQuery query, int expectedKeys, int f5Rows, int f5WarmupRows) {
    State s = new State(query, expectedKeys, f5Rows);
    s.f5WarmupRows = f5WarmupRows;
    state = s;
  }

  /** As {@link #start(BenchQuery, int, int, int)} without F5's warm-up rows. */
  public static void start(BenchQuery query, int expectedKeys, int f5Rows) {
    start(query, expectedKeys, f5Rows, 0);
  }

  /** A row of an append-mode result, or of a result each key of which is written once. */
  public static void append(String line) {
    State s = state;
    s.written.incrementAndGet();
    s.all.add(line);
  }

  /** A row of batch {@code epoch}'s complete-mode table. */
  public static void complete(long epoch, String line) {
    State s = state;
    s.written.incrementAndGet();
    s.byEpoch.computeIfAbsent(epoch, e -> new ResultDigest()).add(line);
  }

  /** An update-mode row of F2: the average of user {@code id} in the window from {@code start}. */
  public static void update(long windowStartMillis, String id, double value) {
    State s = state;
    s.written.incrementAndGet();
    s.last.put(f2Key(windowStartMillis, id), value);
  }

  /** A rate-source row of F5, with its timestamp in microseconds since the epoch. */
  public static void rateRow(long value, long timestampMicros) {
    Instant now = Instant.now();
    long latency = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000 - timestampMicros;
    State s = state;
    s.written.incrementAndGet();
    if (value < 0 || value >= s.latencyMicros.length) {
      return; // after the measured rows, while the query is being stopped
    }
    synchronized (s) {
      int v = (int) value;
      if (s.latencyMicros[v] != Long.MIN_VALUE) {
        s.duplicates++;
      } else {
        s.latencyMicros[v] = latency;
        s.rateSeen++;
      }
    }
  }

  /** {@code true} once F5's sink has seen every value below {@code f5Rows}. */
  public static boolean rateDone() {
    State s = state;
    synchronized (s) {
      return s.rateSeen == s.latencyMicros.length;
    }
  }

  /** Rows the sink was given so far (all batches, all updates). */
  public static long written() {
    return state.written.get();
  }

  /** The digest and figures of the query since {@link #start}. */
  public static Finished finish() {
    State s = state;
    ResultDigest digest = new ResultDigest();
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    double max = Double.NaN;
    int measuredRows = 0;
    switch (s.query) {
      case F1:
        if (!s.byEpoch.isEmpty()) {
          if (s.all.rows() > 0) {
            throw new IllegalStateException("F1's sink wrote both complete() and append() rows");
          }
          long lastEpoch = s.byEpoch.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
          digest = s.byEpoch.get(lastEpoch);
        } else {
          digest = s.all;
        }
        break;
      case F2:
        ResultDigest lastValues = new ResultDigest();
        s.last.forEach(
            (value, key) ->
                lastValues.add((key >>> 16) * 60_000L + ",phone" + (key & 0xffff) + "," + value));
        digest = lastValues;
        break;
      case F3:
      case F4:
        digest = s.all;
        break;
      case F5:
        synchronized (s) {
          for (int v = 0; v < s.latencyMicros.length; v++) {
            if (s.latencyMicros[v] != Long.MIN_VALUE) {
              digest.add(Integer.toString(v));
            }
          }
          for (int i = 0; i < s.duplicates; i++) {
            digest.add("duplicate");
          }
          long[] measured =
              Arrays.copyOfRange(s.latencyMicros, s.f5WarmupRows, s.latencyMicros.length);
          Arrays.sort(measured);
          measuredRows = measured.length;
          if (measured.length > 0 && measured[0] != Long.MIN_VALUE) {
            p50 = measured[(int) Math.ceil(measured.length * 0.50) - 1] / 1000.0;
            p99 = measured[(int) Math.ceil(measured.length * 0.99) - 1] / 1000.0;
            max = measured[measured.length - 1] / 1000.0;
          }
        }
        break;
    }
    return new Finished(digest.toString(), s.written.get(), measuredRows, p50, p99, max);
  }

  /** F1's line: window start (ms since the epoch), action, count. */
  public static String f1Line(long windowStartMillis, String action, long count) {
    return windowStartMillis + "," + action + "," + count;
  }

  /** F3's line: every column of the kept row. */
  public static String f3Line(long eid, String id, String action, double value, long tsMillis) {
    return eid + "," + id + "," + action + "," + value + "," + tsMillis;
  }

  /** F4's line: the projected columns. */
  public static String f4Line(
      String id, String country, String action, long tsMillis, double value) {
    return id + "," + country + "," + action + "," + tsMillis + "," + value;
  }

  /** F2's key: the window's start minute and the phone number of {@code id} ({@code phoneN}). */
  static long f2Key(long windowStartMillis, String id) {
    if (windowStartMillis % 60_000L != 0 || !id.startsWith("phone")) {
      throw new IllegalArgumentException(
          "F2 expects windows starting on a minute and ids phoneN, got "
              + windowStartMillis
              + ", "
              + id);
    }
    int phone = Integer.parseInt(id.substring(5));
    if (phone < 0 || phone > 0xffff) {
      throw new IllegalArgumentException("F2 expects phone numbers below 65536, got " + id);
    }
    return (windowStartMillis / 60_000L) << 16 | phone;
  }

  private static final class State {
    final BenchQuery query;
    final AtomicLong written = new AtomicLong();
    final ResultDigest all = new ResultDigest();
    final Map<Long, ResultDigest> byEpoch = new ConcurrentHashMap<>();
    final LastValues last;
    final long[] latencyMicros;
    int f5WarmupRows;
    int rateSeen;
    int duplicates;

    State(BenchQuery query, int expectedKeys, int f5Rows) {
      this.query = query;
      this.last = new LastValues(query == BenchQuery.F2 ? Math.max(16, expectedKeys) : 16);
      this.latencyMicros = new long[query == BenchQuery.F5 ? f5Rows : 0];
      Arrays.fill(latencyMicros, Long.MIN_VALUE);
    }
  }
}
