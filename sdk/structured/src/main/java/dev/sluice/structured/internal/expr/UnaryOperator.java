package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * {@code NOT a}, {@code - a}, {@code a IS NULL}, {@code a IS NOT NULL}.
 *
 * <pre>{@code
 * new UnaryOperator(UnaryOperator.Kind.IS_NULL, col).sql();  // "(a IS NULL)"
 * }</pre>
 */
public final class UnaryOperator extends Expression {
  private static final long serialVersionUID = 1L;

  /** The operators. */
  public enum Kind {
    NOT,
    NEGATE,
    IS_NULL,
    IS_NOT_NULL
  }

  private final Kind kind;
  private final Expression child;

  /** The operator applied to {@code child}. */
  public UnaryOperator(Kind kind, Expression child) {
    this.kind = kind;
    this.child = child;
  }

  @Override
  public String sql() {
    switch (kind) {
      case NOT:
        return "(NOT " + child.sql() + ")";
      case NEGATE:
        return "(- " + child.sql() + ")";
      case IS_NULL:
        return "(" + child.sql() + " IS NULL)";
      default:
        return "(" + child.sql() + " IS NOT NULL)";
    }
  }

  @Override
  public List<Expression> children() {
    return Collections.singletonList(child);
  }

  @Override
  List<Object> parameters() {
    return Collections.singletonList(kind);
  }

  @Override
  Expression withChildren(List<Expression> c) {
    return new UnaryOperator(kind, c.get(0));
  }

  @Override
  public Bound bind(Schema input) {
    Bound c = child.bind(input);
    FieldType t = c.type();
    switch (kind) {
      case IS_NULL:
        return Bounds.of(FieldType.BOOLEAN, sql(), (row, ctx) -> c.eval(row, ctx) == null);
      case IS_NOT_NULL:
        return Bounds.of(FieldType.BOOLEAN, sql(), (row, ctx) -> c.eval(row, ctx) != null);
      case NOT:
        if (!Types.isBoolean(t) && !Types.isNull(t)) {
          throw new AnalysisException(
              "Cannot resolve '"
                  + sql()
                  + "' due to data type mismatch: NOT needs a boolean but "
                  + child.sql()
                  + " is "
                  + Types.sparkName(t));
        }
        return Bounds.unary(
            FieldType.BOOLEAN.withNullable(t.getNullable()), sql(), c, (v, ctx) -> !(Boolean) v);
      default:
        if (Types.isInterval(t)) {
          return Bounds.unary(t, sql(), c, (v, ctx) -> -(Long) v);
        }
        FieldType type = Types.isNumeric(t) ? t : FieldType.DOUBLE.withNullable(true);
        if (!Types.isNumeric(t) && !Types.isString(t) && !Types.isNull(t)) {
          throw new AnalysisException(
              "Cannot resolve '"
                  + sql()
                  + "' due to data type mismatch: - needs a number but "
                  + child.sql()
                  + " is "
                  + Types.sparkName(t));
        }
        Bound n = Bounds.cast(c, type);
        return Bounds.unary(type, sql(), n, (v, ctx) -> negate((Number) v, type));
    }
  }

  private static Object negate(Number n, FieldType type) {
    if (n instanceof BigDecimal) {
      return ((BigDecimal) n).negate();
    }
    if (n instanceof Double || n instanceof Float) {
      return Values.toNumber(-n.doubleValue(), type);
    }
    return Values.toNumber(-n.longValue(), type);
  }
}
