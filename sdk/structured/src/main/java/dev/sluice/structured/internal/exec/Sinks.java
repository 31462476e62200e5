package dev.sluice.structured.internal.exec;

import dev.sluice.io.sink.BatchSink;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.ForeachBatchFunction;
import dev.sluice.structured.ForeachWriter;
import dev.sluice.structured.OutputMode;
import dev.sluice.structured.StreamingSession;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Makes the sink of {@code writeStream().format(..)}: console, memory and files come from {@code
 * io}; {@code foreach}, {@code foreachBatch} and {@code noop} are here. The query's {@link
 * QueryContext} gives the driver-side sinks (memory, a captured console) their run.
 * <!-- given: Schema schema; String queryId; QueryContext context; -->
 *
 * <pre>{@code
 * BatchSink sink = Sinks.create("console", Map.of("truncate", "false"), schema,
 *     OutputMode.COMPLETE, "counts", queryId, null, null, context);
 * }</pre>
 */
public final class Sinks {
  private Sinks() {}

  public static BatchSink create(
      String format,
      Map<String, String> options,
      Schema schema,
      OutputMode mode,
      String queryName,
      String queryId,
      ForeachWriter writer,
      ForeachBatchFunction batchFunction,
      QueryContext context) {
    switch (format.toLowerCase(Locale.ROOT)) {
      case "foreach":
        if (writer == null) {
          throw new IllegalArgumentException(
              "format(\"foreach\") needs a writer: use foreach(new ForeachWriter() {...})");
        }
        return new ForeachSink(writer);
      case "foreachbatch":
        if (batchFunction == null) {
          throw new IllegalArgumentException(
              "format(\"foreachBatch\") needs a function: use foreachBatch((frame, id) -> ...)");
        }
        return new ForeachBatchSink(batchFunction);
      case "noop":
        return new NoopSink();
      default:
        return IoSinks.create(format, options, schema, mode, queryName, queryId, context);
    }
  }

  /** A memory-sink table as a static frame, or null if there is none by that name. */
  public static DataFrame memoryTable(StreamingSession session, String name) {
    return IoSinks.memoryTable(session, name);
  }

  /** Calls a {@link ForeachBatchFunction} with the batch as a static frame. */
  static final class ForeachBatchSink implements BatchSink {
    private static final long serialVersionUID = 1L;
    private final ForeachBatchFunction function;

    ForeachBatchSink(ForeachBatchFunction function) {
      this.function = function;
    }

    @Override
    public void addBatch(long batchId, Schema schema, List<Row> rows) throws Exception {
      function.call(StreamingSession.active().createDataFrame(rows, schema), batchId);
    }

    @Override
    public String description() {
      return "ForeachBatchSink";
    }
  }

  /** Calls a {@link ForeachWriter} for each row of each batch (one writer, partition 0). */
  static final class ForeachSink implements BatchSink {
    private static final long serialVersionUID = 1L;
    private final ForeachWriter writer;

    ForeachSink(ForeachWriter writer) {
      this.writer = writer;
    }

    @Override
    public void addBatch(long batchId, Schema schema, List<Row> rows) {
      if (!writer.open(0, batchId)) {
        writer.close(null);
        return;
      }
      try {
        for (Row row : rows) {
          writer.process(row);
        }
      } catch (RuntimeException e) {
        writer.close(e);
        throw e;
      }
      writer.close(null);
    }

    @Override
    public String description() {
      return "ForeachWriterSink";
    }
  }

  /** Spark's {@code noop} sink: runs the query, writes nothing (for benchmarks). */
  static final class NoopSink implements BatchSink {
    private static final long serialVersionUID = 1L;

    @Override
    public void addBatch(long batchId, Schema schema, List<Row> rows) {}

    @Override
    public String description() {
      return "NoopSink";
    }
  }
}
