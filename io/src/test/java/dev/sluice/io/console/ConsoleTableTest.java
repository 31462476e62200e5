package dev.sluice.io.console;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link ConsoleTable}, against output written out by hand in Spark's format. */
@RunWith(JUnit4.class)
public class ConsoleTableTest {
  private static final Schema WINDOW =
      Schema.builder()
          .addNullableField("start", SparkTypes.TIMESTAMP)
          .addNullableField("end", SparkTypes.TIMESTAMP)
          .build();
  private static final Schema COUNTS =
      Schema.builder()
          .addField("window", FieldType.row(WINDOW))
          .addNullableField("action", FieldType.STRING)
          .addField("count", FieldType.INT64)
          .build();

  private static Row count(String start, String end, String action, long count) {
    Row window =
        Row.withSchema(WINDOW)
            .addValues(Instant.parse(start + "Z"), Instant.parse(end + "Z"))
            .build();
    return Row.withSchema(COUNTS).addValues(window, action, count).build();
  }

  /** Batch 0 of the mobile seed: file1.json counted by 10-minute window and action. */
  private static final List<Row> MOBILE_BATCH_0 =
      List.of(
          count("2018-03-02T10:00:00", "2018-03-02T10:10:00", "close", 1),
          count("2018-03-02T10:00:00", "2018-03-02T10:10:00", "open", 3));

  @Test
  public void mobileBatchZeroWithTruncateFalseAsTheSeedPrintsIt() {
    assertThat(
        ConsoleTable.of(COUNTS).withTruncate(false).batch(0, MOBILE_BATCH_0),
        is(
            "-------------------------------------------\n"
                + "Batch: 0\n"
                + "-------------------------------------------\n"
                + "+------------------------------------------+------+-----+\n"
                + "|window                                    |action|count|\n"
                + "+------------------------------------------+------+-----+\n"
                + "|{2018-03-02 10:00:00, 2018-03-02 10:10:00}|close |1    |\n"
                + "|{2018-03-02 10:00:00, 2018-03-02 10:10:00}|open  |3    |\n"
                + "+------------------------------------------+------+-----+\n"
                + "\n"));
  }

  @Test
  public void mobileBatchZeroWithDefaultTruncation() {
    assertThat(
        ConsoleTable.of(COUNTS).batch(0, MOBILE_BATCH_0),
        is(
            "-------------------------------------------\n"
                + "Batch: 0\n"
                + "-------------------------------------------\n"
                + "+--------------------+------+-----+\n"
                + "|              window|action|count|\n"
                + "+--------------------+------+-----+\n"
                + "|{2018-03-02 10:00...| close|    1|\n"
                + "|{2018-03-02 10:00...|  open|    3|\n"
                + "+--------------------+------+-----+\n"
                + "\n"));
  }

  @Test
  public void theSeedsShowOfStringTimestampsRightAligns() {
    Schema schema = DdlSchema.parse("action STRING, id STRING, ts STRING");
    List<Row> rows =
        List.of(
            Row.withSchema(schema).addValues("open", "phone1", "2018-03-02T10:02:33").build(),
            Row.withSchema(schema).addValues("close", "phone1", "2018-03-02T10:04:35").build());
    assertThat(
        ConsoleTable.of(schema).show(rows),
        is(
            "+------+------+-------------------+\n"
                + "|action|    id|                 ts|\n"
                + "+------+------+-------------------+\n"
                + "|  open|phone1|2018-03-02T10:02:33|\n"
                + "| close|phone1|2018-03-02T10:04:35|\n"
                + "+------+------+-------------------+\n"));
  }

  @Test
  public void numRowsCutsTheTableAndSaysSo() {
    Schema schema = DdlSchema.parse("n INT");
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      rows.add(Row.withSchema(schema).addValue(i).build());
    }
    assertThat(
        ConsoleTable.of(schema).withNumRows(2).show(rows),
        is("+---+\n|  n|\n+---+\n|  1|\n|  2|\n+---+\nonly showing top 2 rows\n"));
    assertThat(
        ConsoleTable.of(schema).withNumRows(1).show(rows),
        is("+---+\n|  n|\n+---+\n|  1|\n+---+\nonly showing top 1 row\n"));
    assertThat(
        ConsoleTable.of(schema).withNumRows(3).show(rows),
        is("+---+\n|  n|\n+---+\n|  1|\n|  2|\n|  3|\n+---+\n"));
    assertThat(ConsoleTable.of(schema).show(List.of()), is("+---+\n|  n|\n+---+\n+---+\n"));
  }

  @Test
  public void nullsAtAnyDepthPrintAsUpperCaseNull() {
    Schema schema =
        DdlSchema.parse("s STRING, w STRUCT<a: INT, b: INT>, l ARRAY<INT>, m MAP<STRING, INT>");
    Map<String, Integer> map = new LinkedHashMap<>();
    map.put("k", null);
    Row nested =
        Row.withSchema(schema.getField("w").getType().getRowSchema()).addValues(1, null).build();
    Row row = Row.withSchema(schema).addValues(null, nested, Arrays.asList(null, 2), map).build();
    assertThat(
        ConsoleTable.of(schema).show(List.of(row)),
        is(
            "+----+---------+---------+-----------+\n"
                + "|   s|        w|        l|          m|\n"
                + "+----+---------+---------+-----------+\n"
                + "|NULL|{1, NULL}|[NULL, 2]|{k -> NULL}|\n"
                + "+----+---------+---------+-----------+\n"));
  }

  @Test
  public void valuesRenderAsSparkFourRendersThem() {
    Schema schema =
        DdlSchema.parse(
            "d DOUBLE, f FLOAT, big DOUBLE, dec DECIMAL(10,3), b BINARY, day DATE, ts TIMESTAMP,"
                + " ok BOOLEAN, m MAP<STRING, ARRAY<STRING>>");
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("a", List.of("x", "y"));
    map.put("b", List.of());
    Row row =
        Row.withSchema(schema)
            .addValues(
                0.1 + 0.2,
                1.5f,
                1e10,
                new BigDecimal("1.5"),
                new byte[] {0, 10, (byte) 255},
                LocalDate.of(2018, 3, 2),
                Instant.parse("2018-03-02T10:00:00.250Z"),
                true,
                map)
            .build();
    assertThat(
        ConsoleTable.of(schema).withTruncate(false).show(List.of(row)),
        is(
            "+-------------------+---+------+-----+----------+----------+----------------------+----+----------------------+\n"
                + "|d                  |f  |big   |dec  |b         |day       |ts                    |ok  |m                     |\n"
                + "+-------------------+---+------+-----+----------+----------+----------------------+----+----------------------+\n"
                + "|0.30000000000000004|1.5|1.0E10|1.500|[00 0A FF]|2018-03-02|2018-03-02 10:00:00.25|true|{a -> [x, y], b -> []}|\n"
                + "+-------------------+---+------+-----+----------+----------+----------------------+----+----------------------+\n"));
  }

  @Test
  public void timestampsShowInTheTablesZone() {
    Schema schema = DdlSchema.parse("ts TIMESTAMP");
    Row row = Row.withSchema(schema).addValue(Instant.parse("2018-03-02T10:00:00Z")).build();
    assertThat(
        ConsoleTable.of(schema).withZone(ZoneId.of("America/New_York")).show(List.of(row)),
        containsString("|2018-03-02 05:00:00|"));
  }

  @Test
  public void truncationWidthsBelowFourCutWithoutEllipsis() {
    Schema schema = DdlSchema.parse("s STRING");
    List<Row> rows = List.of(Row.withSchema(schema).addValue("abcdefgh").build());
    assertThat(
        ConsoleTable.of(schema).withTruncate(3).show(rows),
        is("+---+\n|  s|\n+---+\n|abc|\n+---+\n"));
    assertThat(
        ConsoleTable.of(schema).withTruncate(5).show(rows),
        is("+-----+\n|    s|\n+-----+\n|ab...|\n+-----+\n"));
  }

  @Test
  public void fullWidthCharactersTakeTwoColumnsAndControlCharactersAreEscaped() {
    Schema schema = DdlSchema.parse("s STRING");
    List<Row> rows =
        List.of(
            Row.withSchema(schema).addValue("日本").build(),
            Row.withSchema(schema).addValue("a\nb").build());
    assertThat(
        ConsoleTable.of(schema).show(rows), is("+----+\n|   s|\n+----+\n|日本|\n|a\\nb|\n+----+\n"));
  }

  @Test
  public void consoleSinkOptions() {
    Schema schema = DdlSchema.parse("s STRING");
    ConsoleTable table =
        ConsoleTable.fromOptions(schema, Map.of("NUMROWS", "5", "truncate", "False", "path", "x"));
    assertThat(table.numRows(), is(5));
    assertThat(table.truncate(), is(0));
    assertThat(ConsoleTable.fromOptions(schema, Map.of()).truncate(), is(20));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> ConsoleTable.fromOptions(schema, Map.of("truncate", "30")))
            .getMessage(),
        containsString("truncate must be true or false"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> ConsoleTable.fromOptions(schema, Map.of("numRows", "many")))
            .getMessage(),
        containsString("numRows must be a whole number"));
    assertThrows(IllegalArgumentException.class, () -> ConsoleTable.of(schema).withNumRows(-1));
    assertThrows(IllegalArgumentException.class, () -> ConsoleTable.of(schema).withTruncate(-1));
  }

  @Test
  public void rowsOfAnotherSchemaAreRejected() {
    Schema one = DdlSchema.parse("a INT");
    Row two = Row.withSchema(DdlSchema.parse("a INT, b INT")).addValues(1, 2).build();
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> ConsoleTable.of(one).show(List.of(two)))
            .getMessage(),
        containsString("has 2 fields but the table's schema has 1"));
  }

  @Test
  public void binaryCellsAreHexBytes() {
    Schema schema = DdlSchema.parse("b BINARY");
    Row row = Row.withSchema(schema).addValue("hi".getBytes(StandardCharsets.UTF_8)).build();
    assertThat(ConsoleTable.of(schema).show(List.of(row)), containsString("|[68 69]|"));
  }

  private static final Schema PEOPLE =
      Schema.builder()
          .addNullableField("age", FieldType.INT64)
          .addNullableField("name", FieldType.STRING)
          .build();

  private static List<Row> people() {
    return List.of(
        Row.withSchema(PEOPLE).addValues(14L, "Tom").build(),
        Row.withSchema(PEOPLE).addValues(23L, "Alice").build(),
        Row.withSchema(PEOPLE).addValues(16L, "Bob").build(),
        Row.withSchema(PEOPLE).addValues(19L, "This is a super long name").build());
  }

  /** Spark's {@code df.show(vertical=True)}: name and value columns padded, a rule per record. */
  @Test
  public void verticalAsSparkShowsIt() {
    assertThat(
        ConsoleTable.of(PEOPLE).withVertical(true).withNumRows(2).show(people()),
        is(
            "-RECORD 0-----\n"
                + " age  | 14    \n"
                + " name | Tom   \n"
                + "-RECORD 1-----\n"
                + " age  | 23    \n"
                + " name | Alice \n"
                + "only showing top 2 rows\n"));
    String all = ConsoleTable.of(PEOPLE).withVertical(true).show(people());
    assertThat(all, containsString("-RECORD 3--------------------\n"));
    assertThat(all, containsString(" name | This is a super l... \n"));
    assertThat(
        ConsoleTable.of(PEOPLE).withVertical(true).withTruncate(false).show(people()),
        containsString(" name | This is a super long name \n"));
    assertThat(ConsoleTable.of(PEOPLE).withVertical(true).show(List.of()), is("(0 rows)\n"));
  }

  @Test
  public void headerNamesReplaceTheSchemasAndMustMatchItsWidth() {
    assertThat(
        ConsoleTable.of(PEOPLE).withHeader(List.of("x", "x")).show(people().subList(0, 1)),
        is("+---+---+\n|  x|  x|\n+---+---+\n| 14|Tom|\n+---+---+\n"));
    assertThrows(
        IllegalArgumentException.class, () -> ConsoleTable.of(PEOPLE).withHeader(List.of("x")));
    ConsoleTable fromOptions =
        ConsoleTable.fromOptions(
            PEOPLE, Map.of(ConsoleTable.HEADER_OPTION, "x" + ConsoleTable.HEADER_SEPARATOR + "x"));
    assertThat(fromOptions.header(), is(List.of("x", "x")));
  }
}
