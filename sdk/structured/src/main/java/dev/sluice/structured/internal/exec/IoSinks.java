package dev.sluice.structured.internal.exec;

import dev.sluice.io.console.ConsoleSink;
import dev.sluice.io.file.FileSink;
import dev.sluice.io.kafka.KafkaSink;
import dev.sluice.io.memory.MemorySink;
import dev.sluice.io.memory.MemoryTables;
import dev.sluice.io.parquet.ParquetFiles;
import dev.sluice.io.sink.BatchSink;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.OutputMode;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.internal.ApiAccess;
import dev.sluice.structured.internal.plan.LocalRelation;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The sinks that live in {@code io}: console, memory and files, with Spark's checks of their
 * options and output modes.
 *
 * <pre>{@code
 * BatchSink sink = IoSinks.create("json", Map.of("path", "out", "checkpointlocation", "cp"),
 *     schema, OutputMode.APPEND, null, "query-id");
 * }</pre>
 */
final class IoSinks {

  private IoSinks() {}

  static BatchSink create(
      String format,
      Map<String, String> options,
      Schema schema,
      OutputMode mode,
      String name,
      String queryId,
      QueryContext context) {
    String f = format.toLowerCase(Locale.ROOT);
    switch (f) {
      case "console":
        ConsoleSink console = ConsoleSink.fromOptions(options);
        return context.consoleCaptured() ? console.withRunOutput(context.runId()) : console;
      case "memory":
        if (name == null) {
          throw new IllegalArgumentException(
              "queryName must be specified for memory sink: add .queryName(\"table\") and read"
                  + " it with session.sql(\"SELECT * FROM table\")");
        }
        // a new query gets a new, empty table at once, as Spark's memory sink: without this a
        // restarted query's batches 0..n were skipped as already written (MemorySink skips
        // batch ids at or below the table's last), and the table did not exist before batch 0
        context.memoryTables().create(name, schema);
        return MemorySink.of(name, mode.name().toLowerCase(Locale.ROOT), context.runId());
      case "kafka":
        return kafka(options, queryId);
      case "json":
      case "csv":
      case "text":
      case "parquet":
        if (mode != OutputMode.APPEND) {
          throw new AnalysisException(
              "Data source "
                  + f
                  + " does not support "
                  + mode.sparkName()
                  + " output mode; file sinks only append");
        }
        String path = options.get("path");
        if (path == null) {
          throw new IllegalArgumentException(
              "'path' is not specified: use .option(\"path\", \"out/\") or start(\"out/\")");
        }
        if (!options.containsKey("checkpointlocation")) {
          throw new AnalysisException(
              "checkpointLocation must be specified either through"
                  + " option(\"checkpointLocation\", ...) or"
                  + " SparkSession.conf.set(\"spark.sql.streaming.checkpointLocation\", ...)");
        }
        Map<String, String> fileOptions = new HashMap<>(options);
        fileOptions.remove("path");
        fileOptions.remove("checkpointlocation");
        String partitions = fileOptions.remove(WriteSettings.PARTITION_COLUMNS);
        FileSink sink =
            f.equals("parquet")
                ? ParquetFiles.sink(path, fileOptions)
                : FileSink.format(f, path).withOptions(fileOptions);
        if (partitions != null && !partitions.isEmpty()) {
          sink = sink.withPartitionBy(partitions.split(","));
        }
        // A re-run batch replaces the files of its killed attempt (the id survives restarts).
        return sink.withStableNames(queryId);
      default:
        throw new IllegalArgumentException(
            "Unknown sink format '"
                + format
                + "'. Sluice writes console, memory, kafka, json, csv, text, parquet, foreach,"
                + " foreachBatch and"
                + " noop");
    }
  }

  /** The memory-sink table {@code name} as a static frame, or null. */
  static DataFrame memoryTable(StreamingSession session, String name) {
    MemoryTables tables = ApiAccess.memoryTables(session);
    MemoryTables.MemoryTable table = tables.find(name);
    if (table == null || table.schema() == null) {
      return null;
    }
    // read the table when the frame runs, not now: Spark's memory table shows the latest batch
    Schema schema = table.schema();
    return ApiAccess.dataFrame(
        session,
        new LocalRelation(
            schema,
            () -> {
              MemoryTables.MemoryTable now = tables.find(name);
              return now == null ? List.of() : now.rows();
            }));
  }

  /**
   * Spark's Kafka sink; with {@code sluice.transactional=true} (beyond Spark) each batch is one
   * Kafka transaction fenced by the query's id, which the checkpoint keeps across restarts.
   */
  private static BatchSink kafka(Map<String, String> options, String queryId) {
    if (!options.containsKey("checkpointlocation")) {
      throw new AnalysisException(
          "checkpointLocation must be specified either through"
              + " option(\"checkpointLocation\", ...) or"
              + " SparkSession.conf.set(\"spark.sql.streaming.checkpointLocation\", ...)");
    }
    Map<String, String> kafkaOptions = new HashMap<>(options);
    kafkaOptions.remove("checkpointlocation");
    kafkaOptions.remove("path");
    boolean transactional = Boolean.parseBoolean(kafkaOptions.remove("sluice.transactional"));
    KafkaSink sink = KafkaSink.create(kafkaOptions);
    return transactional ? sink.withTransactional(queryId) : sink;
  }
}
