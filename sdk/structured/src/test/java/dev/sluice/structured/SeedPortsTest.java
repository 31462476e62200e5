package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.concat;
import static dev.sluice.structured.Functions.count;
import static dev.sluice.structured.Functions.countDistinct;
import static dev.sluice.structured.Functions.date_format;
import static dev.sluice.structured.Functions.expr;
import static dev.sluice.structured.Functions.lag;
import static dev.sluice.structured.Functions.lit;
import static dev.sluice.structured.Functions.row_number;
import static dev.sluice.structured.Functions.sum;
import static dev.sluice.structured.Functions.to_timestamp;
import static dev.sluice.structured.Functions.unix_timestamp;
import static dev.sluice.structured.Functions.window;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.sluice.structured.types.DataTypes;
import dev.sluice.structured.types.Metadata;
import dev.sluice.structured.types.StructField;
import dev.sluice.structured.types.StructType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.values.Row;
import org.junit.After;
import org.junit.Test;

/**
 * Seeds 000 and 001 ported line by line wherever they use {@code StructType} schemas, {@code
 * show(..)}, {@code alias} and qualified names, window functions, {@code version} or {@code
 * setLogLevel}. Each test names the seed snippet it ports; comments quote the PySpark line where
 * the Java differs in more than syntax.
 */
public class SeedPortsTest {
  // (the seed's spark.sql.streaming.checkpointLocation is left out: the session is shared by the
  // module's tests, and the queries here give their own checkpoint locations where they need one)
  private final StreamingSession spark =
      StreamingSession.builder().appName("StreamingConcepts").getOrCreate();

  @After
  public void restoreLogLevel() {
    spark.setLogLevel("WARN"); // the tests' level
  }

  private static Path tempDir(String name) {
    try {
      return Files.createTempDirectory("seedports-" + name);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String printed(Runnable r) {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(saved);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  // ---- seed 000: Spark Streaming Concepts -------------------------------------------------

  /** Seed 000: {@code print(f"Spark version: {spark.version}")}. */
  @Test
  public void seed000SparkVersion() {
    assertThat("Spark version: " + spark.version(), equalTo("Spark version: 4.0.1"));
  }

  /** Seed 000, "3. Structured Streaming": a StructType schema, createDataFrame, show(). */
  private DataFrame seed000Frame() {
    // streaming_data = [{"event_id": 1, "user_id": "alice", ...}, ...]
    List<Row> streamingData =
        List.of(
            RowFactory.create(1, "alice", "login", "2023-01-01 10:00:00"),
            RowFactory.create(2, "bob", "view", "2023-01-01 10:01:00"),
            RowFactory.create(3, "alice", "purchase", "2023-01-01 10:02:00"),
            RowFactory.create(4, "charlie", "login", "2023-01-01 10:03:00"));
    StructType schema =
        new StructType(
            new StructField[] {
              new StructField("event_id", DataTypes.IntegerType, true, Metadata.empty()),
              new StructField("user_id", DataTypes.StringType, true, Metadata.empty()),
              new StructField("action", DataTypes.StringType, true, Metadata.empty()),
              new StructField("timestamp", DataTypes.StringType, true, Metadata.empty())
            });
    DataFrame df = spark.createDataFrame(streamingData, schema);
    return df.withColumn("timestamp", to_timestamp(col("timestamp")));
  }

  @Test
  public void seed000StructuredDataShow() {
    DataFrame df = seed000Frame();
    assertThat(
        printed(df::show),
        is(
            "+--------+-------+--------+-------------------+\n"
                + "|event_id|user_id|  action|          timestamp|\n"
                + "+--------+-------+--------+-------------------+\n"
                + "|       1|  alice|   login|2023-01-01 10:00:00|\n"
                + "|       2|    bob|    view|2023-01-01 10:01:00|\n"
                + "|       3|  alice|purchase|2023-01-01 10:02:00|\n"
                + "|       4|charlie|   login|2023-01-01 10:03:00|\n"
                + "+--------+-------+--------+-------------------+\n"
                + "\n"));
  }

  /** Seed 000, "Windowing Operations": {@code windowed_stats.show(truncate=False)}. */
  @Test
  public void seed000WindowedStatsShowTruncateFalse() {
    DataFrame df = seed000Frame();
    DataFrame windowedStats =
        df.withWatermark("timestamp", "10 minutes")
            .groupBy(window(col("timestamp"), "5 minutes"), col("user_id"), col("action"))
            .count()
            .orderBy("window", "user_id");
    assertThat(
        printed(() -> windowedStats.show(false)),
        is(
            "+------------------------------------------+-------+--------+-----+\n"
                + "|window                                    |user_id|action  |count|\n"
                + "+------------------------------------------+-------+--------+-----+\n"
                + "|{2023-01-01 10:00:00, 2023-01-01 10:05:00}|alice  |login   |1    |\n"
                + "|{2023-01-01 10:00:00, 2023-01-01 10:05:00}|alice  |purchase|1    |\n"
                + "|{2023-01-01 10:00:00, 2023-01-01 10:05:00}|bob    |view    |1    |\n"
                + "|{2023-01-01 10:00:00, 2023-01-01 10:05:00}|charlie|login   |1    |\n"
                + "+------------------------------------------+-------+--------+-----+\n"
                + "\n"));
  }

  /** Seed 000, "State Management": Window.partitionBy(..).orderBy(..), row_number, lag. */
  @Test
  public void seed000UserSessionsWithWindowFunctions() {
    DataFrame df = seed000Frame();
    WindowSpec sessionWindow = Window.partitionBy("user_id").orderBy("timestamp");
    DataFrame userSessions =
        df.withColumn(
                "session_id",
                concat(col("user_id"), lit("_"), date_format(col("timestamp"), "yyyyMMdd")))
            .withColumn("event_number", row_number().over(sessionWindow))
            .withColumn(
                "time_diff",
                unix_timestamp(col("timestamp"))
                    .minus(lag(unix_timestamp(col("timestamp"))).over(sessionWindow)));
    // Rows come grouped by user in window order; Spark's order across users follows its hash
    // partitioning, so it may list the users in another order.
    assertThat(
        printed(userSessions::show),
        is(
            "+--------+-------+--------+-------------------+----------------+------------+---------+\n"
                + "|event_id|user_id|  action|          timestamp|      session_id|event_number|time_diff|\n"
                + "+--------+-------+--------+-------------------+----------------+------------+---------+\n"
                + "|       1|  alice|   login|2023-01-01 10:00:00|  alice_20230101|           1|     NULL|\n"
                + "|       3|  alice|purchase|2023-01-01 10:02:00|  alice_20230101|           2|      120|\n"
                + "|       2|    bob|    view|2023-01-01 10:01:00|    bob_20230101|           1|     NULL|\n"
                + "|       4|charlie|   login|2023-01-01 10:03:00|charlie_20230101|           1|     NULL|\n"
                + "+--------+-------+--------+-------------------+----------------+------------+---------+\n"
                + "\n"));
  }

  // ---- seed 001: Lab 03, Spark Streaming Basics -------------------------------------------

  /** Seed 001, Part 2: {@code spark.sparkContext.setLogLevel("WARN")}. */
  @Test
  public void seed001ReduceLogging() {
    spark.sparkContext().setLogLevel("INFO");
    assertThat(org.slf4j.LoggerFactory.getLogger("seed001").isInfoEnabled(), is(true));
    spark.sparkContext().setLogLevel("WARN");
    assertThat(org.slf4j.LoggerFactory.getLogger("seed001").isInfoEnabled(), is(false));
  }

  /** Seed 001, Step 3.2: {@code event_schema}. */
  private static final StructType EVENT_SCHEMA =
      new StructType(
          new StructField[] {
            new StructField("id", DataTypes.IntegerType, false, Metadata.empty()),
            new StructField("name", DataTypes.StringType, true, Metadata.empty()),
            new StructField("value", DataTypes.DoubleType, true, Metadata.empty()),
            new StructField("timestamp", DataTypes.StringType, true, Metadata.empty())
          });

  /** Seed 001, Step 3.1: three JSON files of three events each, written whole. */
  private static Path streamingData(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < 3; i++) {
      StringBuilder lines = new StringBuilder();
      for (int k = 1; k <= 3; k++) {
        int id = i * 3 + k;
        lines.append(
            String.format(
                "{\"id\": %d, \"name\": \"Event_%d\", \"value\": %d, \"timestamp\":"
                    + " \"2024-01-15 10:0%d:00\"}\n",
                id, id, k * 100 + i * 10, k - 1));
      }
      Path hidden = dir.resolve(".events_" + i + ".json");
      Files.writeString(hidden, lines);
      Files.move(hidden, dir.resolve("events_" + i + ".json"));
    }
    return dir;
  }

  /** Seed 001, Step 3.3: readStream with the StructType schema, isStreaming, printSchema. */
  @Test
  public void seed001ReadStreamWithEventSchema() throws IOException {
    Path dir = streamingData(tempDir("data").resolve("streaming_data"));
    DataFrame streamingDf =
        spark
            .readStream()
            .format("json")
            .schema(EVENT_SCHEMA)
            .option("maxFilesPerTrigger", 1)
            .load(dir.toString());
    assertThat("Is streaming: " + streamingDf.isStreaming(), equalTo("Is streaming: true"));
    assertThat(
        printed(streamingDf::printSchema),
        is(
            "root\n"
                + " |-- id: integer (nullable = true)\n"
                + " |-- name: string (nullable = true)\n"
                + " |-- value: double (nullable = true)\n"
                + " |-- timestamp: string (nullable = true)\n"));
  }

  /** Seed 001, Step 9.2: the stream-stream join on qualified event times. */
  @Test
  public void seed001StreamStreamJoin() throws IOException {
    Path root = tempDir("join");
    streamingData(root.resolve("streaming_data1"));
    streamingData(root.resolve("streaming_data2"));
    DataFrame stream1 =
        spark.readStream().format("json").schema(EVENT_SCHEMA).load(root + "/streaming_data1/");
    DataFrame stream2 =
        spark.readStream().format("json").schema(EVENT_SCHEMA).load(root + "/streaming_data2/");

    // Add watermarks; the PySpark condition names the frames stream1_wm and stream2_wm, which
    // Spark needs as aliases: .alias("stream1_wm") / .alias("stream2_wm")
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

    // Join streams
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

    String table = "seed001_joined_" + System.nanoTime();
    StreamingQuery query =
        joined
            .select(
                col("id"),
                col("stream1_wm.event_time"),
                col("value2"),
                col("stream2_wm.event_time").as("event_time2"))
            .writeStream()
            .format("memory")
            .queryName(table)
            .trigger(Trigger.AvailableNow())
            .start();
    try {
      assertThat(query.awaitTermination(HangGuard.MILLIS), is(true));
    } finally {
      query.stop();
    }
    List<String> rows =
        spark.table(table).collectAsList().stream()
            .map(r -> r.getInt32("id") + " " + r.getValue("value2"))
            .sorted()
            .collect(Collectors.toList());
    assertThat(
        rows,
        equalTo(
            List.of(
                "1 100.0", "2 200.0", "3 300.0", "4 110.0", "5 210.0", "6 310.0", "7 120.0",
                "8 220.0", "9 320.0")));
  }

  private static final List<String> UPDATES = Collections.synchronizedList(new ArrayList<>());

  /** Seed 001, Part 12: the complete example's schema with a TimestampType column. */
  @Test
  public void seed001CompleteExampleSchema() throws IOException {
    Path events = tempDir("events");
    Path hidden = events.resolve(".e.json");
    Files.writeString(
        hidden,
        "{\"user_id\": 1, \"action\": \"open\", \"value\": 1.5, \"timestamp\": \"2024-01-15"
            + " 10:01:00\"}\n"
            + "{\"user_id\": 2, \"action\": \"open\", \"value\": 2.5, \"timestamp\": \"2024-01-15"
            + " 10:02:00\"}\n"
            + "{\"user_id\": 1, \"action\": \"open\", \"value\": 1.0, \"timestamp\": \"2024-01-15"
            + " 10:03:00\"}\n");
    Files.move(hidden, events.resolve("e.json"));
    StructType schema =
        new StructType(
            new StructField[] {
              new StructField("user_id", DataTypes.IntegerType, true, Metadata.empty()),
              new StructField("action", DataTypes.StringType, true, Metadata.empty()),
              new StructField("value", DataTypes.DoubleType, true, Metadata.empty()),
              new StructField("timestamp", DataTypes.TimestampType, true, Metadata.empty())
            });
    DataFrame streamDf =
        spark
            .readStream()
            .format("json")
            .schema(schema)
            .option("maxFilesPerTrigger", 1)
            .load(events.toString());
    DataFrame transformed =
        streamDf
            .withWatermark("timestamp", "10 minutes")
            .groupBy(window(col("timestamp"), "5 minutes"), col("action"))
            .agg(
                count("*").alias("action_count"),
                sum("value").alias("total_value"),
                countDistinct("user_id").alias("unique_users"));
    // foreachBatch's function is serialized with the pipeline: it reports through a static list
    List<String> out = UPDATES;
    out.clear();
    StreamingQuery query =
        transformed
            .writeStream()
            .outputMode("update")
            .trigger(Trigger.AvailableNow())
            .option("checkpointLocation", tempDir("complete").toString())
            .foreachBatch(
                (batch, id) ->
                    batch
                        .collectAsList()
                        .forEach(r -> UPDATES.add(r.getValues().subList(1, 5).toString())))
            .start();
    try {
      assertThat(query.awaitTermination(HangGuard.MILLIS), is(true));
    } finally {
      query.stop();
    }
    assertThat(out, equalTo(List.of("[open, 3, 5.0, 2]")));
  }
}
