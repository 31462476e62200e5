package dev.sluice.structured.internal.expr;

/**
 * Intervals as Spark SQL prints them in generated column names and {@code sql()} of interval
 * literals. Interval strings are parsed by io's {@link dev.sluice.io.time.DurationText}, the one
 * duration grammar.
 *
 * <pre>{@code
 * Intervals.toSql(300_000);   // INTERVAL '5' MINUTE
 * }</pre>
 */
public final class Intervals {
  private Intervals() {}

  static String toSql(long millis) {
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
    String[] units = {"DAY", "HOUR", "MINUTE", "SECOND"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis != 0 && millis % sizes[i] == 0) {
        return "INTERVAL '" + (millis / sizes[i]) + "' " + units[i];
      }
    }
    return "INTERVAL '" + (millis / 1000.0) + "' SECOND";
  }
}
