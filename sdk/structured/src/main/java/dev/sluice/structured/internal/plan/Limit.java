package dev.sluice.structured.internal.plan;

/**
 * {@code limit(n)}. On a stream: the first {@code n} rows of each batch's table in complete mode,
 * the first {@code n} rows of the whole stream in append mode (as Spark does).
 *
 * <pre>{@code
 * new Limit(child, 10);
 * }</pre>
 */
public final class Limit extends Unary {
  private final int n;

  public Limit(LogicalPlan child, int n) {
    super(child, child.schema());
    if (n < 0) {
      throw new IllegalArgumentException("limit must be 0 or more, but was " + n);
    }
    this.n = n;
  }

  public int n() {
    return n;
  }

  @Override
  public String nodeName() {
    return "Limit";
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
