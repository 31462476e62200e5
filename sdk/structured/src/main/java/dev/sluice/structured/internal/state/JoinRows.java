package dev.sluice.structured.internal.state;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Builds joined rows: the left row's values then the right row's, or nulls for the side that has no
 * match in an outer join.
 *
 * <pre>{@code
 * Row joined = JoinRows.join(schema, left, null);   // right columns null
 * }</pre>
 */
public final class JoinRows {
  private JoinRows() {}

  /** The row of {@code schema} made of {@code left}'s then {@code right}'s values (null: nulls). */
  public static Row join(Schema schema, Row left, Row right, int leftWidth, int rightWidth) {
    List<Object> values = new ArrayList<>(leftWidth + rightWidth);
    for (int i = 0; i < leftWidth; i++) {
      values.add(left == null ? null : left.getValue(i));
    }
    for (int i = 0; i < rightWidth; i++) {
      values.add(right == null ? null : right.getValue(i));
    }
    return Row.withSchema(schema).addValues(values).build();
  }
}
