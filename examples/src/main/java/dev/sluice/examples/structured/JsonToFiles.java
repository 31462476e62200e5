package dev.sluice.examples.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.to_date;
import static dev.sluice.structured.Functions.to_timestamp;

import com.google.auto.service.AutoService;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.examples.cli.OutputOption;
import dev.sluice.io.parquet.RowParquetReader;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code json-to-files} example (seed 001, exercise 1: "reads JSON and writes Parquet"): a
 * directory of JSON events in, each event with its value doubled and its time parsed, events of
 * value 100 or less dropped, written as Parquet files partitioned by the event's date, by a file
 * sink with a checkpoint location.
 *
 * <pre>{@code
 * DataFrame transformedDf = streamingDf
 *     .withColumn("value_doubled", col("value").multiply(2))
 *     .withColumn("event_time", to_timestamp(col("timestamp")))
 *     .filter(col("value").gt(100));
 * transformedDf.writeStream()
 *     .withColumn("date", to_date(col("event_time")))
 *     .format("parquet")
 *     .partitionBy("date")
 *     .outputMode("append")
 *     .option("path", "output/streaming_parquet")
 *     .option("checkpointLocation", "/tmp/checkpoint/parquet")
 *     .start();
 * }</pre>
 *
 * <p>{@code --format json} (or {@code csv}) writes the other file formats instead; Spark's {@code
 * _spark_metadata} commit log is beside the data files in every format.
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "json-to-files",
    mixinStandardHelpOptions = true,
    description =
        "Structured: JSON events in, filtered and enriched, JSON files out through a file sink with"
            + " a checkpoint location (seed 001).")
public final class JsonToFiles extends FileExample {
  @Mixin OutputOption output;

  @Option(
      names = "--checkpoint-location",
      paramLabel = "PATH",
      description = "The query's checkpoint directory (default: a new temporary directory).")
  Path checkpoint;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "parquet (default, partitioned by date), json or csv.")
  String format = "parquet";

  /** The seed's {@code transformed_df}. */
  public static DataFrame transformed(DataFrame streamingDf) {
    return streamingDf
        .withColumn("value_doubled", col("value").multiply(2))
        .withColumn("event_time", to_timestamp(col("timestamp")))
        .filter(col("value").gt(100));
  }

  @Override
  protected int run() throws Exception {
    String dir = inputDir(Events.BUNDLED, Events.FILES);
    Path out = output.or(Files.createTempDirectory("sluice-json-to-files-"));
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw usageError("--output " + out + " is a file; give a directory to write into");
    }
    Path checkpointDir =
        checkpoint != null ? checkpoint : Files.createTempDirectory("sluice-checkpoint-");
    StreamingSession spark = runner.session("json-to-files");
    StreamingQuery query =
        transformed(Events.read(spark, dir))
            .withColumn("date", to_date(col("event_time")))
            .writeStream()
            .format(format)
            .partitionBy("date")
            .outputMode("append")
            .option("path", out.toString())
            .option("checkpointLocation", checkpointDir.toString())
            .trigger(trigger())
            .start();
    await(query, dir);
    List<Path> parts = parts(out);
    long rows = 0;
    for (Path part : parts) {
      rows += rows(part);
    }
    out()
        .printf(
            "Wrote %d rows in %d files to %s (checkpoint: %s)%n",
            rows, parts.size(), out, checkpointDir);
    return 0;
  }

  /** The data files a file sink wrote into {@code dir} and its partition directories, by name. */
  static List<Path> parts(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("part-"))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** The rows of one data file: Parquet rows, or lines of the text formats. */
  static long rows(Path part) throws IOException {
    if (!part.getFileName().toString().endsWith(".parquet")) {
      return Files.readAllLines(part).size();
    }
    long n = 0;
    try (RowParquetReader reader = RowParquetReader.open(part, null)) {
      while (reader.next() != null) {
        n++;
      }
    }
    return n;
  }
}
