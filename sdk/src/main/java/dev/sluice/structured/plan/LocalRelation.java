package dev.sluice.structured.plan;

import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Static rows: {@code session.createDataFrame(rows, schema)}, a memory-sink table, a temp view of
 * static data.
 *
 * <pre>{@code
 * new LocalRelation(schema, rows);
 * }</pre>
 */
public final class LocalRelation extends LogicalPlan {
  private final List<Row> rows;

  public LocalRelation(Schema schema, List<Row> rows) {
    super(schema);
    this.rows = Collections.unmodifiableList(rows);
  }

  public List<Row> rows() {
    return rows;
  }

  @Override
  public List<LogicalPlan> children() {
    return Collections.emptyList();
  }

  @Override
  public String nodeName() {
    return "LocalRelation";
  }
}
