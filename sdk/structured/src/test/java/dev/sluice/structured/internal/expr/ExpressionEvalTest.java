package dev.sluice.structured.internal.expr;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.lit;
import static dev.sluice.structured.Functions.when;
import static dev.sluice.structured.internal.expr.Fixtures.bind;
import static dev.sluice.structured.internal.expr.Fixtures.e;
import static dev.sluice.structured.internal.expr.Fixtures.eval;
import static dev.sluice.structured.internal.expr.Fixtures.event;
import static dev.sluice.structured.internal.expr.Fixtures.instant;
import static dev.sluice.structured.internal.expr.Fixtures.single;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.Column;
import dev.sluice.structured.internal.ApiAccess;
import dev.sluice.structured.internal.sql.SqlParser;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** Binding and evaluation: types, implicit casts, nulls and three-valued logic. */
public class ExpressionEvalTest {
  private final Row row = event(3, "open", 2.5, "2024-01-15T10:07:30Z");
  private final Row nulls = event(null, null, null, null, null, null, null);

  @Test
  public void arithmeticWidensLikeSpark() {
    assertEquals(FieldType.INT32.withNullable(true), bind(col("id").plus(1)).type());
    assertEquals(FieldType.INT32, bind(lit(1).plus(2)).type());
    assertEquals(FieldType.INT64.withNullable(true), bind(col("id").plus(col("n"))).type());
    assertEquals(6L, eval(col("id").plus(col("n")), row));
    assertEquals(FieldType.DOUBLE.withNullable(true), bind(col("id").divide(2)).type());
    assertEquals(1.5, eval(col("id").divide(2), row));
    assertEquals(1, eval(col("id").mod(2), row));
    assertEquals(5.0, eval(col("value").multiply(2), row));
    assertEquals(-3, eval(col("id").unary_minus(), row));
  }

  @Test
  public void intOverflowWrapsAsInNonAnsiSpark() {
    Row r = single("a INT", Integer.MAX_VALUE);
    assertEquals(Integer.MIN_VALUE, eval(col("a").plus(1), r));
  }

  @Test
  public void divisionAndModuloByZeroAreNull() {
    assertNull(eval(col("id").divide(0), row));
    assertNull(eval(col("id").mod(0), row));
  }

  @Test
  public void stringInArithmeticIsReadAsDouble() {
    assertEquals(10.0, eval(col("s").plus(3), row));
    assertEquals(FieldType.DOUBLE.withNullable(true), bind(col("s").plus(3)).type());
    Row bad = event(1, "x", 1.0, "2024-01-15T10:00:00Z", 1L, null, "seven");
    assertNull(eval(col("s").plus(3), bad));
  }

  @Test
  public void nullsPropagate() {
    assertNull(eval(col("id").plus(1), nulls));
    assertNull(eval(col("id").plus(lit(null)), row));
    assertEquals(FieldType.INT32.withNullable(true), bind(col("id").plus(lit(null))).type());
    assertNull(eval(col("action").equalTo("open"), nulls));
    assertEquals(true, eval(col("action").isNull(), nulls));
    assertEquals(false, eval(col("action").isNotNull(), nulls));
    assertEquals(true, eval(col("action").eqNullSafe(lit(null)), nulls));
    assertEquals(false, eval(col("action").eqNullSafe("open"), nulls));
  }

  @Test
  public void threeValuedLogic() {
    Column unknown = col("action").equalTo("open"); // null on the null row
    assertEquals(false, eval(unknown.and(lit(false)), nulls));
    assertNull(eval(unknown.and(lit(true)), nulls));
    assertEquals(true, eval(unknown.or(lit(true)), nulls));
    assertNull(eval(unknown.or(lit(false)), nulls));
    assertNull(eval(unknown.not(), nulls));
  }

  @Test
  public void comparisonsCastStringsToTheOtherSide() {
    assertEquals(true, eval(col("s").equalTo(7), row));
    assertEquals(true, eval(lit("1.5").equalTo(1), row)); // Spark 3 casts '1.5' to the int 1
    assertEquals(FieldType.BOOLEAN.withNullable(true), bind(lit("1.5").equalTo(1)).type());
    assertEquals(FieldType.BOOLEAN, bind(lit(1.5).equalTo(1)).type());
    assertEquals(true, eval(col("s").gt(6.5), row));
    assertEquals(true, eval(col("ts").gt("2024-01-15 10:00:00"), row));
    assertEquals(false, eval(col("ts").lt("2024-01-15"), row));
    assertEquals(true, eval(col("id").equalTo(3L), row));
    assertEquals(true, eval(col("id").leq(3.0), row));
    assertEquals(true, eval(col("action").notEqual("close"), row));
  }

  @Test
  public void incomparableTypesAreAnAnalysisError() {
    AnalysisException e =
        assertThrows(AnalysisException.class, () -> bind(col("tags").equalTo(col("ts"))));
    assertTrue(e.getMessage(), e.getMessage().contains("(tags = ts)"));
    assertTrue(e.getMessage(), e.getMessage().contains("array<string> and timestamp"));
  }

  @Test
  public void booleanOperatorsNeedBooleans() {
    AnalysisException e =
        assertThrows(AnalysisException.class, () -> bind(col("id").and(col("s"))));
    assertTrue(e.getMessage(), e.getMessage().contains("must be boolean"));
  }

  @Test
  public void inBetweenLike() {
    assertEquals(true, eval(col("action").isin("open", "close"), row));
    assertEquals(false, eval(col("action").isin("close"), row));
    assertNull(eval(col("action").isin("close", null), row));
    assertEquals(true, eval(col("id").isin("3", 4), row));
    assertEquals(true, eval(col("value").between(2, 3), row));
    assertEquals(true, eval(col("action").like("o_e%"), row));
    assertEquals(false, eval(col("action").like("o%x"), row));
    assertEquals(true, eval(col("action").rlike("^op"), row));
    assertEquals(true, eval(col("action").contains("pe"), row));
    assertEquals(true, eval(col("action").startsWith("op"), row));
    assertEquals(true, eval(col("action").endsWith("en"), row));
  }

  @Test
  public void caseWhenUsesTheCommonTypeAndNullWithoutElse() {
    Column c = when(col("value").gt(2), 1).when(col("value").gt(1), 2L);
    assertEquals(FieldType.INT64.withNullable(true), bind(c).type());
    assertEquals(1L, eval(c, row));
    assertNull(eval(c, nulls));
    Column s = when(col("value").gt(100), "big").otherwise("small");
    assertEquals("small", eval(s, row));
    assertEquals(FieldType.STRING, bind(s).type());
  }

  @Test
  public void castsFollowNonAnsiSpark() {
    assertEquals(7, eval(col("s").cast("int"), row));
    assertEquals(2, eval(col("value").cast("int"), row));
    assertEquals("2.5", eval(col("value").cast("string"), row));
    assertEquals("2024-01-15 10:07:30", eval(col("ts").cast("string"), row));
    assertEquals(1705313250L, eval(col("ts").cast("bigint"), row));
    assertEquals(LocalDate.of(2024, 1, 15), eval(col("ts").cast("date"), row));
    assertEquals(new BigDecimal("2.50"), eval(col("value").cast("decimal(10,2)"), row));
    assertEquals(true, eval(lit("yes").cast("boolean"), row));
    assertNull(eval(lit("maybe").cast("boolean"), row));
    assertNull(eval(lit("12x").cast("int"), row));
    assertEquals(12, eval(lit(" 12.9 ").cast("int"), row));
    assertEquals(
        instant("2024-01-15T10:00:00Z"), eval(lit("2024-01-15T10:00:00").cast("timestamp"), row));
    assertEquals(instant("1970-01-01T00:01:40Z"), eval(lit(100).cast("timestamp"), row));
    assertEquals("[a, b]", eval(col("tags").cast("string"), row));
  }

  @Test
  public void castToAnUnknownTypeNamesIt() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> col("s").cast("integr"));
    assertTrue(e.getMessage(), e.getMessage().contains("integr"));
    AnalysisException bad =
        assertThrows(AnalysisException.class, () -> bind(col("tags").cast("int")));
    assertTrue(bad.getMessage(), bad.getMessage().contains("cannot cast array<string> to int"));
  }

  @Test
  public void timestampsPrintInTheSessionZone() {
    Column text = col("ts").cast("string");
    Object paris =
        e(text).bind(row.getSchema()).eval(row, EvalContext.of(0, ZoneId.of("Europe/Paris")));
    assertEquals("2024-01-15 11:07:30", paris);
  }

  @Test
  public void timestampPlusInterval() {
    Column later = ApiAccess.column(SqlParser.expression("ts + INTERVAL '5 minutes'"));
    assertEquals(instant("2024-01-15T10:12:30Z"), eval(later, row));
    assertEquals(FieldType.DATETIME.withNullable(true), bind(later).type());
    Column earlier = ApiAccess.column(SqlParser.expression("ts - interval 1 hour"));
    assertEquals(instant("2024-01-15T09:07:30Z"), eval(earlier, row));
  }

  @Test
  public void structFieldsArrayItemsAndDottedNames() {
    Row r =
        single(
            "w STRUCT<start: TIMESTAMP, `end`: TIMESTAMP>, m MAP<STRING, INT>, a ARRAY<INT>",
            Row.withSchema(
                    org.apache.beam.sdk.schemas.Schema.builder()
                        .addNullableField("start", FieldType.DATETIME)
                        .addNullableField("end", FieldType.DATETIME)
                        .build())
                .addValues(instant("2024-01-15T10:00:00Z"), instant("2024-01-15T10:10:00Z"))
                .build(),
            java.util.Collections.singletonMap("k", 5),
            java.util.Arrays.asList(10, 20));
    assertEquals(instant("2024-01-15T10:00:00Z"), eval(col("w.start"), r));
    assertEquals(instant("2024-01-15T10:10:00Z"), eval(col("W").getField("END"), r));
    assertEquals(5, eval(col("m").getItem("k"), r));
    assertNull(eval(col("m").getItem("x"), r));
    assertEquals(20, eval(col("a").getItem(1), r));
    assertNull(eval(col("a").getItem(5), r));
    assertEquals("start", e(col("w.start")).bind(r.getSchema()).name());
  }

  @Test
  public void unknownColumnSuggestsTheClosestNames() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> bind(col("acton")));
    assertEquals(
        "Column 'acton' does not exist. Did you mean one of the following? [action, ts, n, id, value]",
        e.getMessage());
  }

  @Test
  public void namesResolveIgnoringCase() {
    assertEquals("open", eval(col("ACTION"), row));
    assertEquals("action", bind(col("Action")).name());
  }

  @Test
  public void qualifiedNamesSkipAnUnknownQualifier() {
    assertEquals("open", eval(col("events.action"), row));
  }

  @Test
  public void aggregatesAndGeneratorsCannotBeBoundRowByRow() {
    assertThrows(
        AnalysisException.class, () -> bind(dev.sluice.structured.Functions.sum(col("value"))));
    AnalysisException e =
        assertThrows(
            AnalysisException.class,
            () ->
                bind(
                    dev.sluice.structured.Functions.upper(
                        dev.sluice.structured.Functions.explode(col("tags")))));
    assertTrue(e.getMessage(), e.getMessage().contains("Generators are not supported"));
  }

  @Test
  public void equalsDependsOnTheTree() {
    assertEquals(col("a").plus(1), col("A").plus(1));
    assertFalse(col("a").plus(1).equals(col("a").plus(1L)));
    assertEquals(col("a").plus(1).hashCode(), col("a").plus(1).hashCode());
  }
}
