package dev.sluice.structured;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark's interval strings ({@code "10 minutes"}, {@code "1 hour 30 minutes"}, {@code "interval 5
 * seconds"}, {@code "500 ms"}) as milliseconds.
 *
 * <pre>{@code
 * Intervals.parseMillis("10 minutes");   // 600000
 * }</pre>
 */
final class Intervals {
  private static final Pattern PART =
      Pattern.compile(
          "(\\d+)\\s*(milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|h|days?|d|weeks?)");

  private Intervals() {}

  static long parseMillis(String interval) {
    if (interval == null || interval.isBlank()) {
      throw new IllegalArgumentException("An interval must not be empty, e.g. \"10 seconds\"");
    }
    String s = interval.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("interval")) {
      s = s.substring("interval".length()).trim();
    }
    Matcher m = PART.matcher(s);
    long total = 0;
    int end = 0;
    while (m.find()) {
      if (!s.substring(end, m.start()).isBlank()) {
        break;
      }
      total += Long.parseLong(m.group(1)) * unit(m.group(2));
      end = m.end();
    }
    if (end == 0 || !s.substring(end).isBlank()) {
      throw new IllegalArgumentException(
          "Invalid interval '"
              + interval
              + "': write a number and a unit, e.g. \"10 seconds\", \"5 minutes\", \"1 hour\"");
    }
    return total;
  }

  private static long unit(String unit) {
    if (unit.startsWith("ms") || unit.startsWith("milli")) {
      return 1;
    }
    if (unit.startsWith("s")) {
      return 1000;
    }
    if (unit.startsWith("m")) {
      return 60_000;
    }
    if (unit.startsWith("h")) {
      return 3_600_000;
    }
    if (unit.startsWith("d")) {
      return 86_400_000;
    }
    return 7 * 86_400_000L;
  }
}
