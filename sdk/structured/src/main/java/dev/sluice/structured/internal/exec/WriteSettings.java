package dev.sluice.structured.internal.exec;

import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.structured.ForeachBatchFunction;
import dev.sluice.structured.ForeachWriter;
import dev.sluice.structured.OutputMode;
import java.io.PrintStream;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * What a {@code DataStreamWriter} was told before {@code start()}: the sink's format and options
 * (keys lower-cased, as Spark's are case-insensitive), the output mode, the batch trigger, the
 * query's name, the foreach functions and where the console sink prints (null: System.out).
 *
 * <pre>{@code
 * WriteSettings settings = new WriteSettings("console", Map.of(), OutputMode.COMPLETE,
 *     BatchTrigger.availableNow(), "counts", null, null);
 * }</pre>
 */
public record WriteSettings(
    String format,
    Map<String, String> options,
    OutputMode mode,
    BatchTrigger trigger,
    @Nullable String queryName,
    @Nullable ForeachWriter foreachWriter,
    @Nullable ForeachBatchFunction foreachBatch,
    @Nullable PrintStream consoleOut) {
  /** The option carrying {@code partitionBy}'s columns, comma-separated (as Spark's). */
  public static final String PARTITION_COLUMNS = "__partition_columns";

  public WriteSettings {
    options = Map.copyOf(options);
  }

  /** Settings whose console sink prints to System.out. */
  public WriteSettings(
      String format,
      Map<String, String> options,
      OutputMode mode,
      BatchTrigger trigger,
      @Nullable String queryName,
      @Nullable ForeachWriter foreachWriter,
      @Nullable ForeachBatchFunction foreachBatch) {
    this(format, options, mode, trigger, queryName, foreachWriter, foreachBatch, null);
  }

  /** These settings with option {@code key} (lower case) set to {@code value}. */
  public WriteSettings withOption(String key, String value) {
    Map<String, String> more = new java.util.HashMap<>(options);
    more.put(key, value);
    return new WriteSettings(
        format, more, mode, trigger, queryName, foreachWriter, foreachBatch, consoleOut);
  }
}
