package dev.sluice.structured.internal.state;

import dev.sluice.structured.internal.exec.RowFunction;
import dev.sluice.structured.internal.expr.EvalContext;
import dev.sluice.structured.internal.expr.Predicate;
import dev.sluice.structured.internal.plan.Join;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * A stream–static join as a stateless {@link RowFunction}: each streaming row is joined with the
 * static rows (carried inside the function). Supported as in Spark: inner, and outer/semi/anti
 * joins whose preserved side is the stream.
 *
 * <pre>{@code
 * RowFunction f = new StaticJoin(join, staticRows, true);   // stream is the left side
 * }</pre>
 */
public final class StaticJoin implements RowFunction {
  private final Schema schema;
  private final Predicate condition;
  private final Join.Type type;
  private final List<Row> staticRows;
  private final boolean streamIsLeft;
  private final int leftWidth;
  private final int rightWidth;

  public StaticJoin(Join join, List<Row> staticRows, boolean streamIsLeft) {
    this.schema = join.joinedSchema();
    this.condition = join.condition();
    this.type = join.type();
    this.staticRows = new ArrayList<>(staticRows);
    this.streamIsLeft = streamIsLeft;
    this.leftWidth = join.left().schema().getFieldCount();
    this.rightWidth = join.right().schema().getFieldCount();
  }

  @Override
  public List<Row> apply(Row row, EvalContext context) {
    List<Row> out = new ArrayList<>();
    for (Row other : staticRows) {
      Row left = streamIsLeft ? row : other;
      Row right = streamIsLeft ? other : row;
      Row joined = JoinRows.join(schema, left, right, leftWidth, rightWidth);
      if (condition.test(joined, context)) {
        if (type == Join.Type.LEFT_SEMI) {
          return Collections.singletonList(row);
        }
        if (type == Join.Type.LEFT_ANTI) {
          return Collections.emptyList();
        }
        out.add(joined);
      }
    }
    if (type == Join.Type.LEFT_ANTI) {
      return Collections.singletonList(row);
    }
    if (out.isEmpty()
        && ((type == Join.Type.LEFT_OUTER && streamIsLeft)
            || (type == Join.Type.RIGHT_OUTER && !streamIsLeft))) {
      out.add(
          JoinRows.join(
              schema, streamIsLeft ? row : null, streamIsLeft ? null : row, leftWidth, rightWidth));
    }
    return out;
  }
}
