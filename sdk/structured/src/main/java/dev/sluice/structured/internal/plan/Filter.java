package dev.sluice.structured.internal.plan;

import dev.sluice.structured.internal.expr.Predicate;

/**
 * {@code filter} / {@code where}.
 *
 * <pre>{@code
 * new Filter(child, Predicate.of(child.schema(), col("n").gt(1)));
 * }</pre>
 */
public final class Filter extends Unary {
  private final Predicate predicate;

  public Filter(LogicalPlan child, Predicate predicate) {
    super(child, child.schema());
    this.predicate = predicate;
  }

  public Predicate predicate() {
    return predicate;
  }

  @Override
  public String nodeName() {
    return "Filter";
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
