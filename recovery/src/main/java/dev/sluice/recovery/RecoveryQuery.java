package dev.sluice.recovery;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;

import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.Trigger;

/**
 * The query the harness runs in a child JVM, until its input is processed ({@code
 * Trigger.AvailableNow}, one file per batch), from and to the directories it is given:
 *
 * <ul>
 *   <li>{@code windowed}: JSON events → 5-minute watermark → counts per 10-minute window and action
 *       → JSON file sink in append mode (a stateful query whose output depends on batch boundaries:
 *       late rows are dropped by the watermark of their batch);
 *   <li>{@code stateless}: JSON events → filter → JSON file sink.
 * </ul>
 *
 * <pre>{@code
 * RecoveryQuery.main(new String[] {"windowed", "in/", "out/", "cp/"});
 * }</pre>
 */
public final class RecoveryQuery {
  private RecoveryQuery() {}

  /** Arguments: scenario, input directory, output directory, checkpoint directory. */
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      throw new IllegalArgumentException(
          "Usage: RecoveryQuery windowed|stateless <input dir> <output dir> <checkpoint dir>");
    }
    StreamingSession session = StreamingSession.builder().appName("recovery").getOrCreate();
    DataFrame events =
        session
            .readStream()
            .schema("id LONG, action STRING, ts TIMESTAMP")
            .option("maxFilesPerTrigger", 1)
            .json(args[1]);
    DataFrame result;
    String mode;
    switch (args[0]) {
      case "windowed":
        result =
            events
                .withWatermark("ts", "5 minutes")
                .groupBy(window(col("ts"), "10 minutes"), col("action"))
                .count();
        mode = "append";
        break;
      case "stateless":
        result = events.filter(col("action").equalTo("open")).select(col("id"), col("ts"));
        mode = "append";
        break;
      default:
        throw new IllegalArgumentException(
            "Unknown scenario " + args[0] + ": use windowed or stateless");
    }
    StreamingQuery query =
        result
            .writeStream()
            .format("json")
            .outputMode(mode)
            .option("path", args[2])
            .option("checkpointLocation", args[3])
            .trigger(Trigger.AvailableNow())
            .start();
    query.awaitTermination();
    session.stop();
  }
}
