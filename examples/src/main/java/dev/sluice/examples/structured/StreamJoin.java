package dev.sluice.examples.structured;

import static dev.sluice.structured.Functions.expr;

import com.google.auto.service.AutoService;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.examples.support.BundledFiles;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * The {@code stream-join} example (seed 003's stream–stream join, seed 001 part 9.2): ad
 * impressions joined with the clicks on them, each stream with its watermark, a click matching an
 * impression of the same ad within the hour after it. Inner join, append mode.
 *
 * <pre>{@code
 * DataFrame impressions = spark.readStream()
 *     .schema("impressionAdId INT, impressionTime TIMESTAMP").json("ads/impressions");
 * DataFrame clicks = spark.readStream()
 *     .schema("clickAdId INT, clickTime TIMESTAMP").json("ads/clicks");
 * DataFrame impressionsWithWatermark = impressions.withWatermark("impressionTime", "2 hours");
 * DataFrame clicksWithWatermark = clicks.withWatermark("clickTime", "3 hours");
 * impressionsWithWatermark.join(clicksWithWatermark, expr(
 *     "clickAdId = impressionAdId AND clickTime >= impressionTime"
 *         + " AND clickTime <= impressionTime + interval 1 hour"))
 *     .writeStream().format("console").outputMode("append").start();
 * }</pre>
 *
 * <p>{@code --input DIR} reads {@code DIR/impressions} and {@code DIR/clicks}. With the bundled
 * files, ads 1, 3 and 4 are clicked in time; ad 2's click comes 85 minutes after its impression, ad
 * 9 was never shown and ad 5 never clicked.
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "stream-join",
    mixinStandardHelpOptions = true,
    description =
        "Structured: impressions joined with clicks, watermarks on both sides, a click within an"
            + " hour of its impression (inner join, append mode).")
public final class StreamJoin extends FileExample {
  /** The clicks on an impression of the same ad within the hour after it. */
  public static DataFrame clickedImpressions(DataFrame impressions, DataFrame clicks) {
    DataFrame impressionsWithWatermark = impressions.withWatermark("impressionTime", "2 hours");
    DataFrame clicksWithWatermark = clicks.withWatermark("clickTime", "3 hours");
    return impressionsWithWatermark.join(
        clicksWithWatermark,
        expr(
            "clickAdId = impressionAdId AND clickTime >= impressionTime AND clickTime <="
                + " impressionTime + interval 1 hour"));
  }

  @Override
  protected int run() throws Exception {
    String impressionsDir;
    String clicksDir;
    if (input.path() == null) {
      impressionsDir =
          BundledFiles.copy(
                  "data/ads/impressions", List.of("impressions_0.json", "impressions_1.json"))
              .toString();
      clicksDir =
          BundledFiles.copy("data/ads/clicks", List.of("clicks_0.json", "clicks_1.json"))
              .toString();
    } else {
      Path dir = input.path();
      if (!Files.isDirectory(dir.resolve("impressions"))
          || !Files.isDirectory(dir.resolve("clicks"))) {
        throw usageError(
            "--input " + dir + " must be a directory holding impressions/ and clicks/ directories");
      }
      impressionsDir = dir.resolve("impressions").toString();
      clicksDir = dir.resolve("clicks").toString();
    }
    StreamingSession spark = runner.session("stream-join");
    DataFrame impressions =
        spark
            .readStream()
            .schema("impressionAdId INT, impressionTime TIMESTAMP")
            .option("maxFilesPerTrigger", 1)
            .json(impressionsDir);
    DataFrame clicks =
        spark
            .readStream()
            .schema("clickAdId INT, clickTime TIMESTAMP")
            .option("maxFilesPerTrigger", 1)
            .json(clicksDir);
    return printToConsole(
        clickedImpressions(impressions, clicks),
        "append",
        false,
        impressionsDir + " and " + clicksDir);
  }
}
