package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.from_json;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.structured.types.DataTypes;
import dev.sluice.structured.types.Metadata;
import dev.sluice.structured.types.StructField;
import dev.sluice.structured.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** StructType schemas wherever a schema is given, and {@code df.schema()}. */
public class SchemaTypesTest {
  private final StreamingSession session = StreamingSession.builder().getOrCreate();

  /** Seed 001's event schema. */
  private static final StructType EVENT_SCHEMA =
      new StructType(
          new StructField[] {
            new StructField("id", DataTypes.IntegerType, false, Metadata.empty()),
            new StructField("name", DataTypes.StringType, true, Metadata.empty()),
            new StructField("value", DataTypes.DoubleType, true, Metadata.empty()),
            new StructField("timestamp", DataTypes.StringType, true, Metadata.empty())
          });

  @Test
  public void createDataFrameWithStructTypeAndRowFactory() {
    DataFrame df =
        session.createDataFrame(
            List.of(RowFactory.create(1, "a", 2.5, "2024-01-15 10:00:00")), EVENT_SCHEMA);
    assertThat(df.schema(), equalTo(EVENT_SCHEMA));
    assertThat(df.collectAsList().get(0).getInt32("id"), equalTo(1));
    assertThat(df.columns(), equalTo(new String[] {"id", "name", "value", "timestamp"}));
    IllegalArgumentException wrongType =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                session.createDataFrame(
                    List.of(RowFactory.create(1L, "a", 2.5, "x")), EVENT_SCHEMA));
    assertThat(
        wrongType.getMessage(),
        containsString("the value 1 (a Long) does not fit column `id` of type int"));
    IllegalArgumentException nullInNotNull =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                session.createDataFrame(
                    List.of(RowFactory.create(null, "a", 2.5, "x")), EVENT_SCHEMA));
    assertThat(nullInNotNull.getMessage(), containsString("column `id` of type int NOT NULL"));
    assertThrows(IllegalArgumentException.class, () -> RowFactory.create(new Object()));
  }

  @Test
  public void readStreamSchemaTakesAStructType() throws Exception {
    Path dir = Files.createTempDirectory("structtype");
    Path hidden = dir.resolve(".events_0.json");
    Files.writeString(
        hidden,
        "{\"id\": 1, \"name\": \"Event_1\", \"value\": 100, \"timestamp\": \"2024-01-15 10:00:00\"}\n"
            + "{\"id\": 2, \"name\": \"Event_2\", \"value\": 200, \"timestamp\": \"2024-01-15 10:01:00\"}\n");
    Files.move(hidden, dir.resolve("events_0.json"));
    DataFrame streaming =
        session
            .readStream()
            .format("json")
            .schema(EVENT_SCHEMA)
            .option("maxFilesPerTrigger", 1)
            .load(dir.toString());
    assertThat(streaming.isStreaming(), equalTo(true));
    // a file stream reads every column as nullable, as Spark
    assertThat(
        streaming.schema().treeString(),
        equalTo(
            "root\n"
                + " |-- id: integer (nullable = true)\n"
                + " |-- name: string (nullable = true)\n"
                + " |-- value: double (nullable = true)\n"
                + " |-- timestamp: string (nullable = true)\n"));
    String table = "structtype_" + System.nanoTime();
    StreamingQuery q =
        streaming
            .withColumn("value_doubled", col("value").multiply(2))
            .writeStream()
            .format("memory")
            .queryName(table)
            .start();
    try {
      q.processAllAvailable();
      List<String> rows = new ArrayList<>();
      for (Row r : session.table(table).orderBy("id").collectAsList()) {
        rows.add(r.getValues().toString());
      }
      assertThat(
          rows,
          equalTo(
              List.of(
                  "[1, Event_1, 100.0, 2024-01-15 10:00:00, 200.0]",
                  "[2, Event_2, 200.0, 2024-01-15 10:01:00, 400.0]")));
    } finally {
      q.stop();
    }
  }

  @Test
  public void fromJsonTakesAStructType() {
    MemoryStream unused = null; // from_json is row-level: a static frame shows it
    DataFrame lines =
        session.createDataFrame(
            List.of(RowFactory.create("{\"id\": 7, \"tags\": [\"a\"]}")),
            new StructType().add("value", DataTypes.StringType));
    StructType json =
        new StructType()
            .add("id", DataTypes.IntegerType)
            .add("tags", DataTypes.createArrayType(DataTypes.StringType));
    DataFrame parsed = lines.select(from_json(col("value"), json).as("e")).select("e.*");
    assertThat(parsed.schema(), equalTo(json));
    assertThat(
        parsed.collectAsList().stream()
            .map(r -> r.getValues().toString())
            .collect(Collectors.joining()),
        equalTo("[7, [a]]"));
    assertThat(unused, equalTo(null));
  }
}
