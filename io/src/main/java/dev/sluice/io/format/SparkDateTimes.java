package dev.sluice.io.format;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Spark's parsing of date and timestamp strings in the JSON and CSV readers.
 *
 * <p>Without a {@code timestampFormat}/{@code dateFormat} option (the default since Spark 3.3),
 * Spark parses the way {@code CAST(str AS TIMESTAMP)} does: after trimming,
 *
 * <pre>
 * [+-]yyyy[-[m]m[-[d]d[(' '|'T')[h]h[:[m]m[:[s]s[.fraction][zone]]]]]]
 * </pre>
 *
 * with a 4 to 6 digit year, and {@code zone} one of {@code Z}, {@code +hh:mm}, {@code -h:mm}, a
 * short or region id ({@code UTC}, {@code Europe/Paris}) or {@code UTC+h}-style; missing parts
 * default to the start of the year/day and a missing zone to the {@code timeZone} option. So {@code
 * 2018-03-02T10:02:33}, {@code 2018-03-02 10:02:33.5Z} and {@code 2018-03-02} all parse. Dates
 * accept {@code [+-]yyyy[-[m]m[-[d]d[(' '|'T')anything]]]}.
 *
 * <p>Spark also accepts a time of day alone ({@code 10:02:33}), dated today; Sluice does not, as
 * the result would depend on the day the pipeline runs.
 *
 * <p>With a pattern option, Spark's {@code java.time} patterns are used: case-insensitive, strict,
 * fields missing from the pattern default to 1970-01-01 00:00:00, a zone missing from the text to
 * the {@code timeZone} option.
 *
 * <pre>{@code
 * SparkDateTimes.parseTimestamp("2018-03-02T10:02:33", ZoneOffset.UTC);  // 2018-03-02T10:02:33Z
 * SparkDateTimes.parseDate("2018-03-02 junk");                         // 2018-03-02
 * }</pre>
 */
public final class SparkDateTimes {
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "([+-]?)(\\d{4,6})(?:-(\\d{1,2})(?:-(\\d{1,2})(?:[ T](\\d{1,2})"
              + "(?::(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?(.*))?)?)?)?)?",
          Pattern.DOTALL);

  private static final Pattern DATE =
      Pattern.compile(
          "([+-]?)(\\d{4,7})(?:-(\\d{1,2})(?:-(\\d{1,2})(?:[ T].*)?)?)?", Pattern.DOTALL);

  /** Pattern letters Spark rejects when parsing (week-based fields and formatting-only letters). */
  private static final String UNSUPPORTED_LETTERS = "YwWueEcFqQAnNp";

  private SparkDateTimes() {}

  /** Spark's trim for date-time strings: whitespace and ISO control characters at both ends. */
  private static String trim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isTrimmable(s.charAt(start))) {
      start++;
    }
    while (end > start && isTrimmable(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isTrimmable(char c) {
    return Character.isWhitespace(c) || Character.isISOControl(c);
  }

  /** A local date-time and the zone written in the text, or null when unparseable. */
  private static final class Parsed {
    final LocalDateTime local;
    final @Nullable ZoneId zone;

    Parsed(LocalDateTime local, @Nullable ZoneId zone) {
      this.local = local;
      this.zone = zone;
    }
  }

  private static @Nullable Parsed parseCast(String text) {
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
      ZoneId zone = zoneText.isEmpty() ? null : zoneId(zoneText);
      return new Parsed(LocalDateTime.of(date, time), zone);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static int group(Matcher m, int group, int absent) {
    String value = m.group(group);
    return value == null ? absent : Integer.parseInt(value);
  }

  /**
   * A zone id as Spark reads it: also {@code +h:mm} and {@code +hh:m}, and the short ids ({@code
   * PST}, {@code EST}, ...).
   *
   * @throws DateTimeException if it is not a zone
   */
  public static ZoneId zoneId(String text) {
    String normalized =
        text.replaceFirst("([+-])(\\d):", "$10$2:")
            .replaceFirst("([+-])(\\d\\d):(\\d)$", "$1$2:0$3");
    return ZoneId.of(normalized, ZoneId.SHORT_IDS);
  }

  /** Spark's default (CAST) parsing of a timestamp; null if the text is not one. */
  public static @Nullable Instant parseTimestamp(String text, ZoneId defaultZone) {
    Parsed parsed = parseCast(text);
    if (parsed == null) {
      return null;
    }
    return ZonedDateTime.of(parsed.local, parsed.zone == null ? defaultZone : parsed.zone)
        .toInstant();
  }

  /** Spark's default parsing of a timestamp without time zone; null if not one or zoned. */
  public static @Nullable LocalDateTime parseTimestampNtz(String text) {
    Parsed parsed = parseCast(text);
    return parsed == null || parsed.zone != null ? null : parsed.local;
  }

  /** Spark's default (CAST) parsing of a date; null if the text is not one. */
  public static @Nullable LocalDate parseDate(String text) {
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
   * Compiles a Spark datetime pattern for parsing.
   *
   * @param option the option the pattern came from, for the error message
   * @throws IllegalArgumentException if the pattern is invalid or uses letters Spark does not parse
   */
  public static DateTimeFormatter formatter(String pattern, String option) {
    StringBuilder converted = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && UNSUPPORTED_LETTERS.indexOf(c) >= 0) {
        throw new IllegalArgumentException(
            "Invalid "
                + option
                + " '"
                + pattern
                + "': pattern letter '"
                + c
                + "' cannot be used for parsing in Spark (week-based and formatting-only letters"
                + " are not supported); use y, M, d, H, m, s, S, a, h, X, Z, z, VV, e.g."
                + " yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
      } else if (!quoted && c == 'y') {
        // Strict resolving needs a proleptic year ('u'); Spark makes the same replacement.
        c = 'u';
      }
      converted.append(c);
    }
    try {
      return new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern(converted.toString())
          .toFormatter(Locale.US)
          .withChronology(IsoChronology.INSTANCE)
          .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid "
              + option
              + " '"
              + pattern
              + "': "
              + e.getMessage()
              + ". Use Spark's datetime pattern letters, e.g. yyyy-MM-dd HH:mm:ss",
          e);
    }
  }

  /**
   * Parses with a pattern; fields the pattern lacks default as in Spark.
   *
   * @throws DateTimeException if the text does not match
   */
  public static Instant parseTimestamp(
      String text, DateTimeFormatter formatter, ZoneId defaultZone) {
    TemporalAccessor parsed = formatter.parse(text);
    ZoneId zone = parsed.query(TemporalQueries.zone());
    return ZonedDateTime.of(localDateTime(parsed), zone == null ? defaultZone : zone).toInstant();
  }

  /**
   * Parses a timestamp without time zone with a pattern.
   *
   * @throws DateTimeException if the text does not match or has a zone
   */
  public static LocalDateTime parseTimestampNtz(String text, DateTimeFormatter formatter) {
    TemporalAccessor parsed = formatter.parse(text);
    if (parsed.query(TemporalQueries.zone()) != null) {
      throw new DateTimeException("a timestamp without time zone cannot have a zone");
    }
    return localDateTime(parsed);
  }

  /**
   * Parses a date with a pattern.
   *
   * @throws DateTimeException if the text does not match
   */
  public static LocalDate parseDate(String text, DateTimeFormatter formatter) {
    return localDate(formatter.parse(text));
  }

  private static LocalDate localDate(TemporalAccessor parsed) {
    LocalDate date = parsed.query(TemporalQueries.localDate());
    if (date != null) {
      return date;
    }
    return LocalDate.of(
        get(parsed, ChronoField.YEAR, 1970),
        get(parsed, ChronoField.MONTH_OF_YEAR, 1),
        get(parsed, ChronoField.DAY_OF_MONTH, 1));
  }

  private static LocalDateTime localDateTime(TemporalAccessor parsed) {
    LocalTime time = parsed.query(TemporalQueries.localTime());
    if (time == null) {
      time =
          LocalTime.of(
              get(parsed, ChronoField.HOUR_OF_DAY, 0),
              get(parsed, ChronoField.MINUTE_OF_HOUR, 0),
              get(parsed, ChronoField.SECOND_OF_MINUTE, 0),
              get(parsed, ChronoField.NANO_OF_SECOND, 0));
    }
    return LocalDateTime.of(localDate(parsed), time);
  }

  private static int get(TemporalAccessor parsed, ChronoField field, int absent) {
    return parsed.isSupported(field) ? parsed.get(field) : absent;
  }
}
