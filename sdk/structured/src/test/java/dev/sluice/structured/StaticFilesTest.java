package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.structured.types.DataTypes;
import dev.sluice.structured.types.StructType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.values.Row;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** session.read() and df.write() on files: inference, save modes, partitions, stream joins. */
public class StaticFilesTest {
  static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private StreamingSession session;
  private Path in;

  @Before
  public void setUp() throws Exception {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    in = tmp.newFolder("in").toPath();
    Files.writeString(
        in.resolve("people.json"),
        "{\"name\": \"ann\", \"age\": 42, \"city\": {\"name\": \"Paris\"}}\n"
            + "{\"name\": \"bob\", \"age\": 7.5, \"tags\": [\"a\", \"b\"]}\n",
        StandardCharsets.UTF_8);
  }

  private static List<String> strings(DataFrame df) {
    return df.collectAsList().stream()
        .map(r -> r.getValues().toString())
        .collect(Collectors.toList());
  }

  @Test
  public void readJsonInfersTheSchemaAsSpark() {
    DataFrame people = session.read().json(in.toString());
    assertThat(
        people.schemaString(),
        equalTo(
            "root\n"
                + " |-- age: double (nullable = true)\n"
                + " |-- city: struct (nullable = true)\n"
                + " |    |-- name: string (nullable = true)\n"
                + " |-- name: string (nullable = true)\n"
                + " |-- tags: array (nullable = true)\n"
                + " |    |-- element: string (containsNull = true)\n"));
    assertFalse(people.isStreaming());
    List<Row> rows = people.orderBy(col("name")).collectAsList();
    assertThat(rows.get(0).getRow("city").getString("name"), equalTo("Paris"));
    assertThat(rows.get(1).getDouble("age"), equalTo(7.5));
    assertThat(people.filter("age > 10").count(), equalTo(1L));
  }

  @Test
  public void readTakesAStructTypeSchema() {
    DataFrame people =
        session
            .read()
            .schema(
                new StructType().add("name", DataTypes.StringType).add("age", DataTypes.DoubleType))
            .json(in.toString());
    assertThat(people.toString(), equalTo("[name: string, age: double]"));
    assertThat(people.count(), equalTo(2L));
  }

  @Test
  public void csvInfersWithInferSchemaAndRoundTripsThroughWrite() {
    DataFrame people = session.read().json(in.toString()).select("name", "age");
    String out = tmp.getRoot() + "/csv";
    people.write().option("header", true).csv(out);
    assertTrue(Files.exists(Path.of(out, "_SUCCESS")));
    DataFrame strings = session.read().option("header", "true").csv(out);
    assertThat(strings.toString(), equalTo("[name: string, age: string]"));
    DataFrame typed =
        session.read().option("header", "true").option("inferSchema", "true").csv(out);
    assertThat(typed.toString(), equalTo("[name: string, age: double]"));
    assertThat(typed.count(), equalTo(2L));
    DataFrame given =
        session.read().schema("name STRING, age DOUBLE").option("header", true).csv(out);
    assertThat(given.orderBy(col("name")).collectAsList().get(0).getDouble("age"), equalTo(42.0));
  }

  @Test
  public void saveModesFollowSpark() {
    DataFrame people = session.read().json(in.toString());
    String out = tmp.getRoot() + "/modes";
    people.write().json(out);
    AnalysisException exists =
        assertThrows(AnalysisException.class, () -> people.write().json(out));
    assertThat(exists.getMessage(), containsString("[PATH_ALREADY_EXISTS] Path file:" + out));
    people.write().mode("ignore").json(out);
    assertThat(session.read().json(out).count(), equalTo(2L));
    people.write().mode(SaveMode.Append).json(out);
    assertThat(session.read().json(out).count(), equalTo(4L));
    people.limit(1).write().mode("overwrite").json(out);
    assertThat(session.read().json(out).count(), equalTo(1L));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> people.write().mode("sometimes"))
            .getMessage(),
        containsString("Unknown save mode: sometimes"));
  }

  @Test
  public void parquetPartitionedByRoundTripsAndTextNeedsOneColumn() {
    DataFrame people =
        session.createDataFrame(
            List.of(
                Row.withSchema(dev.sluice.io.schema.DdlSchema.parse("name STRING, n INT, day DATE"))
                    .addValues("ann", 1, java.time.LocalDate.of(2024, 5, 1))
                    .build()),
            "name STRING, n INT, day DATE");
    String out = tmp.getRoot() + "/parquet";
    people.write().partitionBy("day").parquet(out);
    assertTrue(Files.isDirectory(Path.of(out, "day=2024-05-01")));
    DataFrame back = session.read().parquet(out);
    assertThat(back.toString(), equalTo("[name: string, n: int, day: date]"));
    assertThat(strings(back), equalTo(strings(people)));
    AnalysisException text =
        assertThrows(AnalysisException.class, () -> people.write().text(tmp.getRoot() + "/t"));
    assertThat(text.getMessage(), containsString("exactly one STRING column"));
    assertThat(
        assertThrows(AnalysisException.class, () -> session.read().json(tmp.getRoot() + "/none"))
            .getMessage(),
        containsString("Path does not exist"));
  }

  @Test
  public void aStaticReadJoinsAStreamAndFeedsForeachBatch() throws Exception {
    Path stream = tmp.newFolder("stream").toPath();
    Files.writeString(
        stream.resolve("e.json"),
        "{\"name\": \"ann\", \"action\": \"open\"}\n{\"name\": \"zed\", \"action\": \"close\"}\n",
        StandardCharsets.UTF_8);
    DataFrame people = session.read().json(in.toString()).select("name", "age");
    DataFrame events =
        session.readStream().schema("name STRING, action STRING").json(stream.toString());
    String key = "join" + System.nanoTime();
    String out = tmp.getRoot() + "/joined";
    StreamingQuery q =
        events
            .join(people, "name")
            .writeStream()
            .trigger(Trigger.AvailableNow())
            .foreachBatch(
                (batch, id) -> {
                  SEEN.computeIfAbsent(key, k -> new ArrayList<>()).addAll(strings(batch));
                  batch.write().mode("append").json(out);
                })
            .start();
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(SEEN.remove(key), equalTo(List.of("[ann, open, 42.0]")));
    assertThat(session.read().json(out).count(), equalTo(1L));
    AnalysisException write =
        assertThrows(AnalysisException.class, () -> events.write().json(tmp.getRoot() + "/x"));
    assertThat(write.getMessage(), containsString("'write' can not be called on streaming"));
  }
}
