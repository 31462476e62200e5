package dev.sluice.structured.internal.sql;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.count;
import static dev.sluice.structured.Functions.countDistinct;
import static dev.sluice.structured.Functions.lit;
import static dev.sluice.structured.Functions.split;
import static dev.sluice.structured.Functions.sum;
import static dev.sluice.structured.Functions.when;
import static dev.sluice.structured.Functions.window;
import static dev.sluice.structured.internal.expr.Fixtures.EVENTS;
import static dev.sluice.structured.internal.expr.Fixtures.UTC;
import static dev.sluice.structured.internal.expr.Fixtures.e;
import static dev.sluice.structured.internal.expr.Fixtures.es;
import static dev.sluice.structured.internal.expr.Fixtures.event;
import static dev.sluice.structured.internal.expr.Fixtures.instant;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.Column;
import dev.sluice.structured.internal.ApiAccess;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.expr.Star;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

public class SqlParserTest {
  private final Row row = event(3, "open", 150.0, "2024-01-15T10:07:30Z");

  private static Column parse(String sql) {
    return ApiAccess.column(SqlParser.expression(sql));
  }

  private Object eval(String sql) {
    return e(parse(sql)).bind(EVENTS).eval(row, UTC);
  }

  @Test
  public void parsesToTheSameTreeAsTheColumnApi() {
    assertEquals(col("a").plus(1), parse("a + 1"));
    assertEquals(col("a").plus(lit(2).multiply(3)), parse("a + 2 * 3"));
    assertEquals(col("a").plus(2).multiply(3), parse("(a + 2) * 3"));
    assertEquals(col("a").gt(1).and(col("b").lt(2)).or(col("c")), parse("a > 1 AND b < 2 OR c"));
    assertEquals(col("a").notEqual("x"), parse("a != 'x'"));
    assertEquals(col("a").notEqual("x"), parse("a <> \"x\""));
    assertEquals(col("a").isNull(), parse("a IS NULL"));
    assertEquals(col("a").isNotNull().not(), parse("NOT a IS NOT NULL"));
    assertEquals(col("a").isin(1, 2, 3), parse("a IN (1, 2, 3)"));
    assertEquals(col("a").between(1, 5), parse("a BETWEEN 1 AND 5"));
    assertEquals(col("a").like("x%"), parse("a LIKE 'x%'"));
    assertEquals(col("a").rlike("^x"), parse("a RLIKE '^x'"));
    assertEquals(col("a").cast("int"), parse("CAST(a AS INT)"));
    assertEquals(col("a").cast("decimal(10,2)"), parse("cast(a as decimal(10, 2))"));
    assertEquals(col("a").cast("array<string>"), parse("CAST(a AS ARRAY<STRING>)"));
    assertEquals(col("a").cast("bigint"), parse("a::bigint"));
    assertEquals(col("window.start"), parse("window.start"));
    assertEquals(col("my col"), parse("`my col`"));
    assertEquals(col("a").getItem(0), parse("a[0]"));
    assertEquals(count("*"), parse("count(*)"));
    assertEquals(count("*"), parse("COUNT(1)"));
    assertEquals(countDistinct("user_id"), parse("count(DISTINCT user_id)"));
    assertEquals(sum("x").divide(count("x")), parse("sum(x) / count(x)"));
    assertEquals(split(col("value"), " "), parse("split(value, ' ')"));
    assertEquals(
        window(col("ts"), "10 minutes", "5 minutes"),
        parse("window(ts, '10 minutes', '5 minutes')"));
    assertEquals(
        when(col("v").gt(10), "big").when(col("v").gt(5), "mid").otherwise("small"),
        parse("CASE WHEN v > 10 THEN 'big' WHEN v > 5 THEN 'mid' ELSE 'small' END"));
    assertEquals(lit(-5), parse("-5"));
  }

  @Test
  public void aliasesExplicitAndImplicit() {
    assertEquals(col("value").multiply(2).as("doubled"), parse("value * 2 AS doubled"));
    assertEquals(col("value").multiply(2).as("doubled"), parse("value * 2 doubled"));
    assertEquals(col("value").as("my alias"), parse("value AS `my alias`"));
    assertEquals("CAST(value AS STRING)", SqlParser.expression("CAST(value AS STRING)").sql());
  }

  @Test
  public void literalsHaveSparksTypes() {
    assertEquals(FieldType.INT32, SqlParser.expression("1").bind(EVENTS).type());
    assertEquals(FieldType.INT64, SqlParser.expression("1L").bind(EVENTS).type());
    assertEquals(FieldType.INT64, SqlParser.expression("3000000000").bind(EVENTS).type());
    assertEquals(FieldType.DOUBLE, SqlParser.expression("1.5").bind(EVENTS).type());
    assertEquals(FieldType.DOUBLE, SqlParser.expression("1e3").bind(EVENTS).type());
    assertEquals(FieldType.BOOLEAN, SqlParser.expression("true").bind(EVENTS).type());
    assertEquals("it's", eval("'it\\'s'"));
    assertEquals("ab", eval("'a' 'b'"));
    assertEquals(null, eval("NULL"));
  }

  @Test
  public void evaluatesSeedExpressions() {
    assertEquals(true, eval("value > 100"));
    assertEquals(instant("2024-01-15T10:12:30Z"), eval("ts + interval 5 minutes"));
    assertEquals(instant("2024-01-15T11:07:30Z"), eval("ts + INTERVAL '1 hour'"));
    assertEquals(instant("2024-01-15T09:37:30Z"), eval("ts - INTERVAL '30' MINUTE"));
    assertEquals(true, eval("ts >= ts - interval 5 minutes AND ts <= ts + interval 5 minutes"));
    assertEquals("OPEN", eval("upper(action)"));
    assertEquals("big", eval("CASE WHEN value > 100 THEN 'big' ELSE 'small' END"));
    assertEquals("big", eval("if(value > 100, 'big', 'small')"));
    assertEquals(1, eval("CASE action WHEN 'open' THEN 1 WHEN 'close' THEN 2 END"));
    assertEquals(true, eval("action IN ('open', 'close') AND NOT action LIKE 'c%'"));
    assertEquals(true, eval("action NOT IN ('close')"));
    assertEquals(true, eval("id NOT BETWEEN 4 AND 5"));
    assertEquals("20240115", eval("date_format(ts, 'yyyyMMdd')"));
    assertEquals(1705313250L, eval("unix_timestamp(ts)"));
    assertEquals(instant("2024-01-15T12:00:00Z"), eval("current_timestamp()"));
    assertEquals(instant("2024-01-15T12:00:00Z"), eval("current_timestamp"));
    assertEquals("open!", eval("action || '!'"));
    assertEquals(2, eval("7 % 5"));
    assertEquals("open", eval("coalesce(NULL, action)"));
    assertEquals("a", eval("split('a b', ' ')[0]"));
  }

  @Test
  public void selectListExpandsStarsAndAliases() {
    List<Expression> items = SqlParser.selectList("*", "CAST(value AS STRING) AS v", "w.*");
    assertTrue(items.get(0) instanceof Star);
    assertEquals("v", items.get(1).sql());
    assertEquals("w.*", items.get(2).sql());
  }

  @Test
  public void parsesQueries() {
    SelectStatement q =
        SqlParser.query(
            "select action, count(*) as n, avg(value) from events where value > 1 "
                + "group by action having count(*) > 1 order by n desc, action limit 10;");
    assertEquals("events", q.from());
    assertFalse(q.distinct());
    assertEquals(
        es(col("action"), count("*").as("n"), dev.sluice.structured.Functions.avg("value")),
        q.select());
    assertEquals(e(col("value").gt(1)), q.where().get());
    assertEquals(es(col("action")), q.groupBy());
    assertEquals(e(count("*").gt(1)), q.having().get());
    assertEquals(es(col("n").desc(), col("action").asc()), q.orderBy());
    assertEquals(10, q.limit().getAsInt());

    SelectStatement star = SqlParser.query("SELECT DISTINCT * FROM events_memory");
    assertTrue(star.distinct());
    assertEquals(1, star.select().size());
    assertFalse(star.where().isPresent());
    assertFalse(star.limit().isPresent());
    assertEquals(
        "SELECT window, count(1) FROM t GROUP BY window",
        SqlParser.query("SELECT window, count(*) FROM t GROUP BY window").toString());
  }

  @Test
  public void syntaxErrorsNamePositionAndText() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> parse("a + * 2"));
    assertEquals(
        "Syntax error at or near '*': expected an expression (line 1, pos 4)\n\n== SQL ==\na + *"
            + " 2\n----^^^",
        e.getMessage());
    AnalysisException q =
        assertThrows(AnalysisException.class, () -> SqlParser.query("SELECT a FROM t WHERE"));
    assertTrue(q.getMessage(), q.getMessage().contains("at or near end of input"));
    AnalysisException order =
        assertThrows(
            AnalysisException.class,
            () -> SqlParser.query("SELECT a FROM t ORDER BY a WHERE a > 1"));
    assertTrue(order.getMessage(), order.getMessage().contains("'WHERE'"));
    AnalysisException unclosed = assertThrows(AnalysisException.class, () -> parse("'abc"));
    assertTrue(unclosed.getMessage(), unclosed.getMessage().contains("unclosed string"));
    AnalysisException interval =
        assertThrows(AnalysisException.class, () -> parse("ts + INTERVAL '5 minuts'"));
    assertTrue(interval.getMessage(), interval.getMessage().contains("5 minuts"));
    AnalysisException line2 = assertThrows(AnalysisException.class, () -> parse("a +\n b c d"));
    assertTrue(line2.getMessage(), line2.getMessage().contains("(line 2, pos 5)"));
    AnalysisException arity = assertThrows(AnalysisException.class, () -> parse("upper(a, b)"));
    assertTrue(arity.getMessage(), arity.getMessage().contains("Invalid number of arguments"));
    assertThrows(AnalysisException.class, () -> parse(""));
  }
}
