package dev.sluice.structured.internal.expr;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * Spark's {@code session_window(timeColumn, gapDuration)}. For one event at time {@code t} it is
 * {@code [t, t + gap)}; sessions of a key whose windows overlap are merged by the caller of {@link
 * Aggregation} (see {@link Aggregation#hasSessionWindow()}).
 *
 * <pre>{@code
 * new SessionWindow(ts, 300_000).sql();  // "session_window"
 * }</pre>
 */
public final class SessionWindow extends Expression {
  private static final long serialVersionUID = 1L;
  private final Expression time;
  private final long gapMillis;

  /**
   * A session window over {@code time} with the given gap.
   *
   * @throws IllegalArgumentException if the gap is not positive
   */
  public SessionWindow(Expression time, long gapMillis) {
    if (gapMillis <= 0) {
      throw new IllegalArgumentException(
          "The session gap (" + gapMillis + " ms) must be greater than 0, e.g. '5 minutes'");
    }
    this.time = time;
    this.gapMillis = gapMillis;
  }

  /** The time column expression. */
  public Expression time() {
    return time;
  }

  /** The gap that closes a session. */
  public long gapMillis() {
    return gapMillis;
  }

  @Override
  public String sql() {
    return "session_window";
  }

  @Override
  public String toString() {
    return "session_window(" + time.sql() + ", " + gapMillis * 1000 + ") AS session_window";
  }

  @Override
  public List<Expression> children() {
    return Collections.singletonList(time);
  }

  @Override
  List<Object> parameters() {
    return Arrays.asList(gapMillis);
  }

  @Override
  Expression withChildren(List<Expression> c) {
    return new SessionWindow(c.get(0), gapMillis);
  }

  @Override
  public Bound bind(Schema input) {
    Bound t = new TimeWindow(time, 1, 1, 0).bindTime(input, "session_window");
    long gap = gapMillis;
    return Bounds.of(
        FieldType.row(TimeWindow.WINDOW_SCHEMA).withNullable(true),
        "session_window",
        (row, ctx) -> {
          Long millis = TimeWindow.millis(t.eval(row, ctx));
          return millis == null ? null : TimeWindow.windowRow(millis, millis + gap);
        });
  }
}
