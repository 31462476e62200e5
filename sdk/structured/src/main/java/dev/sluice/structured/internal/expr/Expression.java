package dev.sluice.structured.internal.expr;

import dev.sluice.structured.internal.sql.SqlParser;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A Spark SQL expression: an immutable tree built by {@code Column}, {@code Functions} or {@link
 * SqlParser}, resolved against a schema with {@link #bind}.
 *
 * <p>{@link #sql()} is the column name Spark generates for the expression ({@code (a + 1)}, {@code
 * count(1)}, {@code window}); {@link #toString()} is Spark's SQL text of it, which differs only for
 * aliases ({@code a AS b}), generators and windows. Two expressions are equal when their trees are.
 *
 * <pre>{@code
 * Expression e = SqlParser.expression("upper(action)");
 * e.sql();                          // "upper(action)"
 * e.isAggregate();                  // false
 * Bound b = e.bind(schema);         // resolves 'action' (case-insensitively)
 * }</pre>
 */
public abstract class Expression implements Serializable {
  private static final long serialVersionUID = 1L;

  Expression() {}

  /** Spark's generated column name of this expression. */
  public abstract String sql();

  /** The sub-expressions, in order. */
  public abstract List<Expression> children();

  /** Everything besides the children that makes this expression what it is (for equality). */
  abstract List<Object> parameters();

  /** A copy of this expression with other children (same number and order). */
  abstract Expression withChildren(List<Expression> children);

  /**
   * Resolves the expression against an input schema.
   *
   * @throws dev.sluice.structured.AnalysisException if a column does not exist, types do not fit,
   *     or the expression cannot be evaluated row by row (an aggregate or a generator)
   */
  public abstract Bound bind(Schema input);

  /** True if the tree contains an aggregate function call ({@code sum}, {@code count}, ...). */
  public boolean isAggregate() {
    for (Expression child : children()) {
      if (child.isAggregate()) {
        return true;
      }
    }
    return false;
  }

  /** True if this expression is a generator ({@code explode}), alone or under an alias. */
  public boolean isGenerator() {
    return false;
  }

  /** True if a generator occurs anywhere in the tree. */
  boolean containsGenerator() {
    if (isGenerator()) {
      return true;
    }
    for (Expression child : children()) {
      if (child.containsGenerator()) {
        return true;
      }
    }
    return false;
  }

  /** Rewrites the tree top-down: where {@code rule} returns non-null, that replaces the subtree. */
  @SuppressWarnings("ReferenceEquality") // identity on purpose: did the rule replace this child?
  public Expression transform(Function<Expression, Expression> rule) {
    Expression replaced = rule.apply(this);
    if (replaced != null) {
      return replaced;
    }
    List<Expression> children = children();
    if (children.isEmpty()) {
      return this;
    }
    List<Expression> rewritten = new ArrayList<>(children.size());
    boolean changed = false;
    for (Expression child : children) {
      Expression r = child.transform(rule);
      changed |= r != child;
      rewritten.add(r);
    }
    return changed ? withChildren(rewritten) : this;
  }

  /** The expression with any alias on top removed. */
  public Expression unalias() {
    return this;
  }

  @Override
  @SuppressWarnings("EqualsGetClass") // expressions of different node types are never equal
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    Expression other = (Expression) o;
    return parameters().equals(other.parameters()) && children().equals(other.children());
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass().getSimpleName(), parameters(), children());
  }

  @Override
  public String toString() {
    return sql();
  }
}
