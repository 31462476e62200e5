package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.joda.time.ReadableInstant;

/**
 * Arithmetic ({@code + - * / %}), comparison ({@code = <=> < <= > >=}, and {@code !=} as {@code NOT
 * (a = b)}) and logical ({@code AND}, {@code OR}) operators with Spark's typing:
 *
 * <ul>
 *   <li>numbers widen (int + bigint is bigint); a string operand of arithmetic is read as a double;
 *       {@code /} is always double (decimal for decimals); division or modulo by zero is null;
 *   <li>timestamp ± interval is a timestamp, timestamp − timestamp an interval;
 *   <li>comparisons convert both sides to a common type ({@link Types#comparisonType}); a string
 *       compared with a number, timestamp or date is cast to that type;
 *   <li>null in, null out, except {@code <=>} and SQL's three-valued {@code AND}/{@code OR} ({@code
 *       false AND null} is false, {@code true OR null} is true).
 * </ul>
 *
 * <pre>{@code
 * new BinaryOperator(BinaryOperator.Op.ADD, col, Literal.of(1)).sql();  // "(a + 1)"
 * }</pre>
 */
public final class BinaryOperator extends Expression {
  private static final long serialVersionUID = 1L;

  /** The operators, with the symbol Spark prints. */
  public enum Op {
    ADD("+"),
    SUBTRACT("-"),
    MULTIPLY("*"),
    DIVIDE("/"),
    MOD("%"),
    EQ("="),
    EQ_NULL_SAFE("<=>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    AND("AND"),
    OR("OR");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    // The constants are declared in groups (arithmetic, then comparisons); ranges of ordinals
    // name the groups.
    @SuppressWarnings("EnumOrdinal")
    boolean isArithmetic() {
      return ordinal() <= MOD.ordinal();
    }

    @SuppressWarnings("EnumOrdinal")
    boolean isComparison() {
      return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
    }
  }

  private final Op op;
  private final Expression left;
  private final Expression right;

  /** {@code (left op right)}. */
  public BinaryOperator(Op op, Expression left, Expression right) {
    this.op = op;
    this.left = left;
    this.right = right;
  }

  /** The operator. */
  public Op op() {
    return op;
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " " + op.symbol + " " + right.sql() + ")";
  }

  @Override
  public List<Expression> children() {
    return Arrays.asList(left, right);
  }

  @Override
  List<Object> parameters() {
    return Collections.singletonList(op);
  }

  @Override
  Expression withChildren(List<Expression> c) {
    return new BinaryOperator(op, c.get(0), c.get(1));
  }

  @Override
  public Bound bind(Schema input) {
    Bound l = left.bind(input);
    Bound r = right.bind(input);
    if (op.isArithmetic()) {
      return arithmetic(l, r);
    } else if (op.isComparison()) {
      return comparison(l, r);
    }
    return logical(l, r);
  }

  private AnalysisException mismatch(Bound l, Bound r, String why) {
    return new AnalysisException(
        "Cannot resolve '"
            + sql()
            + "' due to data type mismatch: "
            + why
            + " ("
            + Types.sparkName(l.type())
            + " and "
            + Types.sparkName(r.type())
            + ")");
  }

  private Bound arithmetic(Bound l, Bound r) {
    FieldType lt = l.type();
    FieldType rt = r.type();
    boolean nullable = lt.getNullable() || rt.getNullable();
    if ((op == Op.ADD || op == Op.SUBTRACT) && (isTime(lt) || isTime(rt))) {
      return timeArithmetic(l, r, nullable);
    }
    if (Types.isInterval(lt) && Types.isInterval(rt) && (op == Op.ADD || op == Op.SUBTRACT)) {
      int sign = op == Op.ADD ? 1 : -1;
      return Bounds.binary(
          Types.INTERVAL.withNullable(nullable),
          sql(),
          l,
          r,
          (a, b, ctx) -> (Long) a + sign * (Long) b);
    }
    if (Types.isNull(lt) && Types.isNumeric(rt)) {
      lt = rt.withNullable(true); // a + NULL has a's type
    } else if (Types.isNull(rt) && Types.isNumeric(lt)) {
      rt = lt.withNullable(true);
    }
    lt = numericOperand(lt, l, r);
    rt = numericOperand(rt, l, r);
    FieldType type = Types.widen(lt, rt);
    if (op == Op.DIVIDE && !Types.isDecimal(type)) {
      type = FieldType.DOUBLE;
    }
    if (op == Op.DIVIDE || op == Op.MOD) {
      nullable = true;
    }
    FieldType result = type.withNullable(nullable);
    Bound a = Bounds.cast(l, type);
    Bound b = Bounds.cast(r, type);
    Op o = op;
    return Bounds.binary(
        result, sql(), a, b, (x, y, ctx) -> compute(o, (Number) x, (Number) y, result));
  }

  private FieldType numericOperand(FieldType t, Bound l, Bound r) {
    if (Types.isNumeric(t)) {
      return t;
    }
    if (Types.isString(t) || Types.isNull(t)) {
      return FieldType.DOUBLE.withNullable(true);
    }
    throw mismatch(l, r, "the operator " + op.symbol + " needs numbers");
  }

  private static boolean isTime(FieldType t) {
    return Types.isTimestamp(t) || Types.isDate(t);
  }

  private Bound timeArithmetic(Bound l, Bound r, boolean nullable) {
    FieldType lt = l.type();
    FieldType rt = r.type();
    if (isTime(lt) && isTime(rt) && op == Op.SUBTRACT) {
      Bound a = Bounds.cast(l, FieldType.DATETIME);
      Bound b = Bounds.cast(r, FieldType.DATETIME);
      return Bounds.binary(
          Types.INTERVAL.withNullable(nullable),
          sql(),
          a,
          b,
          (x, y, ctx) -> ((ReadableInstant) x).getMillis() - ((ReadableInstant) y).getMillis());
    }
    Bound time = isTime(lt) ? l : r;
    Bound interval = isTime(lt) ? r : l;
    if (!Types.isInterval(interval.type()) || (op == Op.SUBTRACT && time == r)) {
      throw mismatch(
          l, r, "add or subtract an interval to a timestamp, e.g. ts + INTERVAL '5 minutes'");
    }
    Bound t = Bounds.cast(time, FieldType.DATETIME);
    int sign = op == Op.ADD ? 1 : -1;
    return Bounds.binary(
        FieldType.DATETIME.withNullable(nullable),
        sql(),
        t,
        interval,
        (x, y, ctx) -> Values.toInstant(((ReadableInstant) x).getMillis() + sign * (Long) y));
  }

  static Object compute(Op op, Number x, Number y, FieldType type) {
    switch (type.getTypeName()) {
      case DOUBLE:
      case FLOAT:
        {
          double a = x.doubleValue();
          double b = y.doubleValue();
          double v;
          switch (op) {
            case ADD:
              v = a + b;
              break;
            case SUBTRACT:
              v = a - b;
              break;
            case MULTIPLY:
              v = a * b;
              break;
            case DIVIDE:
              if (b == 0) {
                return null;
              }
              v = a / b;
              break;
            default:
              if (b == 0) {
                return null;
              }
              v = a % b;
          }
          return Values.toNumber(v, type);
        }
      case BYTE:
      case INT16:
      case INT32:
      case INT64:
        {
          long a = x.longValue();
          long b = y.longValue();
          long v;
          switch (op) {
            case ADD:
              v = a + b;
              break;
            case SUBTRACT:
              v = a - b;
              break;
            case MULTIPLY:
              v = a * b;
              break;
            default:
              if (b == 0) {
                return null;
              }
              v = op == Op.DIVIDE ? a / b : a % b;
          }
          return Values.toNumber(v, type);
        }
      default:
        {
          BigDecimal a = Values.toBigDecimal(x);
          BigDecimal b = Values.toBigDecimal(y);
          BigDecimal v;
          switch (op) {
            case ADD:
              v = a.add(b);
              break;
            case SUBTRACT:
              v = a.subtract(b);
              break;
            case MULTIPLY:
              v = a.multiply(b);
              break;
            case DIVIDE:
              if (b.signum() == 0) {
                return null;
              }
              v = a.divide(b, MathContext.DECIMAL128);
              break;
            default:
              if (b.signum() == 0) {
                return null;
              }
              v = a.remainder(b);
          }
          return Values.toNumber(v, type);
        }
    }
  }

  private Bound comparison(Bound l, Bound r) {
    FieldType common = Types.comparisonType(l.type(), r.type());
    if (common == null) {
      throw mismatch(l, r, "the operands of " + op.symbol + " cannot be compared");
    }
    FieldType plain = common.withNullable(true);
    Bound a = Bounds.cast(l, plain);
    Bound b = Bounds.cast(r, plain);
    Op o = op;
    if (op == Op.EQ_NULL_SAFE) {
      return Bounds.of(
          FieldType.BOOLEAN,
          sql(),
          (row, ctx) -> {
            Object x = a.eval(row, ctx);
            Object y = b.eval(row, ctx);
            return (x == null || y == null) ? x == y : Values.compare(x, y) == 0;
          });
    }
    boolean nullable =
        l.type().getNullable()
            || r.type().getNullable()
            || Types.castMayFail(l.type(), common)
            || Types.castMayFail(r.type(), common);
    FieldType type = FieldType.BOOLEAN.withNullable(nullable);
    return Bounds.binary(type, sql(), a, b, (x, y, ctx) -> test(o, Values.compare(x, y)));
  }

  private static boolean test(Op op, int c) {
    switch (op) {
      case EQ:
        return c == 0;
      case LT:
        return c < 0;
      case LE:
        return c <= 0;
      case GT:
        return c > 0;
      default:
        return c >= 0;
    }
  }

  private Bound logical(Bound l, Bound r) {
    for (Bound b : Arrays.asList(l, r)) {
      if (!Types.isBoolean(b.type()) && !Types.isNull(b.type())) {
        throw mismatch(l, r, "the operands of " + op.symbol + " must be boolean");
      }
    }
    FieldType type =
        FieldType.BOOLEAN.withNullable(l.type().getNullable() || r.type().getNullable());
    boolean isAnd = op == Op.AND;
    return Bounds.of(
        type,
        sql(),
        (row, ctx) -> {
          Boolean a = (Boolean) l.eval(row, ctx);
          if (a != null && a != isAnd) {
            return a; // false AND x = false; true OR x = true
          }
          Boolean b = (Boolean) r.eval(row, ctx);
          if (b != null && b != isAnd) {
            return b;
          }
          return (a == null || b == null) ? null : isAnd;
        });
  }
}
