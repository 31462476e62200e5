package dev.sluice.structured.internal.plan;

import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Static rows: {@code session.createDataFrame(rows, schema)}, a memory-sink table, a temp view of
 * static data.
 *
 * <p>Rows are either fixed or read each time the relation is executed (a memory-sink table, whose
 * rows change with every batch of its query).
 *
 * <pre>{@code
 * new LocalRelation(schema, rows);
 * new LocalRelation(schema, () -> tables.find("counts").rows());   // a session's MemoryTables
 * }</pre>
 */
public final class LocalRelation extends LogicalPlan {
  private final Supplier<List<Row>> rows;

  public LocalRelation(Schema schema, List<Row> rows) {
    super(schema);
    List<Row> fixed = Collections.unmodifiableList(rows);
    this.rows = () -> fixed;
  }

  /** Rows read from {@code rows} whenever the relation runs. */
  public LocalRelation(Schema schema, Supplier<List<Row>> rows) {
    super(schema);
    this.rows = rows;
  }

  public List<Row> rows() {
    return Collections.unmodifiableList(rows.get());
  }

  @Override
  public List<LogicalPlan> children() {
    return Collections.emptyList();
  }

  @Override
  public String nodeName() {
    return "LocalRelation";
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
