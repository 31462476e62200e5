package dev.sluice.io.memory;

import dev.sluice.io.sink.BatchSink;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Spark's memory sink ({@code writeStream.format("memory").queryName("counts")}): each batch goes
 * to the {@link MemoryTables} table named by the query, in the catalog its run's {@link
 * dev.sluice.io.context.RunContext} holds. In {@code complete} mode a batch replaces the table's
 * rows; in {@code append} and {@code update} modes its rows are added. A batch id at or below the
 * table's last one is skipped, so a replayed batch is not added twice.
 *
 * <p>The table lives in the driver's JVM (Spark collects a memory sink's rows to the driver too):
 * where the run's context is not open (a worker of a distributed runner) a batch fails, naming the
 * memory sink and what to use instead.
 *
 * <pre>{@code
 * MemoryTables tables = new MemoryTables();
 * tables.attachTo(run);
 * BatchSink sink = MemorySink.of("counts", "complete", run.runId());
 * sink.addBatch(0, schema, rows);
 * tables.get("counts").rows();   // rows
 * }</pre>
 */
public final class MemorySink implements BatchSink {
  private static final long serialVersionUID = 1L;

  private final String queryName;
  private final boolean complete;
  private final String runId;

  private MemorySink(String queryName, boolean complete, String runId) {
    this.queryName = queryName;
    this.complete = complete;
    this.runId = runId;
  }

  /**
   * The sink of query {@code queryName} in {@code outputMode} ({@code append}, {@code update} or
   * {@code complete}, any case), writing to the tables of run {@code runId}.
   */
  public static MemorySink of(String queryName, String outputMode, String runId) {
    if (runId == null || runId.isEmpty()) {
      throw new IllegalArgumentException(
          "The memory sink needs the id of the run whose context holds its tables");
    }
    if (queryName == null || queryName.isEmpty()) {
      throw new IllegalArgumentException(
          "The memory sink needs a query name: it names the table (queryName(\"counts\"))");
    }
    String mode = outputMode == null ? "" : outputMode.trim().toLowerCase(Locale.ROOT);
    switch (mode) {
      case "append":
      case "update":
        return new MemorySink(queryName, false, runId);
      case "complete":
        return new MemorySink(queryName, true, runId);
      default:
        throw new IllegalArgumentException(
            "Unknown output mode '" + outputMode + "': use append, update or complete");
    }
  }

  public String queryName() {
    return queryName;
  }

  @Override
  public void addBatch(long batchId, Schema schema, List<Row> rows) {
    MemoryTables.ofRun(runId).write(queryName, batchId, schema, rows, complete);
  }

  @Override
  public String description() {
    return "MemorySink[" + queryName + "]";
  }
}
