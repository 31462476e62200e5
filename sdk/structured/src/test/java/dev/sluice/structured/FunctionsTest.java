package dev.sluice.structured;

import static dev.sluice.structured.Functions.abs;
import static dev.sluice.structured.Functions.coalesce;
import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.concat;
import static dev.sluice.structured.Functions.concat_ws;
import static dev.sluice.structured.Functions.current_timestamp;
import static dev.sluice.structured.Functions.date_format;
import static dev.sluice.structured.Functions.dayofmonth;
import static dev.sluice.structured.Functions.expr;
import static dev.sluice.structured.Functions.from_unixtime;
import static dev.sluice.structured.Functions.hour;
import static dev.sluice.structured.Functions.length;
import static dev.sluice.structured.Functions.lit;
import static dev.sluice.structured.Functions.lower;
import static dev.sluice.structured.Functions.minute;
import static dev.sluice.structured.Functions.month;
import static dev.sluice.structured.Functions.regexp_extract;
import static dev.sluice.structured.Functions.regexp_replace;
import static dev.sluice.structured.Functions.round;
import static dev.sluice.structured.Functions.second;
import static dev.sluice.structured.Functions.split;
import static dev.sluice.structured.Functions.struct;
import static dev.sluice.structured.Functions.substring;
import static dev.sluice.structured.Functions.to_date;
import static dev.sluice.structured.Functions.to_timestamp;
import static dev.sluice.structured.Functions.trim;
import static dev.sluice.structured.Functions.unix_timestamp;
import static dev.sluice.structured.Functions.upper;
import static dev.sluice.structured.Functions.year;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.internal.expr.Bound;
import dev.sluice.structured.internal.expr.EvalContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** Evaluation of the scalar functions of {@link Functions}. */
public class FunctionsTest {
  private static final Schema SCHEMA =
      DdlSchema.parse("value STRING, ts TIMESTAMP, v DOUBLE, i INT, t STRING, sec BIGINT");
  private static final long NOW = Instant.parse("2024-01-15T12:00:00Z").toEpochMilli();
  private static final EvalContext UTC = EvalContext.of(NOW, ZoneOffset.UTC);

  private static final String LOG_LINE =
      "66.249.75.159 - - [29/Nov/2015:03:50:05 +0000] \"GET /robots.txt HTTP/1.1\" 200 55";

  private static Row row(String value, String ts, Double v, Integer i, String t, Long sec) {
    return Row.withSchema(SCHEMA)
        .addValues(
            value,
            ts == null ? null : new org.joda.time.Instant(Instant.parse(ts).toEpochMilli()),
            v,
            i,
            t,
            sec)
        .build();
  }

  private final Row row =
      row(LOG_LINE, "2024-01-15T10:07:30Z", -2.5, 42, "2024-01-15 10:00:00", 0L);
  private final Row nulls = row(null, null, null, null, null, null);

  private static Object eval(Column c, Row r) {
    return c.expression().bind(SCHEMA).eval(r, UTC);
  }

  private static org.joda.time.Instant instant(String iso) {
    return new org.joda.time.Instant(Instant.parse(iso).toEpochMilli());
  }

  @Test
  public void fromJsonParsesObjectsOfTheSchemaAndGivesNullForOtherText() {
    String ddl = "id STRING, n INT, ts TIMESTAMP";
    Row json =
        row(
            "{\"id\":\"a\",\"n\":\"x\",\"ts\":\"2024-01-15T10:00:00Z\"}",
            null,
            null,
            null,
            null,
            null);
    Object parsed = eval(Functions.from_json(col("value"), ddl), json);
    assertEquals(
        Row.withSchema(DdlSchema.parse(ddl))
            .addValues("a", null, instant("2024-01-15T10:00:00Z"))
            .build(),
        parsed);
    assertEquals("a", eval(Functions.from_json(col("value"), ddl).getField("id"), json));
    assertEquals(
        Row.nullRow(DdlSchema.parse(ddl)),
        eval(
            Functions.from_json(col("value"), ddl), row("not json", null, null, null, null, null)));
    assertNull(eval(Functions.from_json(col("value"), ddl), nulls));
    assertThrows(AnalysisException.class, () -> eval(Functions.from_json(col("v"), ddl), row));
  }

  @Test
  public void regexpExtractParsesAnApacheAccessLog() {
    assertEquals("55", eval(regexp_extract(col("value"), "\\s(\\d+)$", 1), row));
    assertEquals("200", eval(regexp_extract(col("value"), "\\s(\\d{3})\\s", 1), row));
    String general = "\"(\\S+)\\s(\\S+)\\s*(\\S*)\"";
    assertEquals("GET", eval(regexp_extract(col("value"), general, 1), row));
    assertEquals("/robots.txt", eval(regexp_extract(col("value"), general, 2), row));
    assertEquals("HTTP/1.1", eval(regexp_extract(col("value"), general, 3), row));
    assertEquals(
        "66.249.75.159", eval(regexp_extract(col("value"), "(^\\S+\\.[\\S+\\.]+\\S+)\\s", 1), row));
    Column time =
        regexp_extract(
            col("value"), "\\[(\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4})]", 1);
    assertEquals("29/Nov/2015:03:50:05 +0000", eval(time, row));
    assertEquals(
        instant("2015-11-29T03:50:05Z"), eval(to_timestamp(time, "dd/MMM/yyyy:HH:mm:ss Z"), row));
    assertEquals(55, eval(regexp_extract(col("value"), "\\s(\\d+)$", 1).cast("int"), row));
    assertEquals("", eval(regexp_extract(col("value"), "(xyz)", 1), row));
    assertNull(eval(regexp_extract(col("value"), "(x)", 1), nulls));
  }

  @Test
  public void regexpExtractWithATooLargeGroupFails() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> eval(regexp_extract(col("value"), "(\\d+)", 2), row));
    assertTrue(e.getMessage(), e.getMessage().contains("group count is 1"));
  }

  @Test
  public void splitKeepsTrailingEmptyStringsLikeSpark() {
    Row r = row("a b  c ", null, null, null, null, null);
    assertEquals(Arrays.asList("a", "b", "", "c", ""), eval(split(col("value"), " "), r));
    assertEquals(Arrays.asList("a", "b  c "), eval(split(col("value"), " ", 2), r));
    assertEquals(
        FieldType.array(FieldType.STRING.withNullable(true)).withNullable(true),
        split(col("value"), " ").expression().bind(SCHEMA).type());
  }

  @Test
  public void stringFunctions() {
    Row r = row("  Hello World  ", null, null, null, null, null);
    assertEquals("  HELLO WORLD  ", eval(upper(col("value")), r));
    assertEquals("  hello world  ", eval(lower(col("value")), r));
    assertEquals("Hello World", eval(trim(col("value")), r));
    assertEquals(15, eval(length(col("value")), r));
    assertEquals("Hello", eval(substring(trim(col("value")), 1, 5), r));
    assertEquals("World", eval(substring(trim(col("value")), -5, 5), r));
    assertEquals("Hello", eval(substring(trim(col("value")), 0, 5), r));
    assertEquals("", eval(substring(trim(col("value")), 100, 5), r));
    assertEquals("  He__o Wor_d  ", eval(regexp_replace(col("value"), "l", "_"), r));
    assertEquals("42", eval(upper(col("i")), row));
  }

  @Test
  public void concatIsNullIfAnyPartIsAndConcatWsSkipsNulls() {
    assertEquals("42_x", eval(concat(col("i"), lit("_"), lit("x")), row));
    assertNull(eval(concat(col("i"), lit("_"), col("t")), nulls));
    assertEquals(
        "a-42",
        eval(
            concat_ws("-", lit("a"), col("value"), col("i")),
            row(null, null, null, 42, null, null)));
    assertEquals("a b-c", eval(concat_ws("-", split(lit("a b"), "x"), lit("c")), row));
  }

  @Test
  public void coalesceAbsRound() {
    assertEquals("fallback", eval(coalesce(col("value"), lit("fallback")), nulls));
    assertEquals(2.5, eval(abs(col("v")), row));
    assertEquals(-3.0, eval(round(col("v")), row));
    assertEquals(-2.5, eval(round(col("v"), 1), row));
    assertEquals(42, eval(round(col("i")), row));
    assertEquals(
        FieldType.INT32.withNullable(true), round(col("i")).expression().bind(SCHEMA).type());
    AnalysisException e =
        assertThrows(
            AnalysisException.class, () -> eval(coalesce(col("i"), split(col("t"), " ")), row));
    assertTrue(e.getMessage(), e.getMessage().contains("common type"));
  }

  @Test
  public void timestampsParseAndFormatInTheSessionZone() {
    assertEquals(instant("2024-01-15T10:00:00Z"), eval(to_timestamp(col("t")), row));
    assertNull(eval(to_timestamp(lit("not a time")), row));
    assertNull(eval(to_timestamp(lit("2024/01/15"), "yyyy-MM-dd"), row));
    assertEquals(
        instant("2024-01-15T00:00:00Z"), eval(to_timestamp(lit("2024/01/15"), "yyyy/MM/dd"), row));
    assertEquals(LocalDate.of(2024, 1, 15), eval(to_date(col("t")), row));
    assertEquals(LocalDate.of(2024, 1, 15), eval(to_date(lit("15.01.2024"), "dd.MM.yyyy"), row));
    assertEquals("20240115", eval(date_format(col("ts"), "yyyyMMdd"), row));
    assertEquals("20240115", eval(date_format(col("t"), "yyyyMMdd"), row));
    assertEquals(1705313250L, eval(unix_timestamp(col("ts")), row));
    assertEquals(1705312800L, eval(unix_timestamp(col("t")), row));
    assertEquals(
        1705312800L, eval(unix_timestamp(lit("15/01/2024 10:00"), "dd/MM/yyyy HH:mm"), row));
    assertEquals(NOW / 1000, eval(unix_timestamp(), row));
    assertEquals("1970-01-01 00:00:00", eval(from_unixtime(col("sec")), row));
    assertEquals("1970", eval(from_unixtime(col("sec"), "yyyy"), row));
    assertEquals(instant("2024-01-15T12:00:00Z"), eval(current_timestamp(), row));
    assertEquals(2024, eval(year(col("ts")), row));
    assertEquals(1, eval(month(col("ts")), row));
    assertEquals(15, eval(dayofmonth(col("ts")), row));
    assertEquals(10, eval(hour(col("ts")), row));
    assertEquals(7, eval(minute(col("ts")), row));
    assertEquals(30, eval(second(col("ts")), row));
    EvalContext tokyo = EvalContext.of(NOW, ZoneId.of("Asia/Tokyo"));
    assertEquals(19, hour(col("ts")).expression().bind(SCHEMA).eval(row, tokyo));
    assertEquals(
        instant("2024-01-15T01:00:00Z"),
        to_timestamp(col("t")).expression().bind(SCHEMA).eval(row, tokyo));
  }

  @Test
  public void unixTimestampOfDifferenceIsSeconds() {
    // the seed's unix_timestamp("timestamp") - lag(...): plain bigint arithmetic
    Column diff = unix_timestamp(col("ts")).minus(unix_timestamp(col("t")));
    assertEquals(450L, eval(diff, row));
  }

  @Test
  public void badDatetimePatternIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> eval(to_timestamp(col("t"), "yyyy-ww"), row));
    assertTrue(e.getMessage(), e.getMessage().contains("yyyy-ww"));
  }

  @Test
  public void structBuildsARowOfNamedFields() {
    Bound b = struct(col("i"), col("v").as("value")).expression().bind(SCHEMA);
    Row s = (Row) b.eval(row, UTC);
    assertEquals(Arrays.asList("i", "value"), s.getSchema().getFieldNames());
    assertEquals(42, (int) s.getInt32("i"));
  }

  @Test
  public void exprParsesSql() {
    assertEquals(84, eval(expr("i * 2"), row));
    assertEquals("doubled", expr("i * 2 AS doubled").expression().sql());
    assertEquals(true, eval(expr("upper(t) LIKE '2024%' AND i BETWEEN 40 AND 50"), row));
  }

  @Test
  public void unknownFunctionIsNamed() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> expr("uppr(t)"));
    assertTrue(e.getMessage(), e.getMessage().contains("Undefined function: uppr"));
  }
}
