package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.expr;
import static dev.sluice.structured.Functions.to_timestamp;
import static dev.sluice.structured.testing.StreamTest.row;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.internal.exec.QueryCompiler;
import dev.sluice.structured.internal.plan.Join;
import dev.sluice.structured.internal.state.JoinTimeBounds;
import dev.sluice.structured.testing.StreamTest;
import dev.sluice.structured.types.DataTypes;
import dev.sluice.structured.types.StructType;
import java.util.List;
import java.util.stream.Collectors;
import org.joda.time.Instant;
import org.junit.Before;
import org.junit.Test;

/**
 * {@code alias}/{@code as}, qualified column names and {@code df.col} in joins whose sides share
 * column names, with Spark's ambiguity errors: static, stream–static and stream–stream.
 */
public class AliasJoinTest {
  private StreamingSession session;

  @Before
  public void setUp() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
  }

  private static Instant t(String hhmm) {
    return Instant.parse("2024-01-15T" + hhmm + ":00Z");
  }

  private DataFrame users() {
    return session.createDataFrame(
        List.of(RowFactory.create("a", "Alice"), RowFactory.create("b", "Bob")),
        new StructType().add("id", DataTypes.StringType).add("name", DataTypes.StringType));
  }

  private DataFrame visits() {
    return session.createDataFrame(
        List.of(RowFactory.create("a", 3), RowFactory.create("b", 5), RowFactory.create("c", 1)),
        new StructType().add("id", DataTypes.StringType).add("n", DataTypes.IntegerType));
  }

  private static List<String> values(DataFrame df) {
    return df.collectAsList().stream()
        .map(r -> r.getValues().toString())
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  public void staticJoinKeepsBothColumnsOfAName() {
    DataFrame v = visits();
    DataFrame u = users();
    DataFrame joined = v.join(u, v.col("id").equalTo(u.col("id")));
    assertThat(joined.columns(), equalTo(new String[] {"id", "n", "id", "name"}));
    assertThat(
        joined.schema().simpleString(), equalTo("struct<id:string,n:int,id:string,name:string>"));
    assertThat(
        joined.showString(20, false),
        equalTo(
            "+---+---+---+-----+\n"
                + "|id |n  |id |name |\n"
                + "+---+---+---+-----+\n"
                + "|a  |3  |a  |Alice|\n"
                + "|b  |5  |b  |Bob  |\n"
                + "+---+---+---+-----+\n"));
    // df.col names its own frame's column: the right side's id
    assertThat(
        values(joined.select(u.col("id"), col("name"))),
        equalTo(List.of("[a, Alice]", "[b, Bob]")));
    assertThat(values(joined.drop(u.col("id"))), equalTo(List.of("[a, 3, Alice]", "[b, 5, Bob]")));
    assertThat(joined.drop(u.col("id")).columns(), equalTo(new String[] {"id", "n", "name"}));
    assertThat(joined.drop("id").columns(), equalTo(new String[] {"n", "name"}));
    // select("*") and a select of both keep the names as Spark shows them
    assertThat(joined.select(col("*")).columns(), equalTo(joined.columns()));
    assertThat(
        joined.select(v.col("id"), u.col("id")).columns(), equalTo(new String[] {"id", "id"}));
  }

  @Test
  public void unqualifiedDuplicateIsAmbiguousAsSpark() {
    DataFrame joined = visits().alias("v").join(users().alias("u"), expr("v.id = u.id"));
    AnalysisException e = assertThrows(AnalysisException.class, () -> joined.select(col("id")));
    assertThat(
        e.getMessage(),
        containsString(
            "[AMBIGUOUS_REFERENCE] Reference `id` is ambiguous, could be: [`v`.`id`, `u`.`id`]."));
    assertThrows(AnalysisException.class, () -> joined.filter("id = 'a'"));
    assertThrows(AnalysisException.class, () -> joined.col("id"));
    assertThrows(AnalysisException.class, () -> joined.groupBy("id").count());
    AnalysisException unnamed =
        assertThrows(
            AnalysisException.class, () -> visits().join(users(), expr("visits.id = users.id")));
    assertThat(unnamed.getMessage(), containsString("no frame is named `visits`"));
    assertThat(unnamed.getMessage(), containsString("alias(\"visits\")"));
    AnalysisException wrongColumn =
        assertThrows(AnalysisException.class, () -> joined.select(col("u.n")));
    assertThat(
        wrongColumn.getMessage(),
        containsString("the frame aliased `u` has the columns [`u`.`id`, `u`.`name`]"));
  }

  @Test
  public void qualifiedNamesAndAliasesOnStaticFrames() {
    DataFrame joined =
        visits().as("v").join(users().as("u"), col("v.id").equalTo(col("u.id")), "left");
    assertThat(
        values(joined.select(col("v.id"), col("u.id").as("user"), col("name"), col("v.n"))),
        equalTo(List.of("[a, a, Alice, 3]", "[b, b, Bob, 5]", "[c, null, null, 1]")));
    assertThat(
        values(joined.select(col("u.*"))),
        equalTo(List.of("[a, Alice]", "[b, Bob]", "[null, null]")));
    assertThat(values(joined.filter("u.id IS NULL").select("v.id")), equalTo(List.of("[c]")));
    assertThat(
        values(joined.groupBy(col("v.id")).count().orderBy("id")),
        equalTo(List.of("[a, 1]", "[b, 1]", "[c, 1]")));
    // a self-join needs aliases; df.col cannot tell the sides apart
    DataFrame v = visits();
    AnalysisException self =
        assertThrows(AnalysisException.class, () -> v.join(v, v.col("id").equalTo(v.col("id"))));
    assertThat(self.getMessage(), containsString("both sides of the join come from the same"));
    DataFrame pairs =
        v.alias("x").join(v.alias("y"), expr("x.n < y.n")).select(col("x.id"), col("y.id"));
    assertThat(values(pairs), equalTo(List.of("[a, b]", "[c, a]", "[c, b]")));
    IllegalArgumentException badAlias =
        assertThrows(IllegalArgumentException.class, () -> v.alias("a.b"));
    assertThat(badAlias.getMessage(), containsString("without dots"));
  }

  @Test
  public void usingJoinKeepsOtherRepeatedNames() {
    DataFrame left = visits().withColumn("name", col("id"));
    DataFrame joined = left.join(users(), List.of("id"), "inner");
    assertThat(joined.columns(), equalTo(new String[] {"id", "n", "name", "name"}));
    assertThat(values(joined), equalTo(List.of("[a, 3, a, Alice]", "[b, 5, b, Bob]")));
  }

  @Test
  public void streamStaticJoinWithQualifiedNames() {
    MemoryStream in = MemoryStream.of(DdlSchema.parse("id STRING, ts TIMESTAMP"));
    DataFrame events = session.readStream().memory(in);
    DataFrame users = users();
    DataFrame joined =
        events
            .alias("e")
            .join(users.alias("u"), expr("e.id = u.id"))
            .select(col("e.id"), col("u.name"), col("ts"));
    StreamTest.of(joined, OutputMode.Append())
        .addData(in, row("a", t("10:00")), row("z", t("10:01")))
        .checkNewAnswer(row("a", "Alice", t("10:00")))
        .stop();
    DataFrame byCol =
        events.join(users, events.col("id").equalTo(users.col("id"))).drop(users.col("id"));
    assertThat(byCol.columns(), equalTo(new String[] {"id", "ts", "name"}));
    StreamTest.of(byCol, OutputMode.Append())
        .addData(in, row("b", t("10:02")))
        // a new query reads the memory stream from its start
        .checkNewAnswer(row("a", t("10:00"), "Alice"), row("b", t("10:02"), "Bob"))
        .stop();
  }

  /** Seed 001's stream-stream join, ported as written (the frames named with alias). */
  @Test
  public void seed001StreamStreamJoinOnQualifiedEventTimes() {
    StructType eventSchema =
        new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("name", DataTypes.StringType, true)
            .add("value", DataTypes.DoubleType, true)
            .add("timestamp", DataTypes.StringType, true);
    MemoryStream data1 =
        MemoryStream.of(dev.sluice.structured.internal.types.BeamTypes.toBeam(eventSchema));
    MemoryStream data2 =
        MemoryStream.of(dev.sluice.structured.internal.types.BeamTypes.toBeam(eventSchema));
    DataFrame stream1 = session.readStream().memory(data1);
    DataFrame stream2 = session.readStream().memory(data2);

    DataFrame stream1Wm =
        stream1
            .withColumn("event_time", to_timestamp(col("timestamp")))
            .withWatermark("event_time", "10 minutes")
            .alias("stream1_wm");
    DataFrame stream2Wm =
        stream2
            .withColumn("event_time", to_timestamp(col("timestamp")))
            .withWatermark("event_time", "10 minutes")
            .select(col("id").alias("id2"), col("value").alias("value2"), col("event_time"))
            .alias("stream2_wm");
    DataFrame joined =
        stream1Wm.join(
            stream2Wm,
            expr(
                "\n        id = id2 AND\n"
                    + "        stream1_wm.event_time >= stream2_wm.event_time - interval 5 minutes"
                    + " AND\n"
                    + "        stream1_wm.event_time <= stream2_wm.event_time + interval 5 minutes\n"
                    + "    "),
            "inner");
    assertThat(
        joined.columns(),
        equalTo(
            new String[] {
              "id", "name", "value", "timestamp", "event_time", "id2", "value2", "event_time"
            }));
    // the time range between the two event times is read from the qualified condition
    JoinTimeBounds bounds = QueryCompiler.joinBounds((Join) joined.plan());
    assertThat(bounds.lower(), equalTo(-300_000L));
    assertThat(bounds.upper(), equalTo(300_000L));
    AnalysisException ambiguous =
        assertThrows(AnalysisException.class, () -> joined.select(col("event_time")));
    assertThat(ambiguous.getMessage(), containsString("Reference `event_time` is ambiguous"));
    AnalysisException files =
        assertThrows(
            AnalysisException.class,
            () -> joined.writeStream().format("parquet").start("/nonexistent/out"));
    assertThat(
        files.getMessage(),
        containsString("[COLUMN_ALREADY_EXISTS] The column `event_time` already exists."));

    StreamTest.of(joined, OutputMode.Append())
        .addData(
            data1,
            row(1, "Event_1", 100.0, "2024-01-15 10:00:00"),
            row(2, "Event_2", 200.0, "2024-01-15 10:01:00"))
        .addData(
            data2,
            row(1, "Event_1", 110.0, "2024-01-15 10:03:00"),
            row(2, "Event_2", 220.0, "2024-01-15 10:20:00"))
        .checkNewAnswer(
            row(1, "Event_1", 100.0, "2024-01-15 10:00:00", t("10:00"), 1, 110.0, t("10:03")))
        .stop();

    DataFrame selected =
        joined.select(
            col("stream1_wm.id"),
            col("stream1_wm.event_time"),
            col("stream2_wm.event_time").as("event_time2"),
            col("value2"));
    assertThat(
        selected.columns(), equalTo(new String[] {"id", "event_time", "event_time2", "value2"}));
    StreamTest.of(selected, OutputMode.Append())
        .addData(data1, row(3, "Event_3", 300.0, "2024-01-15 10:30:00"))
        .addData(data2, row(3, "Event_3", 330.0, "2024-01-15 10:26:00"))
        .checkNewAnswer(row(3, t("10:30"), t("10:26"), 330.0))
        .stop();
  }

  @Test
  public void consoleShowsAJoinsRepeatedNames() {
    MemoryStream left = MemoryStream.of(DdlSchema.parse("id STRING, ts TIMESTAMP"));
    DataFrame events = session.readStream().memory(left);
    DataFrame users = users();
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    StreamingQuery q =
        events
            .join(users, events.col("id").equalTo(users.col("id")))
            .writeStream()
            .format("console")
            .option("truncate", false)
            .printTo(
                new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8))
            .start();
    try {
      left.addData(
          List.of(
              org.apache.beam.sdk.values.Row.withSchema(left.schema())
                  .addValues("a", t("10:00"))
                  .build()));
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    assertThat(
        captured.toString(java.nio.charset.StandardCharsets.UTF_8),
        containsString(
            "+---+-------------------+---+-----+\n"
                + "|id |ts                 |id |name |\n"
                + "+---+-------------------+---+-----+\n"
                + "|a  |2024-01-15 10:00:00|a  |Alice|\n"));
  }
}
