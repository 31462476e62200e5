package dev.sluice.structured.internal.expr;

import java.io.Serializable;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What an expression may depend on besides its row: the batch's {@code current_timestamp()} (Spark
 * evaluates it once per micro-batch, so every row of a batch sees the same value) and the session
 * time zone ({@code spark.sql.session.timeZone}, UTC unless set) used to print and parse
 * timestamps.
 *
 * <pre>{@code
 * EvalContext ctx = EvalContext.of(batchStartMillis, ZoneId.of("Europe/Paris"));
 * }</pre>
 */
public final class EvalContext implements Serializable {
  private static final long serialVersionUID = 1L;

  /** {@code current_timestamp()} for this batch, in epoch milliseconds. */
  public final long currentTimestampMillis;

  /** The session time zone. */
  public final ZoneId zone;

  private EvalContext(long currentTimestampMillis, ZoneId zone) {
    this.currentTimestampMillis = currentTimestampMillis;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** A context for one batch. */
  public static EvalContext of(long currentTimestampMillis, ZoneId zone) {
    return new EvalContext(currentTimestampMillis, zone);
  }

  /** A context in UTC whose current timestamp is now; for tests and one-off evaluation. */
  public static EvalContext utc() {
    return new EvalContext(System.currentTimeMillis(), ZoneOffset.UTC);
  }

  /** {@code current_timestamp()} for this batch, in epoch milliseconds. */
  public long currentTimestampMillis() {
    return currentTimestampMillis;
  }

  /** The session time zone. */
  public ZoneId zone() {
    return zone;
  }

  @Override
  public String toString() {
    return "EvalContext{currentTimestampMillis=" + currentTimestampMillis + ", zone=" + zone + "}";
  }
}
