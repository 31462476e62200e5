package dev.sluice.runners.microbatch.benchmarks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One event as Jackson binds a JSON line of {@link EventGenerator}'s files, with the timestamp
 * parsing shared by every reader of those files.
 *
 * <pre>{@code
 * ObjectReader reader = Event.reader();
 * Event e = reader.readValue("{\"user\":\"u1\",\"action\":\"open\",\"value\":2.5,"
 *     + "\"ts\":\"2024-01-15T10:02:33\"}");
 * long millis = Event.timestampMillis(e.ts); // 1705312953000
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Event {
  /** User id, e.g. {@code u123}. */
  public String user;

  /** One of {@link EventGenerator#ACTIONS}. */
  public String action;

  /** A value. */
  public double value;

  /** Event time as an ISO local date-time in UTC, e.g. {@code 2024-01-15T10:02:33}. */
  public String ts;

  /** A reader binding JSON to {@link Event}; thread-safe, create one per DoFn instance. */
  public static ObjectReader reader() {
    return new ObjectMapper().readerFor(Event.class);
  }

  /** Parses one JSON line. */
  public static Event parse(ObjectReader reader, String line) {
    try {
      return reader.readValue(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("Not an event: " + line, e);
    }
  }

  /**
   * Milliseconds since the epoch of {@code ts} ({@code yyyy-MM-ddTHH:mm:ss}, UTC). The fixed layout
   * is read digit by digit; anything else goes through {@link LocalDateTime#parse}.
   */
  public static long timestampMillis(String ts) {
    if (ts.length() == 19
        && ts.charAt(4) == '-'
        && ts.charAt(7) == '-'
        && ts.charAt(10) == 'T'
        && ts.charAt(13) == ':'
        && ts.charAt(16) == ':') {
      int year = digits(ts, 0, 4);
      int month = digits(ts, 5, 7);
      int day = digits(ts, 8, 10);
      int hour = digits(ts, 11, 13);
      int minute = digits(ts, 14, 16);
      int second = digits(ts, 17, 19);
      if (year >= 0
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= 31
          && hour >= 0
          && hour < 24
          && minute >= 0
          && minute < 60
          && second >= 0
          && second < 60) {
        long days = LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L;
      }
    }
    return LocalDateTime.parse(ts).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
