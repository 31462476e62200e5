package dev.sluice.structured.internal.plan;

import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A node of a query's logical plan: what a {@code DataFrame} is. Plans are immutable trees; a
 * streaming plan is compiled to a Beam pipeline when its query starts, a static plan is evaluated
 * in memory when its rows are asked for.
 *
 * <pre>{@code
 * LogicalPlan plan = new Filter(new Source(spec), predicate, schema);
 * plan.isStreaming();   // true: it reads a stream
 * }</pre>
 */
public abstract sealed class LogicalPlan permits Source, LocalRelation, Join, Union, Unary {
  private final Schema schema;
  private PlanColumns columns;

  protected LogicalPlan(Schema schema) {
    this.schema = schema;
  }

  /** The schema of the rows this node produces. */
  public final Schema schema() {
    return schema;
  }

  /**
   * The output columns as the user knows them: names (which may repeat), qualifiers, ids; see
   * {@link PlanColumns}. Computed once.
   */
  public final synchronized PlanColumns columns() {
    if (columns == null) {
      columns = PlanColumns.of(this);
    }
    return columns;
  }

  /** Calls the {@code visitor} method for this node's kind. */
  public abstract <R> R accept(PlanVisitor<R> visitor);

  /** The node's inputs. */
  public abstract List<LogicalPlan> children();

  /** True if any leaf below is a stream. */
  public boolean isStreaming() {
    return children().stream().anyMatch(LogicalPlan::isStreaming);
  }

  /** Spark's name of the node, used in error messages ("Aggregate", "Join" ...). */
  public abstract String nodeName();

  /** True if this node or one below keeps state across batches (streams only). */
  public final boolean hasStatefulOperator() {
    return isStreaming()
        && accept(
            new PlanVisitor.Partial<Boolean>() {
              @Override
              protected Boolean otherwise(LogicalPlan node) {
                return node.children().stream().anyMatch(LogicalPlan::hasStatefulOperator);
              }

              @Override
              public Boolean visit(Aggregate node) {
                return true;
              }

              @Override
              public Boolean visit(Deduplicate node) {
                return true;
              }

              @Override
              public Boolean visit(Join node) {
                return node.isStreamStream() || otherwise(node);
              }
            });
  }

  /** Counts the streaming aggregations in this tree. */
  public final int streamingAggregations() {
    int below = children().stream().mapToInt(LogicalPlan::streamingAggregations).sum();
    boolean own =
        isStreaming()
            && accept(
                new PlanVisitor.Partial<Boolean>() {
                  @Override
                  protected Boolean otherwise(LogicalPlan node) {
                    return false;
                  }

                  @Override
                  public Boolean visit(Aggregate node) {
                    return true;
                  }
                });
    return below + (own ? 1 : 0);
  }
}
