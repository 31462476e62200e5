package dev.sluice.io.memory;

import dev.sluice.io.context.RunContext;
import dev.sluice.io.schema.SparkTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The tables of {@link MemorySink}s, by query name: Spark's in-memory tables that {@code
 * spark.sql("select * from name")} reads. One catalog per session (a facade's session holds one); a
 * run that writes to it puts it in its {@link RunContext} ({@link #attachTo}), where the memory
 * sinks of the run find it. Like Spark's memory sink, whose rows are collected to the driver, it
 * lives in the driver's JVM: a memory sink works where the pipeline runs in that JVM.
 *
 * <pre>{@code
 * MemoryTables tables = new MemoryTables();
 * tables.attachTo(run);                       // the run's memory sinks write here
 * MemoryTables.MemoryTable counts = tables.get("counts");
 * counts.rows();          // an immutable snapshot
 * counts.lastBatchId();   // the last batch written
 * }</pre>
 */
public final class MemoryTables {
  private static final String CONTEXT_NAME = "io.memoryTables";

  private final Map<String, MemoryTable> tables = new TreeMap<>();

  /**
   * A snapshot of one table: immutable; later batches do not change it.
   *
   * <pre>{@code
   * MemoryTables.MemoryTable t = tables.get("counts");
   * t.rows().size();   // rows as of t's batch t.lastBatchId()
   * }</pre>
   */
  public static final class MemoryTable {
    private final String name;
    @Nullable private final Schema schema;
    private final List<Row> rows;
    private final List<List<Row>> batches;
    private final long lastBatchId;

    MemoryTable(
        String name,
        @Nullable Schema schema,
        List<Row> rows,
        List<List<Row>> batches,
        long lastBatchId) {
      this.name = name;
      this.schema = schema;
      this.rows = List.copyOf(rows);
      this.batches = List.copyOf(batches);
      this.lastBatchId = lastBatchId;
    }

    public String name() {
      return name;
    }

    /** The rows' schema; null if the table was never written and created without one. */
    @Nullable
    public Schema schema() {
      return schema;
    }

    /** The rows, in the order written. */
    public List<Row> rows() {
      return rows;
    }

    /**
     * The rows of each batch written, in order (as Spark's memory sink keeps its batches): in
     * complete mode each batch's whole table, else the rows the batch added.
     */
    public List<List<Row>> batches() {
      return batches;
    }

    /** The last batch written; -1 if none. */
    public long lastBatchId() {
      return lastBatchId;
    }

    @Override
    public String toString() {
      return "MemoryTable["
          + name
          + (schema == null ? "" : " " + SparkTypes.simpleString(schema))
          + ", "
          + rows.size()
          + " rows, lastBatchId="
          + lastBatchId
          + "]";
    }
  }

  /** Puts this catalog in {@code run}'s context: the run's memory sinks write to it. */
  public void attachTo(RunContext run) {
    run.put(CONTEXT_NAME, this);
  }

  /**
   * The catalog the run {@code runId} writes to.
   *
   * @throws IllegalStateException if the run is not open in this JVM, or has no catalog
   */
  static MemoryTables ofRun(String runId) {
    MemoryTables tables =
        RunContext.require(runId, "The memory sink (its table lives in the driver)")
            .get(CONTEXT_NAME, MemoryTables.class);
    if (tables == null) {
      throw new IllegalStateException(
          "Run "
              + runId
              + " has no memory tables: call tables.attachTo(run) before the run's memory sinks"
              + " write");
    }
    return tables;
  }

  /** (Re)creates the table {@code name}, empty, e.g. when a query starts. */
  public synchronized void create(String name, @Nullable Schema schema) {
    tables.put(checkName(name), new MemoryTable(name, schema, List.of(), List.of(), -1));
  }

  /**
   * The table {@code name}.
   *
   * @throws IllegalArgumentException naming the tables there are, if there is none of this name
   */
  public synchronized MemoryTable get(String name) {
    MemoryTable table = tables.get(name);
    if (table == null) {
      throw new IllegalArgumentException(
          "No memory table named '"
              + name
              + "' (tables: "
              + tables.keySet()
              + "). A memory sink creates its table, named by queryName(...), at the query's first"
              + " batch.");
    }
    return table;
  }

  /** The table {@code name}, or null. */
  @Nullable
  public synchronized MemoryTable find(String name) {
    return tables.get(name);
  }

  /** The names of the tables. */
  public synchronized Set<String> names() {
    return new TreeSet<>(tables.keySet());
  }

  /** Drops the table {@code name}. */
  public synchronized void remove(String name) {
    tables.remove(name);
  }

  /**
   * Writes batch {@code batchId} to table {@code name}: replaces its rows ({@code complete}) or
   * adds to them. A batch at or below the table's last batch is skipped.
   */
  synchronized void write(
      String name, long batchId, Schema schema, List<Row> rows, boolean complete) {
    MemoryTable table = tables.get(name);
    if (table != null && batchId <= table.lastBatchId()) {
      return;
    }
    List<Row> next = new ArrayList<>();
    List<List<Row>> batches = new ArrayList<>();
    if (table != null) {
      batches.addAll(table.batches());
      if (!complete) {
        next.addAll(table.rows());
      }
    }
    next.addAll(rows);
    batches.add(List.copyOf(rows));
    tables.put(name, new MemoryTable(name, schema, next, batches, batchId));
  }

  private static String checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("A memory table needs a name (the query's name)");
    }
    return name;
  }
}
