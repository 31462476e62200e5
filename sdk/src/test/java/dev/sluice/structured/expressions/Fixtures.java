package dev.sluice.structured.expressions;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.Column;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/** Shared schemas, rows and helpers for the expression tests. */
final class Fixtures {
  static final EvalContext UTC = EvalContext.of(ts("2024-01-15T12:00:00Z"), ZoneOffset.UTC);

  /** id INT, action STRING, value DOUBLE, ts TIMESTAMP, n BIGINT, tags ARRAY&lt;STRING&gt;. */
  static final Schema EVENTS =
      DdlSchema.parse(
          "id INT, action STRING, value DOUBLE, ts TIMESTAMP, n BIGINT, tags ARRAY<STRING>,"
              + " s STRING");

  private Fixtures() {}

  static long ts(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  static org.joda.time.Instant instant(String iso) {
    return new org.joda.time.Instant(ts(iso));
  }

  static Row event(
      Integer id, String action, Double value, String ts, Long n, List<String> tags, String s) {
    return Row.withSchema(EVENTS)
        .addValues(id, action, value, ts == null ? null : instant(ts), n, tags, s)
        .build();
  }

  static Row event(int id, String action, double value, String ts) {
    return event(id, action, value, ts, (long) id, Arrays.asList("a", "b"), "7");
  }

  /** Evaluates a column on a row. */
  static Object eval(Column c, Row row) {
    return c.expression().bind(row.getSchema()).eval(row, UTC);
  }

  static Bound bind(Column c) {
    return c.expression().bind(EVENTS);
  }

  static Row single(String ddl, Object... values) {
    Schema schema = DdlSchema.parse(ddl);
    return Row.withSchema(schema).addValues(values).build();
  }
}
