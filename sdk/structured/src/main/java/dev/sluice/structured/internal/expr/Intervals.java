package dev.sluice.structured.internal.expr;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark's interval strings as used for window durations, watermark delays and {@code INTERVAL}
 * literals: one or more {@code <number> <unit>} pairs, optionally preceded by the word {@code
 * interval}.
 *
 * <pre>{@code
 * Intervals.parseMillis("10 minutes");          // 600000
 * Intervals.parseMillis("1 hour 30 minutes");   // 5400000
 * Intervals.parseMillis("interval 2 days");     // 172800000
 * Intervals.parseMillis("10 minuts");           // IllegalArgumentException naming '10 minuts'
 * }</pre>
 *
 * <p>Units (singular or plural, case-insensitive): week, day, hour, minute, second, millisecond,
 * microsecond. Months and years are rejected because their length varies (Spark rejects them in
 * window durations too). Sluice keeps milliseconds, so microseconds must add up to whole
 * milliseconds.
 */
public final class Intervals {
  private static final Pattern PART =
      Pattern.compile("\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]+)\\s*");

  private Intervals() {}

  /**
   * Parses a Spark interval string into milliseconds.
   *
   * @throws IllegalArgumentException naming the string and the expected form
   */
  public static long parseMillis(String text) {
    if (text == null || text.trim().isEmpty()) {
      throw invalid(String.valueOf(text), "it is empty");
    }
    String body = text.trim();
    if (body.toLowerCase(Locale.ROOT).startsWith("interval")) {
      body = body.substring("interval".length());
    }
    Matcher m = PART.matcher(body);
    int pos = 0;
    double micros = 0;
    boolean any = false;
    while (pos < body.length()) {
      m.region(pos, body.length());
      if (!m.lookingAt()) {
        throw invalid(text, "cannot read '" + body.substring(pos).trim() + "'");
      }
      double amount = Double.parseDouble(m.group(1));
      micros += amount * unitMicros(text, m.group(2));
      pos = m.end();
      any = true;
    }
    if (!any) {
      throw invalid(text, "it has no amount");
    }
    if (Math.abs(micros % 1000) > 1e-6) {
      throw invalid(text, "Sluice keeps milliseconds, and this is not a whole number of them");
    }
    return Math.round(micros / 1000);
  }

  /**
   * Parses a duration that must be positive, as window and slide durations and gaps must.
   *
   * @param what what the duration is for, e.g. "window duration", for the error message
   */
  public static long parsePositiveMillis(String text, String what) {
    long millis = parseMillis(text);
    if (millis <= 0) {
      throw new IllegalArgumentException(
          "The " + what + " (" + text + ") must be greater than 0, e.g. '10 minutes'");
    }
    return millis;
  }

  private static double unitMicros(String text, String unit) {
    String u = unit.toLowerCase(Locale.ROOT);
    if (u.endsWith("s") && u.length() > 2) {
      u = u.substring(0, u.length() - 1);
    }
    switch (u) {
      case "week":
        return 7 * 86_400_000_000.0;
      case "day":
        return 86_400_000_000.0;
      case "hour":
        return 3_600_000_000.0;
      case "minute":
        return 60_000_000.0;
      case "second":
        return 1_000_000.0;
      case "millisecond":
        return 1_000.0;
      case "microsecond":
        return 1.0;
      case "month":
      case "year":
        throw invalid(
            text,
            "months and years have no fixed length; use days, e.g. '30 days' instead of '1"
                + " month'");
      default:
        throw invalid(text, "'" + unit + "' is not a unit");
    }
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "The provided interval ("
            + text
            + ") is not a valid interval string: "
            + why
            + ". Write a number and a unit, e.g. '10 minutes', '1 hour', '30 seconds', '1 day'"
            + " (units: week, day, hour, minute, second, millisecond, microsecond)");
  }

  /** Spark's way of writing an interval of {@code millis}, e.g. {@code INTERVAL '10' MINUTE}. */
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
