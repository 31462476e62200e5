package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.to_date;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The Parquet file sink and source through the facade, as seed 001's exercise uses them: events
 * written as Parquet partitioned by date with a checkpoint, then read back as a stream — with the
 * schema given, and inferred from the files when {@code spark.sql.streaming.schemaInference} is on.
 */
public class ParquetSinkTest {
  private static final Schema SCHEMA = DdlSchema.parse("id STRING, n INT, ts TIMESTAMP");

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private StreamingSession session;

  @Before
  public void setUp() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
  }

  @After
  public void tearDown() {
    session.conf().set("spark.sql.streaming.schemaInference", "false");
  }

  private static Row row(String id, int n, String ts) {
    return Row.withSchema(SCHEMA).addValues(id, n, Instant.parse(ts)).build();
  }

  private Path writeTwoDays() throws Exception {
    Path out = tmp.newFolder("events").toPath();
    MemoryStream in = MemoryStream.of(SCHEMA);
    StreamingQuery q =
        session
            .readStream()
            .memory(in)
            .withColumn("date", to_date(col("ts")))
            .writeStream()
            .format("parquet")
            .partitionBy("date")
            .option("checkpointLocation", tmp.newFolder().getPath())
            .start(out.toString());
    try {
      in.addData(List.of(row("a", 1, "2024-01-15T10:00:00Z"), row("b", 2, "2024-01-16T09:00:00Z")));
      q.processAllAvailable();
      in.addData(List.of(row("c", 3, "2024-01-16T11:00:00Z")));
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    return out;
  }

  private List<String> readBack(DataStreamReader reader, Path dir) {
    String table = "parquet_back_" + System.nanoTime();
    StreamingQuery q =
        reader
            .parquet(dir.toString())
            .select(col("id"), col("n"), col("date").cast("string"))
            .writeStream()
            .format("memory")
            .queryName(table)
            .trigger(Trigger.AvailableNow())
            .start();
    assertThat("the AvailableNow query ended", q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    return session.table(table).collectAsList().stream()
        .map(r -> r.getValues().toString())
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  public void writesPartitionedParquetReadBackWithGivenSchema() throws Exception {
    Path out = writeTwoDays();
    try (Stream<Path> dirs = Files.list(out)) {
      assertThat(
          dirs.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()),
          equalTo(List.of("_spark_metadata", "date=2024-01-15", "date=2024-01-16")));
    }
    List<String> rows =
        readBack(session.readStream().schema("id STRING, n INT, ts TIMESTAMP, date DATE"), out);
    assertThat(
        rows, equalTo(List.of("[a, 1, 2024-01-15]", "[b, 2, 2024-01-16]", "[c, 3, 2024-01-16]")));
  }

  @Test
  public void infersTheSchemaFromTheFilesWhenAsked() throws Exception {
    Path out = writeTwoDays();
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> session.readStream().parquet(out.toString()));
    assertThat(refused.getMessage(), containsString("spark.sql.streaming.schemaInference"));

    session.conf().set("spark.sql.streaming.schemaInference", "true");
    assertThat(
        readBack(session.readStream(), out),
        equalTo(List.of("[a, 1, 2024-01-15]", "[b, 2, 2024-01-16]", "[c, 3, 2024-01-16]")));
  }
}
