package dev.sluice.examples.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.current_timestamp;
import static dev.sluice.structured.Functions.regexp_extract;
import static dev.sluice.structured.Functions.to_timestamp;
import static dev.sluice.structured.Functions.window;

import com.google.auto.service.AutoService;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code access-logs} example (seed 004): Apache access-log lines read as text, their fields
 * parsed with {@code regexp_extract}, then two queries: the count of each status code (complete
 * mode), and the most requested URLs in a 30-second window sliding every 10 seconds.
 *
 * <pre>{@code
 * DataFrame accessLines = spark.readStream().text("data/logs");
 * DataFrame logsDF = accessLines.select(
 *     regexp_extract(col("value"), HOST, 1).alias("host"), ...,
 *     regexp_extract(col("value"), STATUS, 1).cast("int").alias("status"),
 *     regexp_extract(col("value"), CONTENT_SIZE, 1).cast("int").alias("contentSize"));
 * logsDF.groupBy("status").count()
 *     .writeStream().outputMode("complete").format("console").queryName("counts").start();
 * logsDF.withColumn("eventTime", to_timestamp(col("timestamp"), "dd/MMM/yyyy:HH:mm:ss Z"))
 *     .groupBy(window(col("eventTime"), "30 seconds", "10 seconds"), col("endpoint")).count()
 *     .orderBy(col("count").desc())
 *     .writeStream().outputMode("complete").format("console").queryName("urls").start();
 * }</pre>
 *
 * <p>The seed stamps each line with {@code current_timestamp()} as it arrives, which windows a
 * replayed log by when it was read; this example windows by the time written in the line ({@code
 * --event-time log}, the default), so the bundled log gives the same table every run. {@code
 * --event-time arrival} is the seed's way. Rows of the same count are ordered by window and URL.
 * Without {@code --follow} the two queries run one after the other over the files there; with it,
 * side by side until interrupted.
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "access-logs",
    mixinStandardHelpOptions = true,
    description =
        "Structured: Apache access-log lines parsed with regexp_extract; status counts and top URLs"
            + " in a 30 s window sliding 10 s (seed 004).")
public final class AccessLogs extends FileExample {
  /** The client: a host name or address at the start of the line. */
  static final String HOST = "^(\\S+)\\s";

  /** The time between brackets: {@code [21/Nov/2026:09:00:01 +0000]}. */
  static final String TIME = "\\[([^\\]]+)\\]";

  /** The request between quotes: method, URL, protocol. */
  static final String REQUEST = "\"(\\S+)\\s(\\S+)\\s*(\\S*)\"";

  /** The three-digit status after the request. */
  static final String STATUS = "\"\\s(\\d{3})\\s";

  /** The size in bytes at the end of the line ({@code -} when none: then null). */
  static final String CONTENT_SIZE = "\\s(\\d+)$";

  @Option(
      names = "--event-time",
      defaultValue = "log",
      paramLabel = "SOURCE",
      description =
          "Window by the time in each line (log) or by when the line is read (arrival, as the"
              + " seed does) (default: ${DEFAULT-VALUE}).")
  String eventTime = "log";

  /** The parsed fields of each line. */
  public static DataFrame parse(DataFrame accessLines) {
    return accessLines.select(
        regexp_extract(col("value"), HOST, 1).alias("host"),
        regexp_extract(col("value"), TIME, 1).alias("timestamp"),
        regexp_extract(col("value"), REQUEST, 1).alias("method"),
        regexp_extract(col("value"), REQUEST, 2).alias("endpoint"),
        regexp_extract(col("value"), REQUEST, 3).alias("protocol"),
        regexp_extract(col("value"), STATUS, 1).cast("int").alias("status"),
        regexp_extract(col("value"), CONTENT_SIZE, 1).cast("int").alias("contentSize"));
  }

  /** The count of each status code. */
  public static DataFrame statusCounts(DataFrame logsDF) {
    return logsDF.groupBy("status").count();
  }

  /** Requests per URL in 30-second windows sliding every 10 seconds, most requested first. */
  public static DataFrame topUrls(DataFrame logsDF, boolean arrivalTime) {
    DataFrame timed =
        arrivalTime
            ? logsDF.withColumn("eventTime", current_timestamp())
            : logsDF.withColumn(
                "eventTime", to_timestamp(col("timestamp"), "dd/MMM/yyyy:HH:mm:ss Z"));
    return timed
        .groupBy(window(col("eventTime"), "30 seconds", "10 seconds"), col("endpoint"))
        .count()
        .orderBy(col("count").desc(), col("window.start"), col("endpoint"));
  }

  @Override
  protected int run() throws Exception {
    if (!eventTime.equals("log") && !eventTime.equals("arrival")) {
      throw usageError("--event-time " + eventTime + " is not a time source; use log or arrival");
    }
    String dir = inputDir("data/logs", List.of("access_log.txt"));
    StreamingSession spark = runner.session("access-logs");
    DataFrame logsDF = parse(spark.readStream().text(dir));
    StreamingQuery counts =
        statusCounts(logsDF)
            .writeStream()
            .format("console")
            .printTo(out())
            .outputMode("complete")
            .queryName("counts")
            .trigger(trigger())
            .start();
    if (!triggerOptions.follows()) {
      await(counts, dir);
    }
    StreamingQuery urls =
        topUrls(logsDF, eventTime.equals("arrival"))
            .writeStream()
            .format("console")
            .printTo(out())
            .option("truncate", "false")
            .outputMode("complete")
            .queryName("urls")
            .trigger(trigger())
            .start();
    try {
      await(urls, dir);
    } finally {
      counts.stop();
    }
    return 0;
  }
}
