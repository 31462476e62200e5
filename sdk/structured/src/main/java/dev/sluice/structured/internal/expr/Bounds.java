package dev.sluice.structured.internal.expr;

import java.io.Serializable;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * Small building blocks for {@link Bound} implementations: a bound made of a type, a name and an
 * evaluation function, and null-propagating variants of it.
 *
 * <pre>{@code
 * Bound upper = Bounds.unary(FieldType.STRING, "upper(a)", a, v -> ((String) v).toUpperCase());
 * }</pre>
 */
final class Bounds {
  private Bounds() {}

  /** Evaluates an expression for a row. */
  interface Eval extends Serializable {
    Object eval(Row row, EvalContext ctx);
  }

  /** A function of one non-null value. */
  interface Fn1 extends Serializable {
    Object apply(Object value, EvalContext ctx);
  }

  /** A function of two non-null values. */
  interface Fn2 extends Serializable {
    Object apply(Object a, Object b, EvalContext ctx);
  }

  static Bound of(FieldType type, String name, Eval eval) {
    return new Simple(type, name, eval);
  }

  /** Null if the argument is null, else {@code fn(value)}. */
  static Bound unary(FieldType type, String name, Bound arg, Fn1 fn) {
    return of(
        type,
        name,
        (row, ctx) -> {
          Object v = arg.eval(row, ctx);
          return v == null ? null : fn.apply(v, ctx);
        });
  }

  /** Null if either argument is null, else {@code fn(a, b)}. */
  static Bound binary(FieldType type, String name, Bound left, Bound right, Fn2 fn) {
    return of(
        type,
        name,
        (row, ctx) -> {
          Object a = left.eval(row, ctx);
          if (a == null) {
            return null;
          }
          Object b = right.eval(row, ctx);
          return b == null ? null : fn.apply(a, b, ctx);
        });
  }

  /** The bound converted to {@code to} with Spark's cast, unless it already has that type. */
  static Bound cast(Bound arg, FieldType to) {
    FieldType from = arg.type();
    if (from.withNullable(true).equals(to.withNullable(true))) {
      return arg;
    }
    FieldType type = to.withNullable(true);
    return of(
        type, arg.name(), (row, ctx) -> Values.cast(arg.eval(row, ctx), from, type, ctx.zone));
  }

  /** The bound with another name. */
  static Bound renamed(Bound arg, String name) {
    return of(arg.type(), name, arg::eval);
  }

  private static final class Simple implements Bound {
    private static final long serialVersionUID = 1L;
    private final FieldType type;
    private final String name;
    private final Eval eval;

    Simple(FieldType type, String name, Eval eval) {
      this.type = type;
      this.name = name;
      this.eval = eval;
    }

    @Override
    public FieldType type() {
      return type;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Object eval(Row row, EvalContext ctx) {
      return eval.eval(row, ctx);
    }

    @Override
    public String toString() {
      return name + ": " + Types.sparkName(type);
    }
  }
}
