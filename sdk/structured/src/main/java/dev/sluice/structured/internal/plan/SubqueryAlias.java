package dev.sluice.structured.internal.plan;

/**
 * {@code df.alias("a")} / {@code df.as("a")}: the child's rows unchanged, its columns qualified by
 * {@code a}, so {@code col("a.event_time")} names them after a join (Spark's {@code
 * SubqueryAlias}).
 *
 * <pre>{@code
 * new SubqueryAlias(child, "clicks");
 * }</pre>
 */
public final class SubqueryAlias extends Unary {
  private final String alias;

  public SubqueryAlias(LogicalPlan child, String alias) {
    super(child, child.schema());
    this.alias = alias;
  }

  /** The qualifier the columns get. */
  public String alias() {
    return alias;
  }

  @Override
  public String nodeName() {
    return "SubqueryAlias " + alias;
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
