package dev.sluice.structured.internal.plan;

import dev.sluice.structured.internal.expr.Projection;

/**
 * {@code select}, {@code selectExpr}, {@code withColumn}, {@code drop} …: one input row to zero or
 * more output rows ({@code explode}, sliding windows), no state.
 *
 * <pre>{@code
 * new Project(child, Projection.of(child.schema(), columns));
 * }</pre>
 */
public final class Project extends Unary {
  private final Projection projection;

  public Project(LogicalPlan child, Projection projection) {
    super(child, projection.outputSchema());
    this.projection = projection;
  }

  public Projection projection() {
    return projection;
  }

  @Override
  public String nodeName() {
    return "Project";
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
