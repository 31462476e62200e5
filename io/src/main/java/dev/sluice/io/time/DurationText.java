package dev.sluice.io.time;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar of durations written as text in Sluice: Spark's interval strings (window
 * durations, watermark delays, trigger intervals, {@code INTERVAL} literals) and, in its lenient
 * form, the durations of source options and command-line flags.
 *
 * <pre>{@code
 * DurationText.parseMillis("10 minutes");                  // 600000
 * DurationText.parseMillis("interval 1 hour 30 minutes");  // 5400000
 * DurationText.parseMillis("10 minuts");                   // IllegalArgumentException naming it
 * DurationText.parseOptionMillis("7d", "maxFileAge", TimeUnit.MILLISECONDS);  // 604800000
 * DurationText.parseOptionMillis("3", "rampUpTime", TimeUnit.SECONDS);        // 3000
 * }</pre>
 *
 * <p>A duration is an optional word {@code interval}, then one or more {@code <number> <unit>}
 * parts (the number may have a fraction or a sign). Spark's units, singular or plural and in any
 * case: week, day, hour, minute, second, millisecond, microsecond; months and years are refused
 * because their length varies (Spark refuses them in window durations too). Option durations also
 * take the short units {@code ms, s, sec, m, min, h, d} and a bare number in the option's own unit.
 * Sluice keeps milliseconds, so microseconds must add up to whole milliseconds.
 */
public final class DurationText {
  private static final Pattern PART =
      Pattern.compile("\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]+)\\s*");
  private static final Pattern BARE = Pattern.compile("\\s*\\d+\\s*");

  private DurationText() {}

  /**
   * Parses a Spark interval string into milliseconds.
   *
   * @throws IllegalArgumentException naming the string, what is wrong and the expected form
   */
  public static long parseMillis(String text) {
    return parse(text, false, null, null);
  }

  /**
   * Parses a duration that must be positive, as window and slide durations and gaps must.
   *
   * @param what what the duration is for, e.g. "window duration", for the error message
   * @throws IllegalArgumentException if it is not a duration or not positive
   */
  public static long parsePositiveMillis(String text, String what) {
    long millis = parseMillis(text);
    if (millis <= 0) {
      throw new IllegalArgumentException(
          "The " + what + " (" + text + ") must be greater than 0, e.g. '10 minutes'");
    }
    return millis;
  }

  /**
   * Parses the duration of an option: Spark's forms, the short units, or a bare number in {@code
   * bareUnit} (null: a unit is required).
   *
   * @param option the option's name, for the error message
   * @throws IllegalArgumentException naming the option and the text if it is not a duration
   */
  public static long parseOptionMillis(String text, String option, TimeUnit bareUnit) {
    return parse(text, true, bareUnit, option);
  }

  private static long parse(String text, boolean shortUnits, TimeUnit bareUnit, String option) {
    if (text == null || text.trim().isEmpty()) {
      throw invalid(String.valueOf(text), "it is empty", option);
    }
    if (bareUnit != null && BARE.matcher(text).matches()) {
      try {
        return Math.multiplyExact(Long.parseLong(text.trim()), bareUnit.toMillis(1));
      } catch (ArithmeticException | NumberFormatException e) {
        throw invalid(text, "it is too large", option);
      }
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
        throw invalid(text, "cannot read '" + body.substring(pos).trim() + "'", option);
      }
      double amount = Double.parseDouble(m.group(1));
      micros += amount * unitMicros(text, m.group(2), shortUnits, option);
      pos = m.end();
      any = true;
    }
    if (!any) {
      throw invalid(text, "it has no amount", option);
    }
    if (Math.abs(micros % 1000) > 1e-6) {
      throw invalid(
          text, "Sluice keeps milliseconds, and this is not a whole number of them", option);
    }
    return Math.round(micros / 1000);
  }

  private static double unitMicros(String text, String unit, boolean shortUnits, String option) {
    String u = unit.toLowerCase(Locale.ROOT);
    if (shortUnits) {
      switch (u) {
        case "ms":
          return 1_000.0;
        case "s":
        case "sec":
        case "secs":
          return 1_000_000.0;
        case "m":
        case "min":
        case "mins":
          return 60_000_000.0;
        case "h":
          return 3_600_000_000.0;
        case "d":
          return 86_400_000_000.0;
        default:
          break;
      }
    }
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
                + " month'",
            option);
      default:
        throw invalid(text, "'" + unit + "' is not a unit", option);
    }
  }

  private static IllegalArgumentException invalid(String text, String why, String option) {
    if (option != null) {
      return new IllegalArgumentException(
          "Option "
              + option
              + " must be a duration such as 500ms, 10s, 5 minutes, 1h or 7d, but is '"
              + text
              + "': "
              + why);
    }
    return new IllegalArgumentException(
        "The provided interval ("
            + text
            + ") is not a valid interval string: "
            + why
            + ". Write a number and a unit, e.g. '10 minutes', '1 hour', '30 seconds', '1 day'"
            + " (units: week, day, hour, minute, second, millisecond, microsecond)");
  }
}
