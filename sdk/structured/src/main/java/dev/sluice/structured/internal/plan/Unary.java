package dev.sluice.structured.internal.plan;

import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A node with one input.
 *
 * <pre>{@code
 * unary.child().schema();
 * }</pre>
 */
public abstract sealed class Unary extends LogicalPlan
    permits Project,
        Filter,
        Watermark,
        Aggregate,
        Deduplicate,
        Sort,
        Limit,
        SubqueryAlias,
        Windowed {
  private final LogicalPlan child;

  protected Unary(LogicalPlan child, Schema schema) {
    super(schema);
    this.child = child;
  }

  public final LogicalPlan child() {
    return child;
  }

  @Override
  public final List<LogicalPlan> children() {
    return Collections.singletonList(child);
  }
}
