package dev.sluice.io.memory;

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
 * The tables of {@link MemorySink}s, by query name, JVM-wide: Spark's in-memory tables that {@code
 * spark.sql("select * from name")} reads.
 *
 * <pre>{@code
 * MemoryTables.MemoryTable counts = MemoryTables.get("counts");
 * counts.rows();          // an immutable snapshot
 * counts.lastBatchId();   // the last batch written
 * }</pre>
 */
public final class MemoryTables {
  private static final Map<String, MemoryTable> TABLES = new TreeMap<>();

  private MemoryTables() {}

  /**
   * A snapshot of one table: immutable; later batches do not change it.
   *
   * <pre>{@code
   * MemoryTables.MemoryTable t = MemoryTables.get("counts");
   * t.rows().size();   // rows as of t's batch t.lastBatchId()
   * }</pre>
   */
  public static final class MemoryTable {
    private final String name;
    @Nullable private final Schema schema;
    private final List<Row> rows;
    private final long lastBatchId;

    MemoryTable(String name, @Nullable Schema schema, List<Row> rows, long lastBatchId) {
      this.name = name;
      this.schema = schema;
      this.rows = List.copyOf(rows);
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

  /** (Re)creates the table {@code name}, empty, e.g. when a query starts. */
  public static synchronized void create(String name, @Nullable Schema schema) {
    TABLES.put(checkName(name), new MemoryTable(name, schema, List.of(), -1));
  }

  /**
   * The table {@code name}.
   *
   * @throws IllegalArgumentException naming the tables there are, if there is none of this name
   */
  public static synchronized MemoryTable get(String name) {
    MemoryTable table = TABLES.get(name);
    if (table == null) {
      throw new IllegalArgumentException(
          "No memory table named '"
              + name
              + "' (tables: "
              + TABLES.keySet()
              + "). A memory sink creates its table, named by queryName(...), at the query's first"
              + " batch.");
    }
    return table;
  }

  /** The table {@code name}, or null. */
  @Nullable
  public static synchronized MemoryTable find(String name) {
    return TABLES.get(name);
  }

  /** The names of the tables. */
  public static synchronized Set<String> names() {
    return new TreeSet<>(TABLES.keySet());
  }

  /** Drops the table {@code name}. */
  public static synchronized void remove(String name) {
    TABLES.remove(name);
  }

  /**
   * Writes batch {@code batchId} to table {@code name}: replaces its rows ({@code complete}) or
   * adds to them. A batch at or below the table's last batch is skipped.
   */
  static synchronized void write(
      String name, long batchId, Schema schema, List<Row> rows, boolean complete) {
    MemoryTable table = TABLES.get(name);
    if (table != null && batchId <= table.lastBatchId()) {
      return;
    }
    List<Row> next = new ArrayList<>();
    if (table != null && !complete) {
      next.addAll(table.rows());
    }
    next.addAll(rows);
    TABLES.put(name, new MemoryTable(name, schema, next, batchId));
  }

  private static String checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("A memory table needs a name (the query's name)");
    }
    return name;
  }
}
