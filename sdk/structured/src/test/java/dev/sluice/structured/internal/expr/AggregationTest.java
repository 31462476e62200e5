package dev.sluice.structured.internal.expr;

import static dev.sluice.structured.Functions.approx_count_distinct;
import static dev.sluice.structured.Functions.avg;
import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.collect_list;
import static dev.sluice.structured.Functions.collect_set;
import static dev.sluice.structured.Functions.count;
import static dev.sluice.structured.Functions.countDistinct;
import static dev.sluice.structured.Functions.first;
import static dev.sluice.structured.Functions.last;
import static dev.sluice.structured.Functions.max;
import static dev.sluice.structured.Functions.min;
import static dev.sluice.structured.Functions.session_window;
import static dev.sluice.structured.Functions.sum;
import static dev.sluice.structured.Functions.upper;
import static dev.sluice.structured.Functions.window;
import static dev.sluice.structured.internal.expr.Fixtures.EVENTS;
import static dev.sluice.structured.internal.expr.Fixtures.UTC;
import static dev.sluice.structured.internal.expr.Fixtures.e;
import static dev.sluice.structured.internal.expr.Fixtures.es;
import static dev.sluice.structured.internal.expr.Fixtures.event;
import static dev.sluice.structured.internal.expr.Fixtures.instant;
import static dev.sluice.structured.internal.expr.Fixtures.ts;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.io.schema.SparkTypes;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.internal.sql.SelectStatement;
import dev.sluice.structured.internal.sql.SqlParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

public class AggregationTest {
  private static Row roundTrip(Schema schema, Row row) throws Exception {
    RowCoder coder = RowCoder.of(schema);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    coder.encode(row, out);
    return coder.decode(new ByteArrayInputStream(out.toByteArray()));
  }

  /** Adds the rows to each key's accumulator; returns the result row of the only key. */
  private static Row aggregateAll(Aggregation agg, Row... rows) {
    Row key = null;
    Row acc = agg.createAccumulator();
    for (Row r : rows) {
      List<Row> keys = agg.keysOf(r, UTC);
      assertEquals(1, keys.size());
      key = keys.get(0);
      acc = agg.add(acc, r, UTC);
    }
    return agg.result(key, acc);
  }

  @Test
  public void seedQueryHasSparksOutputSchema() {
    Aggregation agg =
        Aggregation.of(
            EVENTS,
            es(window(col("ts"), "5 minutes"), col("action")),
            es(
                count("*").as("action_count"),
                sum("value").as("total_value"),
                countDistinct("id").as("unique_users")));
    assertEquals(
        "struct<window:struct<start:timestamp,end:timestamp>,action:string,"
            + "action_count:bigint,total_value:double,unique_users:bigint>",
        SparkTypes.simpleString(agg.outputSchema()));
    assertFalse(agg.outputSchema().getField("action_count").getType().getNullable());
    assertFalse(agg.outputSchema().getField("window").getType().getNullable());
    assertTrue(agg.outputSchema().getField("total_value").getType().getNullable());
    Row out =
        aggregateAll(
            agg,
            event(1, "open", 10.0, "2024-01-15T10:01:00Z"),
            event(2, "open", 5.0, "2024-01-15T10:02:00Z"),
            event(1, "open", 1.0, "2024-01-15T10:04:59Z"));
    assertEquals(instant("2024-01-15T10:00:00Z"), out.getRow("window").getDateTime("start"));
    assertEquals(instant("2024-01-15T10:05:00Z"), out.getRow("window").getDateTime("end"));
    assertEquals("open", out.getString("action"));
    assertEquals(3L, (long) out.getInt64("action_count"));
    assertEquals(16.0, out.getDouble("total_value"), 0);
    assertEquals(2L, (long) out.getInt64("unique_users"));
  }

  @Test
  public void slidingWindowGivesOneKeyPerWindow() {
    Aggregation agg =
        Aggregation.of(
            EVENTS,
            es(window(col("ts"), "10 minutes", "5 minutes"), col("action")),
            es(count("*")));
    List<Row> keys = agg.keysOf(event(1, "open", 1.0, "2024-01-15T10:07:00Z"), UTC);
    assertEquals(2, keys.size());
    assertEquals(
        TimeWindow.windowRow(ts("2024-01-15T10:00:00Z"), ts("2024-01-15T10:10:00Z")),
        keys.get(0).getRow(0));
    assertEquals(
        TimeWindow.windowRow(ts("2024-01-15T10:05:00Z"), ts("2024-01-15T10:15:00Z")),
        keys.get(1).getRow(0));
    assertEquals("open", keys.get(1).getString("action"));
    assertEquals(0, agg.keysOf(event(1, "open", 1.0, null), UTC).size());
  }

  @Test
  public void windowStartTimeShiftsAlignment() {
    Aggregation agg =
        Aggregation.of(
            EVENTS, es(window(col("ts"), "10 minutes", "10 minutes", "2 minutes")), es(count("*")));
    Row key = agg.keysOf(event(1, "a", 1.0, "2024-01-15T10:01:00Z"), UTC).get(0);
    assertEquals(instant("2024-01-15T09:52:00Z"), key.getRow(0).getDateTime("start"));
  }

  @Test
  public void typesOfEachAggregate() {
    Aggregation agg =
        Aggregation.of(
            EVENTS,
            es(col("action")),
            es(
                sum("id"),
                sum("value"),
                avg("id"),
                min("ts"),
                max("value"),
                first("id"),
                last("id"),
                collect_list("id"),
                collect_set("id"),
                approx_count_distinct("id"),
                count("value")));
    assertEquals(
        "struct<action:string,sum(id):bigint,sum(value):double,avg(id):double,min(ts):timestamp,"
            + "max(value):double,first(id):int,last(id):int,collect_list(id):array<int>,"
            + "collect_set(id):array<int>,approx_count_distinct(id):bigint,count(value):bigint>",
        SparkTypes.simpleString(agg.outputSchema()));
    Row out =
        aggregateAll(
            agg,
            event(3, "a", 1.5, "2024-01-15T10:05:00Z"),
            event(1, "a", 4.0, "2024-01-15T10:01:00Z"),
            event(3, "a", Double.NaN, "2024-01-15T10:09:00Z"),
            event(null, "a", null, null, null, null, null));
    assertEquals(7L, (long) out.getInt64("sum(id)"));
    assertTrue(Double.isNaN(out.getDouble("sum(value)")));
    assertEquals(7.0 / 3, out.getDouble("avg(id)"), 1e-9);
    assertEquals(instant("2024-01-15T10:01:00Z"), out.getDateTime("min(ts)"));
    assertTrue(Double.isNaN(out.getDouble("max(value)"))); // NaN is largest in Spark
    assertEquals(3, (int) out.getInt32("first(id)"));
    assertNull(out.getInt32("last(id)")); // last takes the last row's value, null included
    assertEquals(Arrays.asList(3, 1, 3), new ArrayList<>(out.getArray("collect_list(id)")));
    assertEquals(
        new HashSet<>(Arrays.asList(3, 1)), new HashSet<>(out.getArray("collect_set(id)")));
    assertEquals(2L, (long) out.getInt64("approx_count_distinct(id)"));
    assertEquals(3L, (long) out.getInt64("count(value)"));
  }

  @Test
  public void sumAndAvgOfNothingAreNullButCountIsZero() {
    Aggregation agg = Aggregation.of(EVENTS, es(), es(sum("id"), avg("id"), count("id")));
    Row out =
        agg.result(
            agg.keysOf(event(null, "a", null, null, null, null, null), UTC).get(0),
            agg.createAccumulator());
    assertNull(out.getValue("sum(id)"));
    assertNull(out.getValue("avg(id)"));
    assertEquals(0L, (long) out.getInt64("count(id)"));
    assertEquals(0, agg.keySchema().getFieldCount());
  }

  @Test
  public void mergeCombinesPartialAccumulators() throws Exception {
    Aggregation agg =
        Aggregation.of(
            EVENTS,
            es(col("action")),
            es(
                count("*").as("n"),
                avg("value").as("avg"),
                countDistinct("id").as("d"),
                first("id").as("f"),
                last("id").as("l"),
                max("value").as("max")));
    Row a = agg.createAccumulator();
    a = agg.add(a, event(1, "x", 1.0, "2024-01-15T10:00:00Z"), UTC);
    a = agg.add(a, event(2, "x", 2.0, "2024-01-15T10:00:00Z"), UTC);
    Row b = agg.createAccumulator();
    b = agg.add(b, event(2, "x", 6.0, "2024-01-15T10:00:00Z"), UTC);
    b = agg.add(b, event(3, "x", 3.0, "2024-01-15T10:00:00Z"), UTC);
    a = roundTrip(agg.accumulatorSchema(), a);
    b = roundTrip(agg.accumulatorSchema(), b);
    Row key = agg.keysOf(event(1, "x", 1.0, null), UTC).get(0);
    Row out = roundTrip(agg.outputSchema(), agg.result(key, agg.merge(a, b)));
    assertEquals(4L, (long) out.getInt64("n"));
    assertEquals(3.0, out.getDouble("avg"), 0);
    assertEquals(3L, (long) out.getInt64("d"));
    assertEquals(1, (int) out.getInt32("f"));
    assertEquals(3, (int) out.getInt32("l"));
    assertEquals(6.0, out.getDouble("max"), 0);
    Row empty = agg.merge(agg.createAccumulator(), b);
    assertEquals(2, (int) agg.result(key, empty).getInt32("f"));
  }

  @Test
  public void accumulatorsAndKeysEncodeWithRowCoder() throws Exception {
    Aggregation agg =
        Aggregation.of(
            EVENTS,
            es(window(col("ts"), "10 minutes"), col("action")),
            es(collect_set("ts"), countDistinct(col("id"), col("action")), min("tags")));
    Row r = event(1, "x", 1.0, "2024-01-15T10:00:00Z");
    Row key = agg.keysOf(r, UTC).get(0);
    assertEquals(key, roundTrip(agg.keySchema(), key));
    Row acc = agg.add(agg.createAccumulator(), r, UTC);
    acc = agg.add(acc, r, UTC);
    assertEquals(acc, roundTrip(agg.accumulatorSchema(), acc));
    Row out = agg.result(key, acc);
    assertEquals(out, roundTrip(agg.outputSchema(), out));
    assertEquals(1L, (long) out.getInt64("count(DISTINCT id, action)"));
  }

  @Test
  public void expressionsOverAggregatesAndGroupingColumns() {
    Aggregation agg =
        Aggregation.of(
            EVENTS,
            es(col("action")),
            es(
                sum("value").divide(count("value")).as("mean"),
                upper(col("action")).as("loud"),
                count("*").plus(1),
                SqlParser.expression("max(value) - min(value) AS spread")));
    assertEquals(
        Arrays.asList("action", "mean", "loud", "(count(1) + 1)", "spread"),
        agg.outputSchema().getFieldNames());
    Row out =
        aggregateAll(
            agg,
            event(1, "open", 2.0, "2024-01-15T10:00:00Z"),
            event(2, "open", 6.0, "2024-01-15T10:00:00Z"));
    assertEquals(4.0, out.getDouble("mean"), 0);
    assertEquals("OPEN", out.getString("loud"));
    assertEquals(3L, (long) out.getInt64("(count(1) + 1)"));
    assertEquals(4.0, out.getDouble("spread"), 0);
  }

  @Test
  public void aggregatesMayReferToWindowFields() {
    Aggregation agg =
        Aggregation.of(
            EVENTS,
            es(window(col("ts"), "10 minutes")),
            es(col("window.start").as("from"), count("*").as("n")));
    Row out = aggregateAll(agg, event(1, "a", 1.0, "2024-01-15T10:03:00Z"));
    assertEquals(instant("2024-01-15T10:00:00Z"), out.getDateTime("from"));
  }

  @Test
  public void ungroupedColumnsAreRejectedWithSparksMessage() {
    AnalysisException e =
        assertThrows(
            AnalysisException.class,
            () -> Aggregation.of(EVENTS, es(col("action")), es(col("value"), count("*"))));
    assertTrue(
        e.getMessage(), e.getMessage().contains("'value' is neither present in the group by"));
    AnalysisException unknown =
        assertThrows(
            AnalysisException.class,
            () -> Aggregation.of(EVENTS, es(col("action")), es(col("valu"), count("*"))));
    assertTrue(
        unknown.getMessage(), unknown.getMessage().startsWith("Column 'valu' does not exist"));
    AnalysisException distinctSum =
        assertThrows(AnalysisException.class, () -> SqlParser.expression("sum(DISTINCT value)"));
    assertTrue(
        distinctSum.getMessage(), distinctSum.getMessage().contains("DISTINCT is not supported"));
    assertThrows(
        AnalysisException.class, () -> Aggregation.of(EVENTS, es(count("*")), es(count("*"))));
    assertThrows(
        AnalysisException.class,
        () ->
            Aggregation.of(
                EVENTS,
                es(window(col("ts"), "1 minute"), window(col("ts"), "2 minutes")),
                es(count("*"))));
    assertThrows(
        AnalysisException.class,
        () -> Aggregation.of(EVENTS, es(col("action")), es(sum(sum("value")))));
  }

  @Test
  public void sessionWindowKeyIsTheEventsOwnSession() {
    Aggregation agg =
        Aggregation.of(
            EVENTS, es(col("action"), session_window(col("ts"), "5 minutes")), es(count("*")));
    assertTrue(agg.hasSessionWindow());
    assertEquals(1, agg.sessionWindowKeyIndex());
    assertEquals(300_000L, agg.sessionGapMillis());
    Row key = agg.keysOf(event(1, "a", 1.0, "2024-01-15T10:03:00Z"), UTC).get(0);
    assertEquals(
        TimeWindow.windowRow(ts("2024-01-15T10:03:00Z"), ts("2024-01-15T10:08:00Z")),
        key.getRow("session_window"));
    assertEquals(0, agg.keysOf(event(1, "a", 1.0, null), UTC).size());
    assertEquals(Integer.valueOf(1), agg.eventTimeKeyIndex("TS"));
    assertEquals(ts("2024-01-15T10:08:00Z"), agg.eventTimeOfKey(key, 1));
  }

  @Test
  public void eventTimeOfKeys() {
    Aggregation windowed =
        Aggregation.of(EVENTS, es(col("action"), window(col("ts"), "10 minutes")), es(count("*")));
    assertEquals(Integer.valueOf(1), windowed.eventTimeKeyIndex("ts"));
    assertNull(windowed.eventTimeKeyIndex("value"));
    assertFalse(windowed.hasSessionWindow());
    assertEquals(-1, windowed.sessionWindowKeyIndex());
    Row key = windowed.keysOf(event(1, "a", 1.0, "2024-01-15T10:03:00Z"), UTC).get(0);
    assertEquals(ts("2024-01-15T10:10:00Z"), windowed.eventTimeOfKey(key, 1));

    Aggregation plain = Aggregation.of(EVENTS, es(col("id"), col("ts")), es(count("*")));
    assertEquals(Integer.valueOf(1), plain.eventTimeKeyIndex("ts"));
    Row k = plain.keysOf(event(1, "a", 1.0, "2024-01-15T10:03:00Z"), UTC).get(0);
    assertEquals(ts("2024-01-15T10:03:00Z"), plain.eventTimeOfKey(k, 1));
    Row nullKey = plain.keysOf(event(1, "a", 1.0, null), UTC).get(0);
    assertEquals(Long.MIN_VALUE, plain.eventTimeOfKey(nullKey, 1));
  }

  @Test
  public void emptyGroupByCountsEverything() {
    Aggregation agg = Aggregation.of(EVENTS, e(Collections.emptyList()), es(count("*").as("n")));
    Row out =
        aggregateAll(agg, event(1, "a", 1.0, "2024-01-15T10:03:00Z"), event(2, "b", 1.0, null));
    assertEquals(2L, (long) out.getInt64("n"));
  }

  @Test
  public void aggregationSerializesForBeamDoFns() throws Exception {
    Aggregation agg =
        Aggregation.of(
            EVENTS,
            es(window(col("ts"), "10 minutes", "5 minutes"), upper(col("action")).as("a")),
            es(countDistinct("id").as("d"), avg("value").as("v")));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(agg);
      out.writeObject(Predicate.of(EVENTS, e(col("value").gt(1))));
      out.writeObject(RowOrdering.of(EVENTS, es(col("ts").desc())));
    }
    Aggregation copy;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Aggregation) in.readObject();
      assertTrue(((Predicate) in.readObject()).test(event(1, "a", 2.0, null), UTC));
      assertTrue(in.readObject() instanceof RowOrdering);
    }
    Row r = event(1, "open", 2.0, "2024-01-15T10:07:00Z");
    List<Row> keys = copy.keysOf(r, UTC);
    assertEquals(2, keys.size());
    Row out = copy.result(keys.get(1), copy.add(copy.createAccumulator(), r, UTC));
    assertEquals("OPEN", out.getString("a"));
    assertEquals(1L, (long) out.getInt64("d"));
  }

  @Test
  public void forSelectOutputsExactlyTheSelectItems() {
    SelectStatement q =
        SqlParser.query("SELECT count(*) AS n, action, max(value) FROM events GROUP BY action");
    Aggregation agg = Aggregation.forSelect(EVENTS, e(q.groupBy()), e(q.select()));
    assertEquals(Arrays.asList("n", "action", "max(value)"), agg.outputSchema().getFieldNames());
    assertEquals(Arrays.asList("action"), agg.keySchema().getFieldNames());
    Row out =
        aggregateAll(
            agg,
            event(1, "open", 2.0, "2024-01-15T10:00:00Z"),
            event(2, "open", 6.0, "2024-01-15T10:00:00Z"));
    assertEquals(Arrays.asList(2L, "open", 6.0), out.getValues());
  }

  @Test
  public void forSelectGroupsByPositionAndAlias() {
    SelectStatement byAlias =
        SqlParser.query("SELECT upper(action) AS a, count(*) FROM t GROUP BY a");
    Aggregation agg = Aggregation.forSelect(EVENTS, e(byAlias.groupBy()), e(byAlias.select()));
    assertEquals(Arrays.asList("a", "count(1)"), agg.outputSchema().getFieldNames());
    Row out = aggregateAll(agg, event(1, "open", 2.0, null));
    assertEquals(Arrays.asList("OPEN", 1L), out.getValues());

    SelectStatement byPosition =
        SqlParser.query("SELECT window(ts, '10 minutes') AS w, count(*) AS n FROM t GROUP BY 1");
    Aggregation windowed =
        Aggregation.forSelect(EVENTS, e(byPosition.groupBy()), e(byPosition.select()));
    assertEquals(Arrays.asList("w", "n"), windowed.outputSchema().getFieldNames());
    assertEquals(Integer.valueOf(0), windowed.eventTimeKeyIndex("ts"));

    AnalysisException bad =
        assertThrows(
            AnalysisException.class,
            () ->
                Aggregation.forSelect(
                    EVENTS, es(SqlParser.expression("3")), es(col("action"), count("*"))));
    assertTrue(bad.getMessage(), bad.getMessage().contains("valid range is [1, 2]"));
    assertThrows(
        AnalysisException.class,
        () -> Aggregation.forSelect(EVENTS, es(col("action")), es(col("*"))));
  }

  @Test
  public void forSelectWithoutGroupByIsAGlobalAggregate() {
    SelectStatement q = SqlParser.query("SELECT count(*), sum(id) AS total FROM t");
    Aggregation agg = Aggregation.forSelect(EVENTS, e(q.groupBy()), e(q.select()));
    Row out = aggregateAll(agg, event(1, "a", 1.0, null), event(2, "b", 1.0, null));
    assertEquals(Arrays.asList(2L, 3L), out.getValues());
  }

  @Test
  public void havingUsesAggregatesAndAliases() {
    SelectStatement q =
        SqlParser.query(
            "SELECT action, count(*) AS n FROM t GROUP BY action HAVING n > 1 AND max(value) < 10");
    Aggregation agg =
        Aggregation.forSelect(EVENTS, e(q.groupBy()), e(q.select()), e(q.having().get()));
    assertEquals(Arrays.asList("action", "n"), agg.outputSchema().getFieldNames());
    Row r1 = event(1, "open", 2.0, null);
    Row r2 = event(2, "open", 6.0, null);
    Row key = agg.keysOf(r1, UTC).get(0);
    Row one = agg.add(agg.createAccumulator(), r1, UTC);
    assertFalse(agg.having(key, one, UTC));
    Row two = agg.add(one, r2, UTC);
    assertTrue(agg.having(key, two, UTC));
    assertFalse(agg.having(key, agg.add(two, event(3, "open", 20.0, null), UTC), UTC));
    assertTrue(Aggregation.of(EVENTS, es(col("action")), es(count("*"))).having(key, one, UTC));
    AnalysisException e =
        assertThrows(
            AnalysisException.class,
            () ->
                Aggregation.forSelect(EVENTS, es(col("action")), es(col("action")), e(count("*"))));
    assertTrue(e.getMessage(), e.getMessage().contains("is not a boolean"));
  }
}
