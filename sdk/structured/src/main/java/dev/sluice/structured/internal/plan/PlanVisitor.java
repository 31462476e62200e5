package dev.sluice.structured.internal.plan;

/**
 * One method per kind of {@link LogicalPlan} node: the single dispatch over the sealed plan
 * hierarchy. A new node kind is a compile error in every visitor until each handles it. Visitors
 * that care about a few kinds extend {@link Partial}.
 * <!-- given: LogicalPlan plan; -->
 *
 * <pre>{@code
 * int sources = plan.accept(new PlanVisitor.Partial<Integer>() {
 *   protected Integer otherwise(LogicalPlan node) {
 *     return node.children().stream().mapToInt(c -> c.accept(this)).sum();
 *   }
 *   public Integer visit(Source node) {
 *     return 1;
 *   }
 * });
 * }</pre>
 *
 * @param <R> what visiting a node returns
 */
public interface PlanVisitor<R> {
  R visit(Source node);

  R visit(LocalRelation node);

  R visit(Project node);

  R visit(Filter node);

  R visit(Watermark node);

  R visit(Aggregate node);

  R visit(Deduplicate node);

  R visit(Join node);

  R visit(Union node);

  R visit(Sort node);

  R visit(Limit node);

  R visit(SubqueryAlias node);

  R visit(Windowed node);

  /**
   * A visitor that handles some kinds and sends the others to {@link #otherwise}.
   *
   * @param <R> what visiting a node returns
   */
  abstract class Partial<R> implements PlanVisitor<R> {
    /** What a node of a kind this visitor does not handle gives. */
    protected abstract R otherwise(LogicalPlan node);

    @Override
    public R visit(Source node) {
      return otherwise(node);
    }

    @Override
    public R visit(LocalRelation node) {
      return otherwise(node);
    }

    @Override
    public R visit(Project node) {
      return otherwise(node);
    }

    @Override
    public R visit(Filter node) {
      return otherwise(node);
    }

    @Override
    public R visit(Watermark node) {
      return otherwise(node);
    }

    @Override
    public R visit(Aggregate node) {
      return otherwise(node);
    }

    @Override
    public R visit(Deduplicate node) {
      return otherwise(node);
    }

    @Override
    public R visit(Join node) {
      return otherwise(node);
    }

    @Override
    public R visit(Union node) {
      return otherwise(node);
    }

    @Override
    public R visit(Sort node) {
      return otherwise(node);
    }

    @Override
    public R visit(Limit node) {
      return otherwise(node);
    }

    @Override
    public R visit(SubqueryAlias node) {
      return otherwise(node);
    }

    @Override
    public R visit(Windowed node) {
      return otherwise(node);
    }
  }
}
