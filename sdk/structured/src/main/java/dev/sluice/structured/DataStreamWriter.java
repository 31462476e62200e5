package dev.sluice.structured;

import dev.sluice.io.console.ConsoleTable;
import dev.sluice.structured.internal.batch.StreamingRefusals;
import dev.sluice.structured.internal.exec.QueryStarter;
import dev.sluice.structured.internal.exec.WriteSettings;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Describes where and how a streaming frame's query runs, then {@link #start()}s it (Spark's {@code
 * DataStreamWriter}).
 *
 * <pre>{@code
 * StreamingQuery q = counts.writeStream()
 *     .format("console").option("truncate", "false")
 *     .outputMode("complete")
 *     .trigger(Trigger.ProcessingTime("10 seconds"))
 *     .start();
 * }</pre>
 */
public final class DataStreamWriter {
  private final DataFrame frame;
  private String format = "console";
  private OutputMode mode = OutputMode.APPEND;
  private Trigger trigger = Trigger.ProcessingTime(0);
  private final Map<String, String> options = new HashMap<>();
  private String queryName;
  private ForeachWriter foreachWriter;
  private ForeachBatchFunction foreachBatch;
  private PrintStream consoleOut;

  DataStreamWriter(DataFrame frame) {
    this.frame = frame;
  }

  /** console, memory, json, csv, text, parquet, foreach, foreachBatch, noop. */
  public DataStreamWriter format(String format) {
    this.format = format;
    return this;
  }

  public DataStreamWriter outputMode(String mode) {
    this.mode = OutputMode.parse(mode);
    return this;
  }

  public DataStreamWriter outputMode(OutputMode mode) {
    this.mode = mode;
    return this;
  }

  public DataStreamWriter trigger(Trigger trigger) {
    this.trigger = trigger;
    return this;
  }

  public DataStreamWriter option(String key, String value) {
    options.put(key.toLowerCase(Locale.ROOT), value);
    return this;
  }

  public DataStreamWriter option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataStreamWriter option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataStreamWriter options(Map<String, String> options) {
    options.forEach(this::option);
    return this;
  }

  /**
   * Writes file sinks' rows under Spark's Hive-style directories, {@code col=value/} for each
   * column (the columns are left out of the data files and read back from the directory names).
   */
  public DataStreamWriter partitionBy(String... columns) {
    return option(WriteSettings.PARTITION_COLUMNS, String.join(",", columns));
  }

  /** The query's name: the memory sink's table name, shown in progress. */
  public DataStreamWriter queryName(String name) {
    this.queryName = name;
    return this;
  }

  public DataStreamWriter foreach(ForeachWriter writer) {
    this.foreachWriter = writer;
    this.format = "foreach";
    return this;
  }

  public DataStreamWriter foreachBatch(ForeachBatchFunction function) {
    this.foreachBatch = function;
    this.format = "foreachBatch";
    return this;
  }

  /**
   * Beyond Spark: the console sink prints to {@code out} instead of {@code System.out}, e.g. to
   * capture a query's tables in a test. The stream lives in the driver's JVM, so this works where
   * the pipeline runs there (MicroBatchRunner, the DirectRunner); elsewhere the first batch fails
   * naming the console capture.
   *
   * <pre>{@code
   * java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
   * counts.writeStream().format("console").outputMode("complete")
   *     .printTo(new PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8))
   *     .start();
   * }</pre>
   */
  public DataStreamWriter printTo(PrintStream out) {
    if (out == null) {
      throw new IllegalArgumentException("printTo needs a stream, e.g. System.out");
    }
    this.consoleOut = out;
    return this;
  }

  /** Starts the query writing to {@code path} (file sinks). */
  public StreamingQuery start(String path) {
    StreamingRefusals.checkSink(format);
    option("path", path);
    return start();
  }

  /** Starts the query; it runs until stopped (or, for Once/AvailableNow, until the data ends). */
  public StreamingQuery start() {
    StreamingRefusals.checkSink(format);
    refuseRepeatedNamesInFiles();
    if (format.equalsIgnoreCase("console")
        && frame.plan().columns().differFrom(frame.plan().schema())) {
      // the console shows a join's repeated names as Spark does, not the rows' unique field names
      options.put(
          ConsoleTable.HEADER_OPTION,
          String.join(ConsoleTable.HEADER_SEPARATOR, frame.plan().columns().names()));
    }
    WriteSettings settings =
        new WriteSettings(
            format,
            options,
            mode,
            trigger.batchTrigger(),
            queryName,
            foreachWriter,
            foreachBatch,
            consoleOut);
    return new QueryStarter(frame.session(), frame.plan(), settings).start();
  }

  /** Spark's file sinks refuse a frame whose column names repeat (after a join). */
  private void refuseRepeatedNamesInFiles() {
    String f = format.toLowerCase(java.util.Locale.ROOT);
    if (!List.of("json", "csv", "text", "parquet").contains(f)) {
      return;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String name : frame.columns()) {
      if (!seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
        throw new AnalysisException(
            "[COLUMN_ALREADY_EXISTS] The column `"
                + name
                + "` already exists. Choose another name or rename the existing column: select"
                + " the columns you want, e.g. select(col(\"a."
                + name
                + "\"), col(\"b."
                + name
                + "\").as(\""
                + name
                + "2\"))");
      }
    }
  }
}
