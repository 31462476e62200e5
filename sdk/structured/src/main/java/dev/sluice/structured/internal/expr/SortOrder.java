package dev.sluice.structured.internal.expr;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A sort key: {@code col("count").desc()}, {@code ts ASC NULLS LAST}. Spark's defaults: nulls first
 * when ascending, last when descending. Only {@link RowOrdering} uses the direction; elsewhere it
 * evaluates as its child.
 *
 * <pre>{@code
 * new SortOrder(new Attribute(List.of("n")), false, false).sql();  // "n DESC NULLS LAST"
 * }</pre>
 */
public final class SortOrder extends Expression {
  private static final long serialVersionUID = 1L;
  private final Expression child;
  private final boolean ascending;
  private final boolean nullsFirst;

  /** A sort key on {@code child}. */
  public SortOrder(Expression child, boolean ascending, boolean nullsFirst) {
    this.child = child;
    this.ascending = ascending;
    this.nullsFirst = nullsFirst;
  }

  /** The key expression. */
  public Expression child() {
    return child;
  }

  /** True for ascending order. */
  public boolean ascending() {
    return ascending;
  }

  /** True if nulls sort before values. */
  public boolean nullsFirst() {
    return nullsFirst;
  }

  @Override
  public String sql() {
    return child.sql()
        + (ascending ? " ASC" : " DESC")
        + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }

  @Override
  public List<Expression> children() {
    return Collections.singletonList(child);
  }

  @Override
  List<Object> parameters() {
    return Arrays.asList(ascending, nullsFirst);
  }

  @Override
  Expression withChildren(List<Expression> c) {
    return new SortOrder(c.get(0), ascending, nullsFirst);
  }

  @Override
  public Bound bind(Schema input) {
    return child.bind(input);
  }
}
