package dev.sluice.structured.expressions;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
final class DateTimes {
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "([+-]?)(\\d{4,6})(?:-(\\d{1,2})(?:-(\\d{1,2})(?:[ T](\\d{1,2})"
              + "(?::(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?(.*))?)?)?)?)?",
          Pattern.DOTALL);
  private static final Pattern DATE =
      Pattern.compile(
          "([+-]?)(\\d{4,7})(?:-(\\d{1,2})(?:-(\\d{1,2})(?:[ T].*)?)?)?", Pattern.DOTALL);

  /** Letters Spark rejects when parsing (week-based fields and formatting-only letters). */
  private static final String UNSUPPORTED_PARSE_LETTERS = "YwWueEcFqQAnNp";

  private static final Map<String, DateTimeFormatter> PARSERS = new ConcurrentHashMap<>();
  private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

  /** Spark's default pattern of unix_timestamp and from_unixtime. */
  static final String DEFAULT_PATTERN = "yyyy-MM-dd HH:mm:ss";

  private DateTimes() {}

  private static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (Character.isWhitespace(s.charAt(start)) || s.charAt(start) < 0x20)) {
      start++;
    }
    while (end > start && (Character.isWhitespace(s.charAt(end - 1)) || s.charAt(end - 1) < 0x20)) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Spark's {@code CAST(text AS TIMESTAMP)}: epoch milliseconds, or null if not a timestamp. */
  static Long parseTimestamp(String text, ZoneId zone) {
    Matcher m = TIMESTAMP.matcher(trim(text));
    if (!m.matches()) {
      return null;
    }
    try {
      int sign = "-".equals(m.group(1)) ? -1 : 1;
      LocalDate date =
          LocalDate.of(sign * Integer.parseInt(m.group(2)), group(m, 3, 1), group(m, 4, 1));
      String fraction = m.group(8) == null ? "" : m.group(8);
      int nanos = 0;
      for (int i = 0; i < 9; i++) {
        nanos = nanos * 10 + (i < fraction.length() ? fraction.charAt(i) - '0' : 0);
      }
      LocalTime time = LocalTime.of(group(m, 5, 0), group(m, 6, 0), group(m, 7, 0), nanos);
      String zoneText = m.group(9) == null ? "" : m.group(9).trim();
      ZoneId effective = zoneText.isEmpty() ? zone : zoneId(zoneText);
      return ZonedDateTime.of(LocalDateTime.of(date, time), effective).toInstant().toEpochMilli();
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static ZoneId zoneId(String text) {
    String normalized =
        text.replaceFirst("([+-])(\\d):", "$10$2:")
            .replaceFirst("([+-])(\\d\\d):(\\d)$", "$1$2:0$3");
    return ZoneId.of(normalized, ZoneId.SHORT_IDS);
  }

  private static int group(Matcher m, int group, int absent) {
    String value = m.group(group);
    return value == null ? absent : Integer.parseInt(value);
  }

  /** Spark's {@code CAST(text AS DATE)}, or null if not a date. */
  static LocalDate parseDate(String text) {
    Matcher m = DATE.matcher(trim(text));
    if (!m.matches()) {
      return null;
    }
    try {
      int sign = "-".equals(m.group(1)) ? -1 : 1;
      return LocalDate.of(sign * Integer.parseInt(m.group(2)), group(m, 3, 1), group(m, 4, 1));
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  /**
   * Parses with a Spark datetime pattern: epoch milliseconds, or null when the text does not match
   * (Spark's {@code to_timestamp} returns null then).
   *
   * @throws IllegalArgumentException if the pattern itself is invalid
   */
  static Long parseTimestamp(String text, String pattern, ZoneId zone) {
    DateTimeFormatter formatter = parser(pattern);
    try {
      TemporalAccessor parsed = formatter.parse(text);
      ZoneId parsedZone = parsed.query(TemporalQueries.zone());
      return ZonedDateTime.of(localDateTime(parsed), parsedZone == null ? zone : parsedZone)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Parses a date with a Spark pattern, or null when the text does not match. */
  static LocalDate parseDate(String text, String pattern) {
    try {
      return localDateTime(parser(pattern).parse(text)).toLocalDate();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static DateTimeFormatter parser(String pattern) {
    DateTimeFormatter cached = PARSERS.get(pattern);
    if (cached != null) {
      return cached;
    }
    StringBuilder converted = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && UNSUPPORTED_PARSE_LETTERS.indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            "Invalid datetime pattern '"
                + pattern
                + "': pattern letter '"
                + c
                + "' cannot be used for parsing in Spark (week-based and formatting-only letters"
                + " are not supported); use y, M, d, H, m, s, S, a, h, X, Z, z, VV, e.g."
                + " yyyy-MM-dd HH:mm:ss");
      } else if (!quoted && c == 'y') {
        c = 'u';
      }
      converted.append(c);
    }
    DateTimeFormatter formatter;
    try {
      formatter =
          new DateTimeFormatterBuilder()
              .parseCaseInsensitive()
              .appendPattern(converted.toString())
              .toFormatter(Locale.US)
              .withChronology(IsoChronology.INSTANCE)
              .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw invalidPattern(pattern, e);
    }
    PARSERS.put(pattern, formatter);
    return formatter;
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

  private static LocalDateTime localDateTime(TemporalAccessor parsed) {
    LocalDate date = parsed.query(TemporalQueries.localDate());
    if (date == null) {
      date =
          LocalDate.of(
              get(parsed, ChronoField.YEAR, 1970),
              get(parsed, ChronoField.MONTH_OF_YEAR, 1),
              get(parsed, ChronoField.DAY_OF_MONTH, 1));
    }
    LocalTime time = parsed.query(TemporalQueries.localTime());
    if (time == null) {
      int hour = get(parsed, ChronoField.HOUR_OF_DAY, -1);
      if (hour < 0 && parsed.isSupported(ChronoField.HOUR_OF_AMPM)) {
        hour = parsed.get(ChronoField.HOUR_OF_AMPM) + 12 * get(parsed, ChronoField.AMPM_OF_DAY, 0);
      }
      time =
          LocalTime.of(
              Math.max(hour, 0),
              get(parsed, ChronoField.MINUTE_OF_HOUR, 0),
              get(parsed, ChronoField.SECOND_OF_MINUTE, 0),
              get(parsed, ChronoField.NANO_OF_SECOND, 0));
    }
    return LocalDateTime.of(date, time);
  }

  private static int get(TemporalAccessor parsed, ChronoField field, int absent) {
    return parsed.isSupported(field) ? parsed.get(field) : absent;
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
