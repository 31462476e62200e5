package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Spark's {@code window(timeColumn, windowDuration[, slideDuration[, startTime]])}: the {@code
 * struct<start: timestamp, end: timestamp>} of the window(s) an event time falls in.
 *
 * <p>Windows are aligned to the epoch plus {@code startTime}: the windows holding time {@code t}
 * are {@code [s, s + size)} for {@code s = t - floorMod(t - startTime, slide) - k * slide}, {@code
 * k = 0, 1, ...} while {@code s + size > t}. A tumbling window (slide = size) holds each time once;
 * a sliding one (slide &lt; size) up to {@code ceil(size / slide)} times, so a {@link Projection}
 * or {@link Aggregation} with a sliding window yields one row or key per window (Spark's Expand). A
 * row whose time is null is in no window and is dropped.
 *
 * <pre>{@code
 * TimeWindow w = new TimeWindow(ts, 600_000, 300_000, 0);  // window(ts, "10 minutes", "5 minutes")
 * w.windowStarts(t("10:07"));   // [10:00, 10:05]
 * }</pre>
 */
public final class TimeWindow extends Expression {
  private static final long serialVersionUID = 1L;

  /** The type of a window column: a non-null struct of nullable start and end timestamps. */
  public static final Schema WINDOW_SCHEMA =
      Schema.builder()
          .addNullableField("start", FieldType.DATETIME)
          .addNullableField("end", FieldType.DATETIME)
          .build();

  private final Expression time;
  private final long sizeMillis;
  private final long slideMillis;
  private final long startMillis;

  /**
   * A window over {@code time}.
   *
   * @throws IllegalArgumentException if a duration is not positive, the slide is longer than the
   *     window, or |startTime| is not less than the slide
   */
  public TimeWindow(Expression time, long sizeMillis, long slideMillis, long startMillis) {
    if (sizeMillis <= 0 || slideMillis <= 0) {
      throw new IllegalArgumentException(
          "The window duration ("
              + sizeMillis
              + " ms) and slide duration ("
              + slideMillis
              + " ms) must be greater than 0");
    }
    if (slideMillis > sizeMillis) {
      throw new IllegalArgumentException(
          "The slide duration ("
              + slideMillis
              + " ms) must be less than or equal to the window duration ("
              + sizeMillis
              + " ms)");
    }
    if (Math.abs(startMillis) >= slideMillis) {
      throw new IllegalArgumentException(
          "The absolute value of start time ("
              + startMillis
              + " ms) must be less than the slide duration ("
              + slideMillis
              + " ms)");
    }
    this.time = time;
    this.sizeMillis = sizeMillis;
    this.slideMillis = slideMillis;
    this.startMillis = startMillis;
  }

  /** The time column expression. */
  public Expression time() {
    return time;
  }

  /** The window length. */
  public long sizeMillis() {
    return sizeMillis;
  }

  /** The distance between window starts. */
  public long slideMillis() {
    return slideMillis;
  }

  /** The offset of window starts from the epoch. */
  public long startMillis() {
    return startMillis;
  }

  /** True if a time may fall in more than one window. */
  public boolean isSliding() {
    return slideMillis < sizeMillis;
  }

  /** The starts of the windows holding {@code t}, ascending. */
  public List<Long> windowStarts(long t) {
    long last = t - Math.floorMod(t - startMillis, slideMillis);
    List<Long> starts = new ArrayList<>();
    long first = last;
    while (first - slideMillis + sizeMillis > t) {
      first -= slideMillis;
    }
    for (long s = first; s <= last; s += slideMillis) {
      starts.add(s);
    }
    return starts;
  }

  /** The window rows holding {@code t}, ascending. */
  public List<Row> windowsOf(long t) {
    List<Row> rows = new ArrayList<>();
    for (long s : windowStarts(t)) {
      rows.add(windowRow(s, s + sizeMillis));
    }
    return rows;
  }

  static Row windowRow(long start, long end) {
    return Row.withSchema(WINDOW_SCHEMA)
        .attachValues(Values.toInstant(start), Values.toInstant(end));
  }

  @Override
  public String sql() {
    return "window";
  }

  @Override
  public String toString() {
    return "window("
        + time.sql()
        + ", "
        + sizeMillis * 1000
        + ", "
        + slideMillis * 1000
        + ", "
        + startMillis * 1000
        + ") AS window";
  }

  @Override
  public List<Expression> children() {
    return Collections.singletonList(time);
  }

  @Override
  List<Object> parameters() {
    return Arrays.asList(sizeMillis, slideMillis, startMillis);
  }

  @Override
  Expression withChildren(List<Expression> c) {
    return new TimeWindow(c.get(0), sizeMillis, slideMillis, startMillis);
  }

  /** The event time as a timestamp bound. */
  Bound bindTime(Schema input, String function) {
    Bound t = time.bind(input);
    FieldType type = t.type();
    if (!Types.isTimestamp(type)
        && !Types.isString(type)
        && !Types.isDate(type)
        && !Types.isNull(type)) {
      throw new AnalysisException(
          "Cannot resolve '"
              + function
              + "("
              + time.sql()
              + ", ...)' due to data type mismatch: the time column must be a timestamp, but "
              + time.sql()
              + " is "
              + Types.sparkName(type)
              + "; convert it first, e.g. to_timestamp("
              + time.sql()
              + ")");
    }
    return Bounds.cast(t, FieldType.DATETIME);
  }

  /** The millis of a bound time, or null. */
  static Long millis(Object value) {
    return value == null ? null : ((ReadableInstant) value).getMillis();
  }

  @Override
  public Bound bind(Schema input) {
    if (isSliding()) {
      throw new AnalysisException(
          "A sliding window ("
              + toString()
              + ") yields several windows per row, so it can only be a column of select(...) or"
              + " groupBy(...) on its own, not part of another expression");
    }
    Bound t = bindTime(input, "window");
    return Bounds.of(
        FieldType.row(WINDOW_SCHEMA).withNullable(true),
        "window",
        (row, ctx) -> {
          Long millis = millis(t.eval(row, ctx));
          if (millis == null) {
            return null;
          }
          long start = windowStarts(millis).get(0);
          return windowRow(start, start + sizeMillis);
        });
  }
}
