package dev.sluice.structured.internal.expr;

import dev.sluice.io.format.SparkDateTimes;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spark's string ↔ date-time conversions for expressions: {@code CAST(str AS TIMESTAMP)}, {@code
 * to_timestamp(str, fmt)}, {@code date_format(ts, fmt)} and the string form of a timestamp.
 *
 * <p>The cast form accepts {@code [+-]yyyy[-[m]m[-[d]d[(' '|'T')[h]h[:[m]m[:[s]s[.fraction]
 * [zone]]]]]]}; a missing zone is the session zone. Patterns are Spark's datetime patterns ({@code
 * yyyy-MM-dd HH:mm:ss}, {@code dd/MMM/yyyy:HH:mm:ss Z}): parsing is case-insensitive and strict;
 * fields missing from the pattern default to 1970-01-01 00:00:00. These rules are the same as
 * {@code io}'s reader-side parsing (which is package-private there).
 *
 * <pre>{@code
 * DateTimes.parseTimestamp("2024-01-15 10:00:00", ZoneOffset.UTC);  // 1705312800000
 * DateTimes.format(1705312800000L, "yyyyMMdd", ZoneOffset.UTC);     // "20240115"
 * }</pre>
 */
public final class DateTimes {

  private static final Map<String, DateTimeFormatter> PARSERS = new ConcurrentHashMap<>();
  private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

  /** Spark's default pattern of unix_timestamp and from_unixtime. */
  public static final String DEFAULT_PATTERN = "yyyy-MM-dd HH:mm:ss";

  private DateTimes() {}

  /** Spark's {@code CAST(text AS TIMESTAMP)}: epoch milliseconds, or null if not a timestamp. */
  static Long parseTimestamp(String text, ZoneId zone) {
    java.time.Instant parsed = SparkDateTimes.parseTimestamp(text, zone);
    return parsed == null ? null : parsed.toEpochMilli();
  }

  /** Spark's {@code CAST(text AS DATE)}, or null if not a date. */
  static LocalDate parseDate(String text) {
    return SparkDateTimes.parseDate(text);
  }

  /**
   * Parses with a Spark datetime pattern: epoch milliseconds, or null when the text does not match
   * (Spark's {@code to_timestamp} returns null then).
   *
   * @throws IllegalArgumentException if the pattern itself is invalid
   */
  static Long parseTimestamp(String text, String pattern, ZoneId zone) {
    try {
      return SparkDateTimes.parseTimestamp(text, parser(pattern), zone).toEpochMilli();
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Parses a date with a Spark pattern, or null when the text does not match. */
  static LocalDate parseDate(String text, String pattern) {
    try {
      return SparkDateTimes.parseDate(text, parser(pattern));
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** io's parser for {@code pattern} (Spark's rules), cached. */
  private static DateTimeFormatter parser(String pattern) {
    return PARSERS.computeIfAbsent(pattern, p -> SparkDateTimes.formatter(p, "datetime pattern"));
  }

  private static IllegalArgumentException invalidPattern(String pattern, Exception e) {
    return new IllegalArgumentException(
        "Invalid datetime pattern '"
            + pattern
            + "': "
            + e.getMessage()
            + ". Use Spark's datetime pattern letters, e.g. yyyy-MM-dd HH:mm:ss",
        e);
  }

  /**
   * Formats epoch milliseconds with a Spark datetime pattern in the given zone.
   *
   * @throws IllegalArgumentException if the pattern is invalid
   */
  static String format(long millis, String pattern, ZoneId zone) {
    DateTimeFormatter formatter = FORMATTERS.get(pattern);
    if (formatter == null) {
      try {
        formatter = DateTimeFormatter.ofPattern(pattern, Locale.US);
      } catch (IllegalArgumentException e) {
        throw invalidPattern(pattern, e);
      }
      FORMATTERS.put(pattern, formatter);
    }
    return formatter.format(Instant.ofEpochMilli(millis).atZone(zone));
  }

  /**
   * Spark's {@code CAST(ts AS STRING)}: {@code yyyy-MM-dd HH:mm:ss} in the session zone, with the
   * fraction of a second only when it is not zero and without trailing zeros.
   */
  static String timestampToString(long millis, ZoneId zone) {
    LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone);
    return localToString(local);
  }

  static String localToString(LocalDateTime local) {
    StringBuilder out = new StringBuilder(local.toLocalDate().toString());
    out.append(' ');
    appendTwo(out, local.getHour()).append(':');
    appendTwo(out, local.getMinute()).append(':');
    appendTwo(out, local.getSecond());
    int nanos = local.getNano();
    if (nanos != 0) {
      String fraction = String.format(Locale.ROOT, "%09d", nanos).replaceFirst("0+$", "");
      out.append('.').append(fraction);
    }
    return out.toString();
  }

  private static StringBuilder appendTwo(StringBuilder out, int value) {
    if (value < 10) {
      out.append('0');
    }
    return out.append(value);
  }
}
