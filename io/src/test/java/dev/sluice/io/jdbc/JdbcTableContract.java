package dev.sluice.io.jdbc;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/**
 * What {@link JdbcTable} must do on every database: the subclasses run it against an embedded H2
 * and a real PostgreSQL server.
 */
public abstract class JdbcTableContract {
  private static final AtomicInteger TABLES = new AtomicInteger();

  static final Schema PEOPLE =
      DdlSchema.parse(
          "id BIGINT NOT NULL, name STRING, age INT, score DOUBLE, ok BOOLEAN, born DATE,"
              + " seen TIMESTAMP, price DECIMAL(10,2), small SMALLINT, ratio FLOAT, raw BINARY");

  /** The JDBC URL of the database under test. */
  abstract String url();

  /** user/password and other connection options. */
  abstract Map<String, String> connection();

  /** A table name not used before. */
  String newTable() {
    return "t" + TABLES.incrementAndGet() + "_" + getClass().getSimpleName().toLowerCase();
  }

  JdbcOptions options(String table, String... more) {
    Map<String, String> options = new HashMap<>(connection());
    options.put("url", url());
    options.put("dbtable", table);
    for (int i = 0; i < more.length; i += 2) {
      options.put(more[i], more[i + 1]);
    }
    return JdbcOptions.of(options);
  }

  static Row person(long id, String name) {
    return Row.withSchema(PEOPLE)
        .addValues(
            id,
            name,
            (int) id * 10,
            id / 4.0,
            id % 2 == 0,
            LocalDate.of(2024, 5, 1).plusDays(id),
            new org.joda.time.Instant(1_714_550_400_123L + id * 1000),
            new BigDecimal("12.30").add(BigDecimal.valueOf(id)),
            (short) id,
            (float) id / 2,
            new byte[] {(byte) id, 2})
        .build();
  }

  static List<Row> people(int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      rows.add(person(i, i == 3 ? null : "p" + i));
    }
    return rows;
  }

  @Test
  public void createsInsertsAndReadsBackEveryType() {
    JdbcTable table = JdbcTable.of(options(newTable(), "batchsize", "3"));
    assertFalse(table.exists());
    table.create(PEOPLE);
    assertTrue(table.exists());
    List<Row> rows = people(7);
    table.insert(PEOPLE, rows);
    Schema read = table.schema();
    assertThat(read.getFieldNames(), equalTo(PEOPLE.getFieldNames()));
    assertThat(read.getField("id").getType(), equalTo(Schema.FieldType.INT64.withNullable(true)));
    assertThat(
        read.getField("price").getType(), equalTo(SparkTypes.decimal(10, 2).withNullable(true)));
    assertThat(read.getField("seen").getType(), equalTo(SparkTypes.TIMESTAMP.withNullable(true)));
    assertThat(read.getField("born").getType(), equalTo(SparkTypes.DATE.withNullable(true)));
    List<Row> back = table.read(read);
    assertThat(back.size(), equalTo(7));
    for (int i = 0; i < 7; i++) {
      Row want = rows.get(i);
      Row got = back.get(i);
      for (String column :
          List.of("id", "name", "age", "score", "ok", "born", "seen", "price", "small", "ratio")) {
        assertThat(column, got.getValue(column), equalTo(want.getValue(column)));
      }
      assertThat(got.getBytes("raw"), equalTo(want.getBytes("raw")));
    }
  }

  @Test
  public void aFailingRowRollsBackTheWholeWriteAndIsNamed() throws Exception {
    String name = newTable();
    JdbcTable table = JdbcTable.of(options(name, "batchsize", "2"));
    table.create(PEOPLE);
    try (Connection c = table.connect();
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "ALTER TABLE " + name + " ADD CONSTRAINT " + name + "_pk PRIMARY KEY (\"id\")");
    }
    List<Row> rows = people(6);
    rows.set(4, person(2, "again")); // row 5 repeats id 2: fails in the third batch
    JdbcException e = assertThrows(JdbcException.class, () -> table.insert(PEOPLE, rows));
    assertThat(e.getMessage(), containsString("table " + name));
    assertThat(e.getMessage(), containsString("failed at row 5 of 6"));
    assertThat(e.getMessage(), containsString("name=again"));
    assertThat(e.getMessage(), containsString("rolled back"));
    assertThat(table.read(table.schema()), empty());
  }

  @Test
  public void columnsTheTableLacksAreRefusedNamingThem() {
    String name = newTable();
    JdbcTable table = JdbcTable.of(options(name));
    table.create(DdlSchema.parse("id BIGINT, name STRING"));
    Schema other = DdlSchema.parse("id BIGINT, nickname STRING");
    JdbcException e =
        assertThrows(
            JdbcException.class,
            () -> table.insert(other, List.of(Row.withSchema(other).addValues(1L, "x").build())));
    assertThat(e.getMessage(), containsString("Column \"nickname\" not found in table " + name));
    // columns are matched by name, ignoring case and order; the table may have more
    Schema subset = DdlSchema.parse("NAME STRING");
    table.insert(subset, List.of(Row.withSchema(subset).addValues("only").build()));
    List<Row> back = table.read(table.schema());
    assertThat(back.size(), equalTo(1));
    assertThat(back.get(0).getString("name"), equalTo("only"));
  }

  @Test
  public void truncateKeepsTheDefinitionDropRemovesIt() {
    JdbcTable table =
        JdbcTable.of(options(newTable(), "createTableColumnTypes", "name VARCHAR(20)"));
    table.create(PEOPLE);
    table.insert(PEOPLE, people(3));
    table.truncate();
    assertThat(table.read(table.schema()), empty());
    assertTrue(table.exists());
    table.drop();
    assertFalse(table.exists());
  }

  @Test
  public void createTableColumnTypesNamesTheSqlTypes() throws Exception {
    String name = newTable();
    JdbcTable table =
        JdbcTable.of(
            options(name, "createTableColumnTypes", "name VARCHAR(5), `age` NUMERIC(4,0)"));
    table.create(PEOPLE);
    try (Connection c = table.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT \"name\", \"age\" FROM " + name + " WHERE 1=0")) {
      assertThat(r.getMetaData().getPrecision(1), equalTo(5));
      assertThat(r.getMetaData().getPrecision(2), equalTo(4));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                JdbcTable.of(options(newTable(), "createTableColumnTypes", "nope INT"))
                    .create(PEOPLE));
    assertThat(e.getMessage(), containsString("column nope not found"));
  }

  @Test
  public void partitionedReadsCoverEveryRowWithSparksStrides() {
    String name = newTable();
    JdbcTable table = JdbcTable.of(options(name));
    table.create(PEOPLE);
    List<Row> rows = new ArrayList<>(people(20));
    rows.add(
        Row.withSchema(PEOPLE)
            .addValues(100L, null, null, null, null, null, null, null, null, null, null)
            .build());
    table.insert(PEOPLE, rows);
    JdbcTable partitioned =
        JdbcTable.of(
            options(
                name,
                "partitionColumn",
                "age",
                "lowerBound",
                "50",
                "upperBound",
                "150",
                "numPartitions",
                "4"));
    Schema schema = partitioned.schema();
    assertThat(
        partitioned.partitions(schema),
        equalTo(
            List.of(
                "\"age\" < 75 or \"age\" is null",
                "\"age\" >= 75 AND \"age\" < 100",
                "\"age\" >= 100 AND \"age\" < 125",
                "\"age\" >= 125")));
    List<Long> ids = new ArrayList<>();
    for (Row r : partitioned.read(schema)) {
      ids.add(r.getInt64("id"));
    }
    // first partition: ages 10..70 and the null age; then 80, 90; 100..120; 130..200
    assertThat(ids.size(), equalTo(21));
    assertThat(ids.subList(0, 8), equalTo(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 100L)));
    JdbcTable byDate =
        JdbcTable.of(
            options(
                name,
                "partitionColumn",
                "born",
                "lowerBound",
                "2024-05-05",
                "upperBound",
                "2024-05-15",
                "numPartitions",
                "2"));
    assertThat(
        byDate.partitions(schema),
        equalTo(
            List.of("\"born\" < '2024-05-10' or \"born\" is null", "\"born\" >= '2024-05-10'")));
    assertThat(byDate.read(schema).size(), equalTo(21));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                JdbcTable.of(
                        options(
                            name,
                            "partitionColumn",
                            "name",
                            "lowerBound",
                            "1",
                            "upperBound",
                            "2",
                            "numPartitions",
                            "2"))
                    .partitions(schema));
    assertThat(e.getMessage(), containsString("numeric, date, or timestamp, but string found"));
  }

  @Test
  public void aQueryIsReadAsASubquery() {
    String name = newTable();
    JdbcTable table = JdbcTable.of(options(name));
    table.create(PEOPLE);
    table.insert(PEOPLE, people(5));
    Map<String, String> query = new HashMap<>(connection());
    query.put("url", url());
    query.put("query", "SELECT \"id\", \"age\" * 2 AS twice FROM " + name + " WHERE \"id\" > 3");
    JdbcTable q = JdbcTable.of(JdbcOptions.of(query));
    Schema schema = q.schema();
    assertThat(schema.getFieldNames().get(0), equalTo("id"));
    List<Row> rows = q.read(schema);
    assertThat(rows.size(), equalTo(2));
    assertThat(((Number) rows.get(1).getValue(1)).longValue(), equalTo(100L));
  }

  @Test
  public void aMissingTableIsNamedWhenRead() {
    JdbcTable table = JdbcTable.of(options("no_such_table"));
    JdbcException e = assertThrows(JdbcException.class, table::schema);
    assertThat(e.getMessage(), containsString("table no_such_table"));
  }
}
