package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.lit;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.jdbc.JdbcException;
import dev.sluice.io.schema.DdlSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * df.write().jdbc and session.read().jdbc on a real database (the subclasses: H2, PostgreSQL): save
 * modes, partitioned reads, a constraint violation, stream–static joins and the foreachBatch recipe
 * for streams.
 */
public abstract class JdbcContract {
  private static final AtomicInteger TABLES = new AtomicInteger();
  static final Schema COUNTS = DdlSchema.parse("action STRING, n BIGINT");

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  StreamingSession session;

  abstract String url();

  abstract Properties properties();

  @Before
  public void setUp() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
  }

  String newTable() {
    return "c" + TABLES.incrementAndGet() + "_" + getClass().getSimpleName().toLowerCase();
  }

  DataFrame counts(Object... pairs) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      rows.add(
          Row.withSchema(COUNTS).addValues(pairs[i], ((Number) pairs[i + 1]).longValue()).build());
    }
    return session.createDataFrame(rows, COUNTS);
  }

  static List<String> sorted(DataFrame df) {
    return df.collectAsList().stream()
        .map(r -> r.getValues().toString())
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  public void writeCreatesTheTableAndSaveModesFollowSpark() {
    String table = newTable();
    counts("open", 3, "close", 1).write().jdbc(url(), table, properties());
    DataFrame back = session.read().jdbc(url(), table, properties());
    assertThat(back.toString(), equalTo("[action: string, n: bigint]"));
    assertThat(sorted(back), equalTo(List.of("[close, 1]", "[open, 3]")));
    AnalysisException exists =
        assertThrows(
            AnalysisException.class, () -> counts("x", 1).write().jdbc(url(), table, properties()));
    assertThat(exists.getMessage(), containsString("Table or view '" + table + "' already exists"));
    counts("x", 1).write().mode("ignore").jdbc(url(), table, properties());
    counts("swipe", 2).write().mode(SaveMode.Append).jdbc(url(), table, properties());
    assertThat(back.count(), equalTo(3L)); // the frame reads the table again at each action
    session
        .createDataFrame(
            List.of(Row.withSchema(DdlSchema.parse("other INT")).addValue(9).build()), "other INT")
        .write()
        .mode("overwrite")
        .jdbc(url(), table, properties());
    assertThat(session.read().jdbc(url(), table, properties()).toString(), equalTo("[other: int]"));
  }

  @Test
  public void overwriteWithTruncateKeepsTheTableDefinition() {
    String table = newTable();
    counts("open", 3)
        .write()
        .option("createTableColumnTypes", "action VARCHAR(8)")
        .jdbc(url(), table, properties());
    counts("close", 5)
        .write()
        .mode("overwrite")
        .option("truncate", "true")
        .jdbc(url(), table, properties());
    assertThat(
        sorted(session.read().jdbc(url(), table, properties())), equalTo(List.of("[close, 5]")));
    // VARCHAR(8) kept: a longer value is refused by the database, nothing written
    JdbcException tooLong =
        assertThrows(
            JdbcException.class,
            () ->
                counts("ok", 1, "much-too-long", 2)
                    .write()
                    .mode("append")
                    .jdbc(url(), table, properties()));
    assertThat(tooLong.getMessage(), containsString("failed at row 2 of 2"));
    assertThat(tooLong.getMessage(), containsString("action=much-too-long"));
    assertThat(
        sorted(session.read().jdbc(url(), table, properties())), equalTo(List.of("[close, 5]")));
  }

  @Test
  public void aConstraintViolationMidBatchRollsBackAndNamesTheRow() throws Exception {
    String table = newTable();
    try (Connection c = DriverManager.getConnection(url(), properties());
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "CREATE TABLE " + table + " (\"action\" VARCHAR(20) PRIMARY KEY, \"n\" BIGINT)");
    }
    counts("open", 1).write().mode("append").jdbc(url(), table, properties());
    JdbcException e =
        assertThrows(
            JdbcException.class,
            () ->
                counts("a", 1, "b", 2, "open", 3, "c", 4)
                    .write()
                    .mode("append")
                    .option("batchsize", "2")
                    .jdbc(url(), table, properties()));
    assertThat(e.getMessage(), containsString("table " + table));
    assertThat(e.getMessage(), containsString("row 3 of 4 (action=open, n=3)"));
    assertThat(e.getMessage(), containsString("rolled back"));
    assertThat(
        sorted(session.read().jdbc(url(), table, properties())), equalTo(List.of("[open, 1]")));
  }

  @Test
  public void partitionedAndQueryReads() {
    String table = newTable();
    List<Object> pairs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      pairs.add("a" + i);
      pairs.add(i);
    }
    counts(pairs.toArray()).write().jdbc(url(), table, properties());
    DataFrame partitioned = session.read().jdbc(url(), table, "n", 5, 25, 4, properties());
    assertThat(partitioned.count(), equalTo(30L));
    DataFrame byPredicates =
        session.read().jdbc(url(), table, new String[] {"\"n\" < 10", "\"n\" >= 10"}, properties());
    assertThat(byPredicates.count(), equalTo(30L));
    DataFrame query =
        session
            .read()
            .format("jdbc")
            .option("url", url())
            .option("query", "SELECT \"action\" FROM " + table + " WHERE \"n\" >= 28")
            .options(toMap(properties()))
            .load();
    assertThat(sorted(query), equalTo(List.of("[a28]", "[a29]")));
    AnalysisException schema =
        assertThrows(
            AnalysisException.class,
            () -> session.read().schema("a INT").jdbc(url(), table, properties()));
    assertThat(
        schema.getMessage(), containsString("User specified schema not supported with `jdbc`"));
  }

  static java.util.Map<String, String> toMap(Properties p) {
    java.util.Map<String, String> m = new java.util.HashMap<>();
    p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
    return m;
  }

  @Test
  public void streamsAreRefusedWithTheRecipeWhichWorks() throws Exception {
    String table = newTable();
    String names = newTable();
    counts("open", 1, "close", 2)
        .withColumnRenamed("n", "code")
        .write()
        .jdbc(url(), names, properties());
    Path in = tmp.newFolder("in").toPath();
    Files.writeString(
        in.resolve("1.json"),
        "{\"action\": \"open\"}\n{\"action\": \"open\"}\n{\"action\": \"close\"}\n{\"action\": \"crash\"}\n",
        StandardCharsets.UTF_8);
    DataFrame events = session.readStream().schema("action STRING").json(in.toString());
    UnsupportedOperationException refused =
        assertThrows(
            UnsupportedOperationException.class,
            () -> events.writeStream().format("jdbc").start("jdbc:mysql//..."));
    assertThat(
        refused.getMessage(), containsString("Data source jdbc does not support streamed writing"));
    assertThat(refused.getMessage(), containsString("foreachBatch"));
    DataFrame codes = session.read().jdbc(url(), names, properties());
    String url = url();
    Properties props = properties();
    StreamingQuery q =
        events
            .join(codes, "action")
            .groupBy(col("action"), col("code"))
            .count()
            .writeStream()
            .outputMode("update")
            .trigger(Trigger.AvailableNow())
            .foreachBatch(
                (batch, batchId) -> {
                  DataFrame out = batch.withColumn("batch_id", lit(batchId));
                  out.limit(0).write().mode("ignore").jdbc(url, table, props);
                  StreamingSession s = StreamingSession.active();
                  boolean written =
                      s.read()
                              .jdbc(url, table, props)
                              .filter(col("batch_id").equalTo(lit(batchId)))
                              .count()
                          > 0;
                  if (!written) {
                    out.write().mode("append").jdbc(url, table, props);
                  }
                })
            .start();
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(q.exception(), equalTo(java.util.Optional.empty()));
    assertThat(
        sorted(session.read().jdbc(url(), table, properties())),
        equalTo(List.of("[close, 2, 1, 0]", "[open, 1, 2, 0]")));
  }
}
