package dev.sluice.structured.plan;

import dev.sluice.structured.expressions.Predicate;

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
}
