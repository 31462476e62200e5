package dev.sluice.structured.internal.exec;

import dev.sluice.structured.internal.expr.EvalContext;
import dev.sluice.structured.internal.expr.Predicate;
import dev.sluice.structured.internal.expr.Projection;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * A stateless row-to-rows step of a query: a projection or a filter.
 *
 * <pre>{@code
 * RowFunction f = RowFunction.filter(predicate);
 * f.apply(row, ctx);   // [row] or []
 * }</pre>
 */
@FunctionalInterface
public interface RowFunction extends Serializable {
  List<Row> apply(Row row, EvalContext context);

  /** {@code projection} as a row function. */
  static RowFunction project(Projection projection) {
    return projection::apply;
  }

  /** Keeps the rows {@code predicate} accepts. */
  static RowFunction filter(Predicate predicate) {
    return (row, context) ->
        predicate.test(row, context) ? Collections.singletonList(row) : Collections.emptyList();
  }
}
