package dev.sluice.examples.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.to_timestamp;

import com.google.auto.service.AutoService;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.examples.cli.OutputOption;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code json-to-files} example (seed 001, exercise 1): a directory of JSON events in, each
 * event with its value doubled and its time parsed, events of value 100 or less dropped, written as
 * JSON files by a file sink with a checkpoint location.
 *
 * <pre>{@code
 * DataFrame transformedDf = streamingDf
 *     .withColumn("value_doubled", col("value").multiply(2))
 *     .withColumn("event_time", to_timestamp(col("timestamp")))
 *     .filter(col("value").gt(100));
 * transformedDf.writeStream()
 *     .format("json")
 *     .outputMode("append")
 *     .option("path", "output/streaming_json")
 *     .option("checkpointLocation", "/tmp/checkpoint/json")
 *     .start();
 * }</pre>
 *
 * <p>The seed writes Parquet; Sluice's file sinks write JSON, CSV and text, so this writes JSON
 * lines ({@code part-*.json}, with Spark's {@code _spark_metadata} commit log beside them).
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
            .writeStream()
            .format("json")
            .outputMode("append")
            .option("path", out.toString())
            .option("checkpointLocation", checkpointDir.toString())
            .trigger(trigger())
            .start();
    await(query, dir);
    List<Path> parts = parts(out);
    long rows = 0;
    for (Path part : parts) {
      rows += Files.readAllLines(part).size();
    }
    out()
        .printf(
            "Wrote %d rows in %d files to %s (checkpoint: %s)%n",
            rows, parts.size(), out, checkpointDir);
    return 0;
  }

  /** The data files a file sink wrote into {@code dir}, by name. */
  static List<Path> parts(Path dir) throws java.io.IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith("part-"))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
