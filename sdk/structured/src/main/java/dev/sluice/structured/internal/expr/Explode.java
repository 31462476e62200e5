package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Spark's {@code explode(array)} (one row per element, column {@code col}) and {@code explode(map)}
 * (one row per entry, columns {@code key} and {@code value}); {@code explode_outer} also keeps a
 * row, with nulls, for a null or empty input. Only {@link Projection} evaluates it, and only as a
 * whole column of a select.
 *
 * <pre>{@code
 * // select(explode(split(col("value"), " ")).as("word"))
 * }</pre>
 */
public final class Explode extends Expression {
  private static final long serialVersionUID = 1L;
  private final Expression child;
  private final boolean outer;

  /** {@code explode(child)}, or {@code explode_outer(child)} when {@code outer}. */
  public Explode(Expression child, boolean outer) {
    this.child = child;
    this.outer = outer;
  }

  /** The array or map expression. */
  public Expression child() {
    return child;
  }

  /** True for explode_outer. */
  public boolean outer() {
    return outer;
  }

  @Override
  public String sql() {
    return "col";
  }

  @Override
  public String toString() {
    return (outer ? "explode_outer(" : "explode(") + child.sql() + ")";
  }

  @Override
  public List<Expression> children() {
    return Collections.singletonList(child);
  }

  @Override
  List<Object> parameters() {
    return Arrays.asList(outer);
  }

  @Override
  Expression withChildren(List<Expression> c) {
    return new Explode(c.get(0), outer);
  }

  @Override
  public boolean isGenerator() {
    return true;
  }

  @Override
  public Bound bind(Schema input) {
    throw new AnalysisException(
        "Generators are not supported when it's nested in expressions, but got: "
            + toString()
            + "; use explode(...) as a whole column of select(...), e.g."
            + " select(explode(col(\"words\")).as(\"word\"))");
  }

  /** The array or map being exploded, checked. */
  Bound bindInput(Schema input) {
    Bound b = child.bind(input);
    if (!Types.isArray(b.type()) && !Types.isMap(b.type())) {
      throw new AnalysisException(
          "Cannot resolve '"
              + toString()
              + "' due to data type mismatch: input to function explode should be array or map"
              + " type, not "
              + Types.sparkName(b.type()));
    }
    return b;
  }
}
