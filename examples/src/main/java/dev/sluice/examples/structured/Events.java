package dev.sluice.examples.structured;

import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingSession;
import java.util.List;

/**
 * The event stream of seed 001 (its lab's {@code streaming_data/}), which the {@code
 * json-to-files}, {@code watermark} and {@code dedup} examples read: JSON files of {@code id, name,
 * value, timestamp} (a string such as {@code "2024-01-15 10:00:00"}), one file per trigger.
 *
 * <pre>{@code
 * DataFrame streamingDf = Events.read(spark, dir);
 * }</pre>
 *
 * <p>The bundled files are the three the seed writes ({@code events_0..2.json}: events at 10:00,
 * 10:01 and 10:02), then {@code events_3.json} (event 3 sent again, and event 10 at 10:20, which
 * moves a 10-minute watermark to 10:10) and {@code events_4.json} (event 11 at 10:03, now late, and
 * event 12 at 10:21).
 */
final class Events {
  private Events() {}

  static final String BUNDLED = "data/events";

  static final List<String> FILES =
      List.of("events_0.json", "events_1.json", "events_2.json", "events_3.json", "events_4.json");

  /** The seed's {@code event_schema}. */
  static final String SCHEMA = "id INT, name STRING, value DOUBLE, timestamp STRING";

  /** The seed's {@code streaming_df}: JSON files of {@code dir}, one per trigger. */
  static DataFrame read(StreamingSession spark, String dir) {
    return spark
        .readStream()
        .format("json")
        .schema(SCHEMA)
        .option("maxFilesPerTrigger", 1)
        .load(dir);
  }
}
