package dev.sluice.structured;

import dev.sluice.structured.internal.ApiAccess;
import dev.sluice.structured.internal.expr.Alias;
import dev.sluice.structured.internal.expr.BinaryOperator;
import dev.sluice.structured.internal.expr.BinaryOperator.Op;
import dev.sluice.structured.internal.expr.CaseWhen;
import dev.sluice.structured.internal.expr.Cast;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.expr.ExtractValue;
import dev.sluice.structured.internal.expr.FunctionCall;
import dev.sluice.structured.internal.expr.In;
import dev.sluice.structured.internal.expr.Literal;
import dev.sluice.structured.internal.expr.SortOrder;
import dev.sluice.structured.internal.expr.UnaryOperator;
import dev.sluice.structured.internal.expr.WindowExpression;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A column of a DataFrame: an immutable, serializable wrapper of an {@link Expression}, with
 * Spark's {@code Column} methods. Arguments that are not columns are literals ({@code
 * col("v").plus(1)} is {@code (v + 1)}). {@link #toString()} is Spark's SQL text of the column.
 *
 * <pre>{@code
 * import static dev.sluice.structured.Functions.*;
 *
 * Column big = col("value").multiply(2).gt(100).and(col("action").isin("open", "close"));
 * big.toString();   // "(((value * 2) > 100) AND (action IN (open, close)))"
 * when(col("value").gt(100), "big").otherwise("small").as("size");
 * col("count").desc();
 * }</pre>
 */
public class Column implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Expression expression;

  static {
    ApiAccess.install(new InternalDoor());
  }

  /** A column computing {@code expression}. */
  Column(Expression expression) {
    this.expression = Objects.requireNonNull(expression, "expression");
  }

  /** The expression this column computes. */
  Expression expression() {
    return expression;
  }

  static List<Expression> expressions(List<Column> columns) {
    List<Expression> out = new ArrayList<>(columns.size());
    for (Column c : columns) {
      out.add(c.expression);
    }
    return out;
  }

  static Expression toExpression(Object value) {
    if (value instanceof Column) {
      return ((Column) value).expression;
    }
    return Literal.of(value);
  }

  private Column binary(Op op, Object other) {
    return new Column(new BinaryOperator(op, expression, toExpression(other)));
  }

  private Column call(String function, Object... args) {
    List<Expression> list = new ArrayList<>();
    list.add(expression);
    for (Object a : args) {
      list.add(toExpression(a));
    }
    return new Column(new FunctionCall(function, list));
  }

  /** {@code this + other}. */
  public Column plus(Object other) {
    return binary(Op.ADD, other);
  }

  /** {@code this - other}. */
  public Column minus(Object other) {
    return binary(Op.SUBTRACT, other);
  }

  /** {@code this * other}. */
  public Column multiply(Object other) {
    return binary(Op.MULTIPLY, other);
  }

  /** {@code this / other} (a double, or null when dividing by zero). */
  public Column divide(Object other) {
    return binary(Op.DIVIDE, other);
  }

  /** {@code this % other}. */
  public Column mod(Object other) {
    return binary(Op.MOD, other);
  }

  /** {@code -this}. */
  public Column unary_minus() {
    return new Column(new UnaryOperator(UnaryOperator.Kind.NEGATE, expression));
  }

  /** {@code this = other}. */
  public Column equalTo(Object other) {
    return binary(Op.EQ, other);
  }

  /** {@code this <=> other}: equality where null equals null. */
  public Column eqNullSafe(Object other) {
    return binary(Op.EQ_NULL_SAFE, other);
  }

  /** {@code NOT (this = other)}. */
  public Column notEqual(Object other) {
    return new Column(new UnaryOperator(UnaryOperator.Kind.NOT, binary(Op.EQ, other).expression));
  }

  /** {@code this > other}. */
  public Column gt(Object other) {
    return binary(Op.GT, other);
  }

  /** {@code this >= other}. */
  public Column geq(Object other) {
    return binary(Op.GE, other);
  }

  /** {@code this < other}. */
  public Column lt(Object other) {
    return binary(Op.LT, other);
  }

  /** {@code this <= other}. */
  public Column leq(Object other) {
    return binary(Op.LE, other);
  }

  /** {@code this AND other} (three-valued). */
  public Column and(Column other) {
    return binary(Op.AND, other);
  }

  /** {@code this OR other} (three-valued). */
  public Column or(Column other) {
    return binary(Op.OR, other);
  }

  /** {@code NOT this}. */
  public Column not() {
    return new Column(new UnaryOperator(UnaryOperator.Kind.NOT, expression));
  }

  /** {@code this IS NULL}. */
  public Column isNull() {
    return new Column(new UnaryOperator(UnaryOperator.Kind.IS_NULL, expression));
  }

  /** {@code this IS NOT NULL}. */
  public Column isNotNull() {
    return new Column(new UnaryOperator(UnaryOperator.Kind.IS_NOT_NULL, expression));
  }

  /** {@code this IN (values...)}; values may be columns or literals. */
  public Column isin(Object... values) {
    List<Expression> list = new ArrayList<>();
    for (Object v : values) {
      list.add(toExpression(v));
    }
    return new Column(new In(expression, list));
  }

  /** {@code this IN (values...)} for the elements of a collection. */
  public Column isInCollection(Iterable<?> values) {
    List<Object> list = new ArrayList<>();
    for (Object v : values) {
      list.add(v);
    }
    return isin(list.toArray());
  }

  /** {@code this >= lower AND this <= upper}. */
  public Column between(Object lower, Object upper) {
    return geq(lower).and(leq(upper));
  }

  /** SQL LIKE: {@code %} matches any text, {@code _} one character. */
  public Column like(String pattern) {
    return call("like", pattern);
  }

  /** True if a Java regular expression matches part of the value. */
  public Column rlike(String regex) {
    return call("rlike", regex);
  }

  /** True if the value contains {@code other}. */
  public Column contains(Object other) {
    return call("contains", other);
  }

  /** True if the value starts with {@code other}. */
  public Column startsWith(Object other) {
    return call("startswith", other);
  }

  /** True if the value ends with {@code other}. */
  public Column endsWith(Object other) {
    return call("endswith", other);
  }

  /** The substring from 1-based {@code startPos} of {@code length} characters. */
  public Column substr(int startPos, int length) {
    return call("substring", startPos, length);
  }

  /** The substring from 1-based {@code startPos} of {@code length} characters. */
  public Column substr(Column startPos, Column length) {
    return call("substring", startPos, length);
  }

  /**
   * {@code CAST(this AS ddlType)}, e.g. {@code cast("int")}, {@code cast("timestamp")}, {@code
   * cast("decimal(10,2)")}.
   *
   * @throws AnalysisException if {@code ddlType} is not a Spark data type
   */
  public Column cast(String ddlType) {
    return new Column(Cast.to(expression, ddlType));
  }

  /** The column renamed. */
  public Column as(String alias) {
    Expression child = expression instanceof Alias ? ((Alias) expression).child() : expression;
    return new Column(new Alias(child, alias));
  }

  /** The column renamed (same as {@link #as}). */
  public Column alias(String alias) {
    return as(alias);
  }

  /** The column renamed (same as {@link #as}). */
  public Column name(String alias) {
    return as(alias);
  }

  /** The field {@code name} of a struct column. */
  public Column getField(String name) {
    return new Column(new ExtractValue(expression, Literal.of(name), true));
  }

  /** The element at 0-based index of an array, the value for a key of a map. */
  public Column getItem(Object key) {
    return new Column(new ExtractValue(expression, toExpression(key), false));
  }

  /**
   * Another branch of a {@code when(...)} column.
   *
   * @throws IllegalArgumentException unless this column comes from {@link Functions#when}
   */
  public Column when(Column condition, Object value) {
    if (!(expression instanceof CaseWhen)) {
      throw new IllegalArgumentException(
          "when() can only be applied on a Column previously generated by when() function,"
              + " e.g. when(c1, v1).when(c2, v2); this column is "
              + this);
    }
    return new Column(
        ((CaseWhen) expression).withBranch(condition.expression, toExpression(value)));
  }

  /**
   * The value when no {@code when(...)} branch holds.
   *
   * @throws IllegalArgumentException unless this column comes from {@link Functions#when}
   */
  public Column otherwise(Object value) {
    if (!(expression instanceof CaseWhen)) {
      throw new IllegalArgumentException(
          "otherwise() can only be applied on a Column previously generated by when(), e.g."
              + " when(c, v).otherwise(other); this column is "
              + this);
    }
    return new Column(((CaseWhen) expression).withOtherwise(toExpression(value)));
  }

  /**
   * This aggregate or window function computed over {@code window} for each row (Spark's {@code
   * over}): {@code row_number().over(w)}, {@code sum("value").over(w)}.
   *
   * <pre>{@code
   * WindowSpec w = Window.partitionBy("user_id").orderBy("timestamp");
   * df.select(col("user_id"), rank().over(w).as("rank"), avg("value").over(w).as("avg_so_far"));
   * }</pre>
   *
   * @throws AnalysisException unless this column is an aggregate or a window function
   */
  public Column over(WindowSpec window) {
    return new Column(new WindowExpression(expression, window.definition()));
  }

  /** {@link #over(WindowSpec)} a window of all rows (no partitioning, ordering or frame). */
  public Column over() {
    return over(Window.partitionBy(new Column[0]));
  }

  /** Ascending sort order, nulls first. */
  public Column asc() {
    return sort(true, true);
  }

  /** Ascending sort order, nulls first. */
  public Column asc_nulls_first() {
    return sort(true, true);
  }

  /** Ascending sort order, nulls last. */
  public Column asc_nulls_last() {
    return sort(true, false);
  }

  /** Descending sort order, nulls last. */
  public Column desc() {
    return sort(false, false);
  }

  /** Descending sort order, nulls first. */
  public Column desc_nulls_first() {
    return sort(false, true);
  }

  /** Descending sort order, nulls last. */
  public Column desc_nulls_last() {
    return sort(false, false);
  }

  private Column sort(boolean ascending, boolean nullsFirst) {
    Expression child =
        expression instanceof SortOrder ? ((SortOrder) expression).child() : expression;
    return new Column(new SortOrder(child, ascending, nullsFirst));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Column && ((Column) o).expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  /** Spark's SQL text of the column, e.g. {@code (a + 1)} or {@code a AS b}. */
  @Override
  public String toString() {
    return expression.toString();
  }
}
