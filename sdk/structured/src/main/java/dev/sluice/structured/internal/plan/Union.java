package dev.sluice.structured.internal.plan;

import java.util.List;

/**
 * {@code union}: rows of both inputs, by position (Spark's rule); the schemas must have the same
 * number of columns with compatible types.
 *
 * <pre>{@code
 * new Union(left, right);
 * }</pre>
 */
public final class Union extends LogicalPlan {
  private final LogicalPlan left;
  private final LogicalPlan right;

  public Union(LogicalPlan left, LogicalPlan right) {
    super(left.schema());
    this.left = left;
    this.right = right;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public String nodeName() {
    return "Union";
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
