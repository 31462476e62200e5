package dev.sluice.examples.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.count;
import static dev.sluice.structured.Functions.sum;
import static dev.sluice.structured.Functions.to_timestamp;
import static dev.sluice.structured.Functions.window;

import com.google.auto.service.AutoService;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingSession;
import picocli.CommandLine.Command;

/**
 * The {@code watermark} example (seed 001, part 8): event counts and value sums per 5-minute window
 * sliding every minute, with a 10-minute watermark, printed in update mode (the windows each batch
 * changed).
 *
 * <pre>{@code
 * DataFrame streamingWithWatermark = streamingDf
 *     .withColumn("event_time", to_timestamp(col("timestamp")))
 *     .withWatermark("event_time", "10 minutes");
 * DataFrame aggWithWatermark = streamingWithWatermark
 *     .groupBy(window(col("event_time"), "5 minutes", "1 minute"))
 *     .agg(count("*").alias("event_count"), sum("value").alias("total_value"));
 * aggWithWatermark.writeStream().format("console").outputMode("update")
 *     .trigger(Trigger.ProcessingTime("10 seconds")).start();
 * }</pre>
 *
 * <p>With the bundled events the watermark reaches 10:10 after {@code events_3.json} (an event at
 * 10:20), so {@code events_4.json}'s event at 10:03 is late: its windows all end by 10:08 and it is
 * dropped, while its event at 10:21 is counted.
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "watermark",
    mixinStandardHelpOptions = true,
    description =
        "Structured: counts per 5-minute window sliding 1 minute, 10-minute watermark, update"
            + " mode (seed 001).")
public final class Watermark extends FileExample {
  /** The seed's {@code agg_with_watermark}. */
  public static DataFrame aggWithWatermark(DataFrame streamingDf) {
    DataFrame streamingWithWatermark =
        streamingDf
            .withColumn("event_time", to_timestamp(col("timestamp")))
            .withWatermark("event_time", "10 minutes");
    return streamingWithWatermark
        .groupBy(window(col("event_time"), "5 minutes", "1 minute"))
        .agg(count("*").alias("event_count"), sum("value").alias("total_value"));
  }

  @Override
  protected int run() throws Exception {
    String dir = inputDir(Events.BUNDLED, Events.FILES);
    StreamingSession spark = runner.session("watermark");
    return printToConsole(aggWithWatermark(Events.read(spark, dir)), "update", false, dir);
  }
}
