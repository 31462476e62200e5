package ${package};

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;

import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.Trigger;

/**
 * A pipeline written with Sluice's Structured Streaming facade (Spark's {@code readStream} /
 * {@code DataFrame} / {@code writeStream}): phone events read from a directory of JSON files,
 * counted per 10-minute window of their event time and per action, with a 10-minute watermark
 * (events for windows that ended more than 10 minutes before the latest event are dropped). Each
 * batch prints the windows it changed.
 *
 * <pre>{@code
 * mvn compile exec:java -Dexec.mainClass=${package}.ActionCounts
 * mvn compile exec:java -Dexec.mainClass=${package}.ActionCounts -Dexec.args="my/json/dir"
 * java -cp target/${artifactId}-bundled.jar ${package}.ActionCounts     # after mvn package
 * }</pre>
 *
 * <p>As Spark's file source does, it takes the files in the order of their modification times,
 * ties by name. Generating the project gave the sample files modification times in name order
 * ({@code events-1.json} is batch 0); a copy or a clone may not keep them, so {@code touch} the
 * files in the order you want them read. The query is compiled to a Beam pipeline and runs on
 * MicroBatchRunner; {@code ActionCountsTest} drives {@link #actionCounts} with a {@code
 * MemoryStream}.
 */
public final class ActionCounts {
  /** The events' schema, as Spark DDL. */
  public static final String SCHEMA = "id STRING, action STRING, ts TIMESTAMP";

  private ActionCounts() {}

  /** Counts per 10-minute window of {@code ts} and per action, 10 minutes' watermark. */
  public static DataFrame actionCounts(DataFrame events) {
    return events
        .withWatermark("ts", "10 minutes")
        .groupBy(window(col("ts"), "10 minutes"), col("action"))
        .count();
  }

  /** Reads the JSON files of {@code args[0]} (default {@code data/events}), one per batch. */
  public static void main(String[] args) throws Exception {
    String dir = args.length > 0 ? args[0] : "data/events";
    StreamingSession spark = StreamingSession.builder().appName("action-counts").getOrCreate();
    DataFrame events =
        spark.readStream().schema(SCHEMA).option("maxFilesPerTrigger", 1).json(dir);
    StreamingQuery query =
        actionCounts(events)
            .writeStream()
            .format("console")
            .option("truncate", "false")
            .outputMode("update")
            .trigger(Trigger.AvailableNow())
            .start();
    query.awaitTermination();
  }
}
