package dev.sluice.io.stream;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spark's duration strings, as its source options take them ({@code maxFileAge=7d}, {@code
 * rampUpTime=5s}): a whole number and a unit, with or without a space.
 *
 * <p>Units: {@code ms}/{@code millisecond(s)}, {@code s}/{@code sec}/{@code second(s)}, {@code
 * m}/{@code min}/{@code minute(s)}, {@code h}/{@code hour(s)}, {@code d}/{@code day(s)}; a bare
 * number is taken in the option's default unit.
 *
 * <pre>{@code
 * Durations.parseMillis("7d", "maxFileAge", TimeUnit.MILLISECONDS);     // 604800000
 * Durations.parseMillis("10 seconds", "rampUpTime", TimeUnit.SECONDS);  // 10000
 * Durations.parseMillis("3", "rampUpTime", TimeUnit.SECONDS);           // 3000
 * }</pre>
 */
public final class Durations {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");

  private Durations() {}

  /**
   * The duration in milliseconds.
   *
   * @param option the option's name, for the error message
   * @param bareUnit the unit of a number written without one
   * @throws IllegalArgumentException if {@code text} is not a duration
   */
  public static long parseMillis(
      String text, String option, java.util.concurrent.TimeUnit bareUnit) {
    Matcher m = text == null ? null : DURATION.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw invalid(text, option);
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw invalid(text, option);
    }
    String unit = m.group(2).toLowerCase(Locale.ROOT);
    long factor;
    switch (unit) {
      case "":
        factor = bareUnit.toMillis(1);
        break;
      case "ms":
      case "millisecond":
      case "milliseconds":
        factor = 1;
        break;
      case "s":
      case "sec":
      case "secs":
      case "second":
      case "seconds":
        factor = 1_000;
        break;
      case "m":
      case "min":
      case "mins":
      case "minute":
      case "minutes":
        factor = 60_000;
        break;
      case "h":
      case "hour":
      case "hours":
        factor = 3_600_000;
        break;
      case "d":
      case "day":
      case "days":
        factor = 86_400_000;
        break;
      default:
        throw invalid(text, option);
    }
    return Math.multiplyExact(amount, factor);
  }

  private static IllegalArgumentException invalid(String text, String option) {
    return new IllegalArgumentException(
        "Option "
            + option
            + " must be a duration such as 500ms, 10s, 5 minutes, 1h or 7d, but is '"
            + text
            + "'");
  }
}
