package dev.sluice.structured.internal.plan;

import dev.sluice.structured.internal.expr.RowOrdering;

/**
 * {@code orderBy} / {@code sort}. On a stream only allowed on an aggregation in complete mode,
 * where each batch's result table is sorted.
 *
 * <pre>{@code
 * new Sort(child, RowOrdering.of(child.schema(), List.of(col("count").desc())));
 * }</pre>
 */
public final class Sort extends Unary {
  private final RowOrdering ordering;

  public Sort(LogicalPlan child, RowOrdering ordering) {
    super(child, child.schema());
    this.ordering = ordering;
  }

  public RowOrdering ordering() {
    return ordering;
  }

  @Override
  public String nodeName() {
    return "Sort";
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
