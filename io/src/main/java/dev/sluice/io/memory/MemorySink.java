package dev.sluice.io.memory;

import dev.sluice.io.sink.BatchSink;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Spark's memory sink ({@code writeStream.format("memory").queryName("counts")}): each batch goes
 * to the {@link MemoryTables} table named by the query. In {@code complete} mode a batch replaces
 * the table's rows; in {@code append} and {@code update} modes its rows are added. A batch id at or
 * below the table's last one is skipped, so a replayed batch is not added twice.
 *
 * <pre>{@code
 * BatchSink sink = MemorySink.of("counts", "complete");
 * sink.addBatch(0, schema, rows);
 * MemoryTables.get("counts").rows();   // rows
 * }</pre>
 */
public final class MemorySink implements BatchSink {
  private static final long serialVersionUID = 1L;

  private final String queryName;
  private final boolean complete;

  private MemorySink(String queryName, boolean complete) {
    this.queryName = queryName;
    this.complete = complete;
  }

  /**
   * The sink of query {@code queryName} in {@code outputMode} ({@code append}, {@code update} or
   * {@code complete}, any case).
   */
  public static MemorySink of(String queryName, String outputMode) {
    if (queryName == null || queryName.isEmpty()) {
      throw new IllegalArgumentException(
          "The memory sink needs a query name: it names the table (queryName(\"counts\"))");
    }
    String mode = outputMode == null ? "" : outputMode.trim().toLowerCase(Locale.ROOT);
    switch (mode) {
      case "append":
      case "update":
        return new MemorySink(queryName, false);
      case "complete":
        return new MemorySink(queryName, true);
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
    MemoryTables.write(queryName, batchId, schema, rows, complete);
  }

  @Override
  public String description() {
    return "MemorySink[" + queryName + "]";
  }
}
