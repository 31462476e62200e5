package dev.sluice.examples.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.to_timestamp;

import com.google.auto.service.AutoService;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingSession;
import picocli.CommandLine.Command;

/**
 * The {@code dedup} example (seed 001, part 9.1): events without duplicates of the same {@code id}
 * and {@code event_time}, remembered for the 10 minutes of the watermark, printed in append mode.
 *
 * <pre>{@code
 * DataFrame deduplicatedDf = streamingDf
 *     .withColumn("event_time", to_timestamp(col("timestamp")))
 *     .withWatermark("event_time", "10 minutes")
 *     .dropDuplicates("id", "event_time");
 * deduplicatedDf.writeStream().format("console").outputMode("append").start();
 * }</pre>
 *
 * <p>With the bundled events, event 3 sent again in {@code events_3.json} is dropped as a
 * duplicate, and event 11 of {@code events_4.json} (at 10:03, below the watermark of 10:10) as too
 * late.
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "dedup",
    mixinStandardHelpOptions = true,
    description =
        "Structured: dropDuplicates(id, event_time) with a 10-minute watermark, append mode (seed"
            + " 001).")
public final class Dedup extends FileExample {
  /** The seed's {@code deduplicated_df}. */
  public static DataFrame deduplicated(DataFrame streamingDf) {
    return streamingDf
        .withColumn("event_time", to_timestamp(col("timestamp")))
        .withWatermark("event_time", "10 minutes")
        .dropDuplicates("id", "event_time");
  }

  @Override
  protected int run() throws Exception {
    String dir = inputDir(Events.BUNDLED, Events.FILES);
    StreamingSession spark = runner.session("dedup");
    return printToConsole(deduplicated(Events.read(spark, dir)), "append", false, dir);
  }
}
