package dev.sluice.benchmarks.facade;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * One line of the event files as the hand-written Beam pipelines ({@link BeamQueries}) bind it with
 * Jackson, plus its coder. {@code ts} is an ISO local date-time in UTC, the time zone every engine
 * of the benchmark uses.
 *
 * <pre>{@code
 * ObjectReader reader = BenchEvent.reader();
 * BenchEvent e = BenchEvent.parse(reader,
 *     "{\"eid\":1,\"id\":\"phone7\",\"action\":\"open\",\"value\":2.5,\"ts\":\"2018-03-02T10:00:00\"}");
 * long millis = BenchEvent.timestampMillis(e.ts); // 1519984800000
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class BenchEvent {
  public long eid;
  public String id;
  public String action;
  public double value;
  public String ts;

  /** A reader binding JSON to {@link BenchEvent}; thread-safe. */
  public static ObjectReader reader() {
    return new ObjectMapper().readerFor(BenchEvent.class);
  }

  /** Parses one JSON line. */
  public static BenchEvent parse(ObjectReader reader, String line) {
    try {
      return reader.readValue(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("Not an event line: " + line, e);
    }
  }

  /**
   * Milliseconds since the epoch of {@code ts} ({@code yyyy-MM-ddTHH:mm:ss}, UTC): the fixed layout
   * digit by digit, anything else through {@link LocalDateTime#parse}.
   */
  public static long timestampMillis(String ts) {
    if (ts.length() == 19 && ts.charAt(4) == '-' && ts.charAt(10) == 'T' && ts.charAt(16) == ':') {
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
          && hour < 24
          && hour >= 0
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

  /** The coder of {@link BenchEvent}: its five fields in order. */
  public static final class Coder extends AtomicCoder<BenchEvent> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(BenchEvent e, OutputStream out) throws IOException {
      VarLongCoder.of().encode(e.eid, out);
      StringUtf8Coder.of().encode(e.id, out);
      StringUtf8Coder.of().encode(e.action, out);
      DoubleCoder.of().encode(e.value, out);
      StringUtf8Coder.of().encode(e.ts, out);
    }

    @Override
    public BenchEvent decode(InputStream in) throws IOException {
      BenchEvent e = new BenchEvent();
      e.eid = VarLongCoder.of().decode(in);
      e.id = StringUtf8Coder.of().decode(in);
      e.action = StringUtf8Coder.of().decode(in);
      e.value = DoubleCoder.of().decode(in);
      e.ts = StringUtf8Coder.of().decode(in);
      return e;
    }

    @Override
    public boolean consistentWithEquals() {
      return false;
    }
  }
}
