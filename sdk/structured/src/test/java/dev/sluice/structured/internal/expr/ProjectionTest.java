package dev.sluice.structured.internal.expr;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.count;
import static dev.sluice.structured.Functions.explode;
import static dev.sluice.structured.Functions.explode_outer;
import static dev.sluice.structured.Functions.lit;
import static dev.sluice.structured.Functions.split;
import static dev.sluice.structured.Functions.to_timestamp;
import static dev.sluice.structured.Functions.upper;
import static dev.sluice.structured.Functions.window;
import static dev.sluice.structured.internal.expr.Fixtures.EVENTS;
import static dev.sluice.structured.internal.expr.Fixtures.UTC;
import static dev.sluice.structured.internal.expr.Fixtures.e;
import static dev.sluice.structured.internal.expr.Fixtures.es;
import static dev.sluice.structured.internal.expr.Fixtures.event;
import static dev.sluice.structured.internal.expr.Fixtures.instant;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.Column;
import dev.sluice.structured.internal.sql.SqlParser;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

public class ProjectionTest {
  private static final Schema LINES = DdlSchema.parse("value STRING, timestamp TIMESTAMP");

  private static Row line(String value, String ts) {
    return Row.withSchema(LINES).addValues(value, ts == null ? null : instant(ts)).build();
  }

  @Test
  public void selectNamesAndTypesColumnsLikeSpark() {
    Projection p =
        Projection.of(
            EVENTS,
            es(
                col("id"),
                upper(col("action")),
                col("value").multiply(2).as("value_doubled"),
                lit(1)));
    assertEquals(
        "struct<id:int,upper(action):string,value_doubled:double,1:int>",
        SparkTypes.simpleString(p.outputSchema()));
    List<Row> out = p.apply(event(1, "open", 50.0, "2024-01-15T10:00:00Z"), UTC);
    assertEquals(1, out.size());
    assertEquals(Arrays.asList(1, "OPEN", 100.0, 1), out.get(0).getValues());
  }

  @Test
  public void castOfAColumnKeepsItsNameLikeSpark() {
    Projection p =
        Projection.of(
            LINES,
            es(
                SqlParser.expression("CAST(value AS STRING)"),
                col("value").cast("int").plus(1),
                col("timestamp").cast("string").as("t")));
    assertEquals(
        Arrays.asList("value", "(CAST(value AS INT) + 1)", "t"), p.outputSchema().getFieldNames());
  }

  @Test
  public void starExpandsToAllColumnsAndStructFields() {
    Projection all = Projection.of(EVENTS, es(col("*"), col("id").as("id2")));
    assertEquals(EVENTS.getFieldCount() + 1, all.outputSchema().getFieldCount());
    Projection windows =
        Projection.of(EVENTS, e(Collections.singletonList(window(col("ts"), "10 minutes"))));
    Projection fields =
        Projection.of(windows.outputSchema(), e(Collections.singletonList(col("window.*"))));
    assertEquals(Arrays.asList("start", "end"), fields.outputSchema().getFieldNames());
    Row w = windows.apply(event(1, "open", 1.0, "2024-01-15T10:07:00Z"), UTC).get(0);
    assertEquals(
        Arrays.asList(instant("2024-01-15T10:00:00Z"), instant("2024-01-15T10:10:00Z")),
        fields.apply(w, UTC).get(0).getValues());
  }

  @Test
  public void splitAndExplodeGiveOneRowPerWord() {
    Projection words =
        Projection.of(LINES, es(explode(split(col("value"), " ")).as("word"), col("timestamp")));
    assertEquals(
        "struct<word:string,timestamp:timestamp>", SparkTypes.simpleString(words.outputSchema()));
    List<Row> out = words.apply(line("spark hadoop kafka", "2024-01-15T10:00:00Z"), UTC);
    assertEquals(3, out.size());
    assertEquals("spark", out.get(0).getString("word"));
    assertEquals("kafka", out.get(2).getString("word"));
    assertEquals(instant("2024-01-15T10:00:00Z"), out.get(2).getDateTime("timestamp"));
    assertEquals(0, words.apply(line(null, null), UTC).size());
  }

  @Test
  public void explodeWithoutAliasIsNamedCol() {
    Projection p = Projection.of(EVENTS, e(Collections.singletonList(explode(col("tags")))));
    assertEquals(Collections.singletonList("col"), p.outputSchema().getFieldNames());
    Row empty = event(1, "a", 1.0, null, 1L, Collections.emptyList(), null);
    assertEquals(0, p.apply(empty, UTC).size());
    Projection outer =
        Projection.of(EVENTS, e(Collections.singletonList(explode_outer(col("tags")))));
    List<Row> kept = outer.apply(empty, UTC);
    assertEquals(1, kept.size());
    assertEquals(null, kept.get(0).getValue(0));
  }

  @Test
  public void explodeOfAMapGivesKeyAndValue() {
    Schema schema = DdlSchema.parse("m MAP<STRING, INT>");
    Row r = Row.withSchema(schema).addValue(Collections.singletonMap("a", 1)).build();
    Projection p = Projection.of(schema, e(Collections.singletonList(explode(col("m")))));
    assertEquals(Arrays.asList("key", "value"), p.outputSchema().getFieldNames());
    assertEquals(Arrays.asList("a", 1), p.apply(r, UTC).get(0).getValues());
  }

  @Test
  public void onlyOneGeneratorAndNoNestedGenerator() {
    assertThrows(
        AnalysisException.class,
        () -> Projection.of(EVENTS, es(explode(col("tags")), explode(col("tags")))));
    AnalysisException e =
        assertThrows(
            AnalysisException.class,
            () -> Projection.of(EVENTS, e(Collections.singletonList(upper(explode(col("tags")))))));
    assertTrue(e.getMessage(), e.getMessage().contains("nested"));
  }

  @Test
  public void slidingWindowGivesOneRowPerWindowAlignedLikeSpark() {
    Projection p =
        Projection.of(EVENTS, es(window(col("ts"), "10 minutes", "5 minutes"), col("action")));
    List<Row> out = p.apply(event(1, "open", 1.0, "2024-01-15T10:07:00Z"), UTC);
    assertEquals(2, out.size());
    assertEquals(instant("2024-01-15T10:00:00Z"), out.get(0).getRow("window").getDateTime("start"));
    assertEquals(instant("2024-01-15T10:10:00Z"), out.get(0).getRow("window").getDateTime("end"));
    assertEquals(instant("2024-01-15T10:05:00Z"), out.get(1).getRow("window").getDateTime("start"));
    assertEquals(instant("2024-01-15T10:15:00Z"), out.get(1).getRow("window").getDateTime("end"));
    assertEquals("open", out.get(1).getString("action"));
    assertEquals(0, p.apply(event(1, "open", 1.0, null), UTC).size());
  }

  @Test
  public void windowOverAStringColumnCastsIt() {
    Projection p =
        Projection.of(
            EVENTS, e(Collections.singletonList(window(to_timestamp(col("s")), "1 hour").as("w"))));
    assertEquals(Collections.singletonList("w"), p.outputSchema().getFieldNames());
    AnalysisException e =
        assertThrows(
            AnalysisException.class,
            () -> Projection.of(EVENTS, e(Collections.singletonList(window(col("id"), "1 hour")))));
    assertTrue(e.getMessage(), e.getMessage().contains("must be a timestamp"));
  }

  @Test
  public void withColumnReplacesInPlaceOrAppends() {
    Projection replaced = Projection.withColumn(EVENTS, "VALUE", e(col("value").plus(1)));
    assertEquals(EVENTS.getFieldNames().size(), replaced.outputSchema().getFieldCount());
    assertEquals("VALUE", replaced.outputSchema().getField(2).getName());
    Row out = replaced.apply(event(1, "open", 1.0, "2024-01-15T10:00:00Z"), UTC).get(0);
    assertEquals(2.0, out.getDouble("VALUE"), 0);
    Projection appended = Projection.withColumn(EVENTS, "event_time", e(to_timestamp(col("s"))));
    assertEquals("event_time", appended.outputSchema().getField(EVENTS.getFieldCount()).getName());
    assertEquals(
        "timestamp",
        SparkTypes.simpleString(
            appended.outputSchema().getField(EVENTS.getFieldCount()).getType()));
  }

  @Test
  public void withColumnRenamedAndDrop() {
    Projection renamed = Projection.withColumnRenamed(EVENTS, "action", "kind");
    assertEquals("kind", renamed.outputSchema().getField(1).getName());
    Projection same = Projection.withColumnRenamed(EVENTS, "nothing", "x");
    assertEquals(EVENTS.getFieldNames(), same.outputSchema().getFieldNames());
    Projection dropped = Projection.drop(EVENTS, "ACTION", "missing", "tags");
    assertEquals(
        Arrays.asList("id", "value", "ts", "n", "s"), dropped.outputSchema().getFieldNames());
  }

  @Test
  public void aggregatesAreRejected() {
    assertThrows(
        AnalysisException.class,
        () -> Projection.of(EVENTS, e(Collections.singletonList(count("*")))));
  }

  @Test
  public void repeatedNamesAreKeptForTheUserAndMadeUniqueInTheRows() {
    // Spark allows select(col("id"), col("n").as("id")): two columns named id
    Projection p = Projection.of(EVENTS, es(col("id"), col("n").as("id"), col("ID")));
    assertEquals(Arrays.asList("id", "id", "id"), p.names());
    assertEquals(Arrays.asList("id", "id#1", "id#2"), p.outputSchema().getFieldNames());
    assertEquals(0, p.source(0));
    assertEquals(-1, p.source(1));
    assertEquals(0, p.source(2));
  }

  @Test
  public void projectionIsSerializable() throws Exception {
    Projection p =
        Projection.of(
            LINES, e(Collections.<Column>singletonList(explode(split(col("value"), " ")))));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(p);
    }
    Projection copy;
    try (java.io.ObjectInputStream in =
        new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Projection) in.readObject();
    }
    assertEquals(2, copy.apply(line("a b", null), UTC).size());
  }

  @Test
  public void selectExprWithExplodeAndStar() {
    Projection words =
        Projection.of(LINES, e(SqlParser.selectList("explode(split(value, ' ')) AS word", "*")));
    assertEquals(Arrays.asList("word", "value", "timestamp"), words.outputSchema().getFieldNames());
    assertEquals(2, words.apply(line("a b", null), UTC).size());
    AnalysisException nested =
        assertThrows(
            AnalysisException.class,
            () ->
                Projection.of(
                    EVENTS,
                    e(SqlParser.selectList("window(ts, '10 minutes', '5 minutes').start AS s"))));
    assertTrue(nested.getMessage(), nested.getMessage().contains("sliding window"));
  }
}
