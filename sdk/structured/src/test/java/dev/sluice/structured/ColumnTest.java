package dev.sluice.structured;

import static dev.sluice.structured.Functions.approx_count_distinct;
import static dev.sluice.structured.Functions.avg;
import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.concat;
import static dev.sluice.structured.Functions.count;
import static dev.sluice.structured.Functions.countDistinct;
import static dev.sluice.structured.Functions.current_timestamp;
import static dev.sluice.structured.Functions.date_format;
import static dev.sluice.structured.Functions.explode;
import static dev.sluice.structured.Functions.lit;
import static dev.sluice.structured.Functions.mean;
import static dev.sluice.structured.Functions.regexp_extract;
import static dev.sluice.structured.Functions.round;
import static dev.sluice.structured.Functions.session_window;
import static dev.sluice.structured.Functions.split;
import static dev.sluice.structured.Functions.sum;
import static dev.sluice.structured.Functions.unix_timestamp;
import static dev.sluice.structured.Functions.upper;
import static dev.sluice.structured.Functions.when;
import static dev.sluice.structured.Functions.window;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.Test;

/** Column names (Spark's generated names) and Column's value semantics. */
public class ColumnTest {
  private static void name(String expected, Column c) {
    assertEquals(expected, c.expression().sql());
  }

  @Test
  public void operatorNamesMatchSpark() {
    name("(a + 1)", col("a").plus(1));
    name("(a - b)", col("a").minus(col("b")));
    name("((a * 2) / 3)", col("a").multiply(2).divide(3));
    name("(a % 2)", col("a").mod(2));
    name("(a = open)", col("a").equalTo("open"));
    name("(NOT (a = 1))", col("a").notEqual(1));
    name("((a > 1) AND (b <= 2))", col("a").gt(1).and(col("b").leq(2)));
    name("((a >= 1) OR (b < 2))", col("a").geq(1).or(col("b").lt(2)));
    name("(NOT a)", col("a").not());
    name("(a IS NULL)", col("a").isNull());
    name("(a IS NOT NULL)", col("a").isNotNull());
    name("(a IN (1, 2))", col("a").isin(1, 2));
    name("((a >= 1) AND (a <= 5))", col("a").between(1, 5));
    name("a LIKE %x%", col("a").like("%x%"));
    name("CAST(a AS INT)", col("a").cast("int"));
    name("CAST(a AS DECIMAL(10,2))", col("a").cast("decimal(10, 2)"));
    name("substring(a, 1, 3)", col("a").substr(1, 3));
    name("a[0]", col("a").getItem(0));
    name("a.b", col("a").getField("b"));
    name("a.b", col("a.b"));
    name("(- a)", col("a").unary_minus());
    name("NULL", lit(null));
    name("CASE WHEN (a > 1) THEN x ELSE y END", when(col("a").gt(1), "x").otherwise("y"));
  }

  @Test
  public void functionNamesMatchSpark() {
    name("count(1)", count("*"));
    name("count(1)", count(lit(1)));
    name("count(a)", count("a"));
    name("count(DISTINCT a)", countDistinct("a"));
    name("count(DISTINCT a, b)", countDistinct(col("a"), col("b")));
    name("sum(value)", sum("value"));
    name("avg(value)", avg(col("value")));
    name("avg(value)", mean("value"));
    name("approx_count_distinct(u)", approx_count_distinct("u"));
    name("upper(action)", upper(col("action")));
    name("split(value,  , -1)", split(col("value"), " "));
    name("col", explode(split(col("value"), " ")));
    name("regexp_extract(value, (\\d+), 1)", regexp_extract(col("value"), "(\\d+)", 1));
    name(
        "concat(user_id, _, date_format(ts, yyyyMMdd))",
        concat(col("user_id"), lit("_"), date_format(col("ts"), "yyyyMMdd")));
    name("unix_timestamp(ts, yyyy-MM-dd HH:mm:ss)", unix_timestamp(col("ts")));
    name("current_timestamp()", current_timestamp());
    name("round(v, 0)", round(col("v")));
    name("window", window(col("ts"), "10 minutes"));
    name("session_window", session_window(col("ts"), "5 minutes"));
    name("(sum(x) / count(x))", sum("x").divide(count("x")));
  }

  @Test
  public void aliasesNameTheColumnAndPrintAsSql() {
    Column c = col("a").plus(1).as("b");
    name("b", c);
    assertEquals("(a + 1) AS b", c.toString());
    assertEquals("(a + 1) AS c", c.alias("c").toString());
    assertEquals("a AS `my col`", col("a").name("my col").toString());
    assertEquals("explode(words) AS word", explode(col("words")).as("word").toString());
  }

  @Test
  public void sortOrders() {
    assertEquals("a ASC NULLS FIRST", col("a").asc().toString());
    assertEquals("a DESC NULLS LAST", col("a").desc().toString());
    assertEquals("a ASC NULLS LAST", col("a").asc_nulls_last().toString());
    assertEquals("a DESC NULLS FIRST", col("a").desc_nulls_first().toString());
    assertEquals("count DESC NULLS LAST", Functions.desc("count").toString());
  }

  @Test
  public void equalityIsStructural() {
    assertEquals(col("a").plus(1), col("a").plus(1));
    assertEquals(col("a").plus(1).hashCode(), col("a").plus(1).hashCode());
    assertNotEquals(col("a").plus(1), col("a").plus(2));
    assertNotEquals(col("a").as("x"), col("a").as("y"));
    assertEquals(count("*"), count(lit(1)));
  }

  @Test
  public void columnsSerialize() throws Exception {
    Column c = when(col("v").gt(1), upper(col("a"))).otherwise(lit("x")).as("y");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(c, in.readObject());
    }
  }

  @Test
  public void whenOnlyChainsOnWhen() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> col("a").when(col("b"), 1));
    assertTrue(e.getMessage(), e.getMessage().contains("previously generated by when()"));
    assertThrows(
        IllegalArgumentException.class, () -> when(col("a"), 1).otherwise(2).when(col("b"), 3));
  }

  @Test
  public void badDurationsNameTheString() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> window(col("ts"), "10 minuts"));
    assertTrue(e.getMessage(), e.getMessage().contains("10 minuts"));
    IllegalArgumentException slide =
        assertThrows(
            IllegalArgumentException.class, () -> window(col("ts"), "5 minutes", "10 minutes"));
    assertTrue(slide.getMessage(), slide.getMessage().contains("slide duration"));
  }

  @Test
  public void unknownLiteralTypesAreRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> lit(new Object()));
    assertTrue(e.getMessage(), e.getMessage().contains("Unsupported literal type"));
  }
}
