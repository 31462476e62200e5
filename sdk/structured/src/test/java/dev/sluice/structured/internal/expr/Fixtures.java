package dev.sluice.structured.internal.expr;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.Column;
import dev.sluice.structured.internal.ApiAccess;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/** Shared schemas, rows and helpers for the expression tests. */
public final class Fixtures {
  public static final EvalContext UTC = EvalContext.of(ts("2024-01-15T12:00:00Z"), ZoneOffset.UTC);

  /** id INT, action STRING, value DOUBLE, ts TIMESTAMP, n BIGINT, tags ARRAY&lt;STRING&gt;. */
  public static final Schema EVENTS =
      DdlSchema.parse(
          "id INT, action STRING, value DOUBLE, ts TIMESTAMP, n BIGINT, tags ARRAY<STRING>,"
              + " s STRING");

  private Fixtures() {}

  public static long ts(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  public static org.joda.time.Instant instant(String iso) {
    return new org.joda.time.Instant(ts(iso));
  }

  public static Row event(
      Integer id, String action, Double value, String ts, Long n, List<String> tags, String s) {
    return Row.withSchema(EVENTS)
        .addValues(id, action, value, ts == null ? null : instant(ts), n, tags, s)
        .build();
  }

  public static Row event(int id, String action, double value, String ts) {
    return event(id, action, value, ts, (long) id, Arrays.asList("a", "b"), "7");
  }

  /** Evaluates a column on a row. */
  public static Object eval(Column c, Row row) {
    return e(c).bind(row.getSchema()).eval(row, UTC);
  }

  public static Bound bind(Column c) {
    return e(c).bind(EVENTS);
  }

  /** The expression of a column built with {@code Functions}. */
  public static Expression e(Column c) {
    return ApiAccess.expression(c);
  }

  /** An expression as it is (so tests can mix parsed and built ones). */
  public static Expression e(Expression e) {
    return e;
  }

  /** Expressions of a list of columns and expressions, in order. */
  public static List<Expression> e(List<?> items) {
    return es(items.toArray());
  }

  /** Expressions of columns ({@link Column}) and expressions, in order. */
  public static List<Expression> es(Object... items) {
    List<Expression> out = new ArrayList<>();
    for (Object item : items) {
      out.add(item instanceof Column ? e((Column) item) : (Expression) item);
    }
    return out;
  }

  public static Row single(String ddl, Object... values) {
    Schema schema = DdlSchema.parse(ddl);
    return Row.withSchema(schema).addValues(values).build();
  }
}
