package dev.sluice.structured.internal.expr;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * Spark's math functions for {@link FunctionCall}: {@code abs}, {@code round(x[, scale])} (half up,
 * keeping the input type), {@code floor} and {@code ceil} (bigint), {@code sqrt} (double) and
 * {@code isnan}. Strings are read as doubles.
 *
 * <pre>{@code
 * // round(col("v"), 1) on -2.45 gives -2.5
 * }</pre>
 */
final class MathFunctions {
  private MathFunctions() {}

  static Bound bind(String name, String sql, List<Bound> args) {
    switch (name) {
      case "abs":
        {
          Bound n = ScalarFunctions.number(sql, args.get(0));
          FieldType t = n.type();
          return Bounds.unary(t, sql, n, (v, ctx) -> abs((Number) v, t));
        }
      case "round":
        return round(sql, args);
      case "floor":
      case "ceil":
        {
          Bound n = ScalarFunctions.number(sql, args.get(0));
          if (Types.isIntegral(n.type())) {
            return Bounds.renamed(Bounds.cast(n, FieldType.INT64), sql);
          }
          boolean floor = name.equals("floor");
          return Bounds.unary(
              FieldType.INT64.withNullable(n.type().getNullable()),
              sql,
              Bounds.cast(n, FieldType.DOUBLE),
              (v, ctx) -> (long) (floor ? Math.floor((Double) v) : Math.ceil((Double) v)));
        }
      case "sqrt":
        return Bounds.unary(
            FieldType.DOUBLE.withNullable(true),
            sql,
            Bounds.cast(ScalarFunctions.number(sql, args.get(0)), FieldType.DOUBLE),
            (v, ctx) -> Math.sqrt((Double) v));
      case "isnan":
        {
          Bound d = Bounds.cast(ScalarFunctions.number(sql, args.get(0)), FieldType.DOUBLE);
          return Bounds.of(
              FieldType.BOOLEAN,
              sql,
              (row, ctx) -> {
                Object v = d.eval(row, ctx);
                return v != null && Double.isNaN((Double) v);
              });
        }
      default:
        throw new IllegalStateException("not a math function: " + name);
    }
  }

  static Object abs(Number n, FieldType type) {
    if (n instanceof BigDecimal) {
      return ((BigDecimal) n).abs();
    }
    if (n instanceof Double || n instanceof Float) {
      return Values.toNumber(Math.abs(n.doubleValue()), type);
    }
    return Values.toNumber(Math.abs(n.longValue()), type);
  }

  static Bound round(String sql, List<Bound> args) {
    Bound n = ScalarFunctions.number(sql, args.get(0));
    int scale = 0;
    if (args.size() > 1) {
      Object s;
      try {
        s = args.get(1).eval(null, null);
      } catch (RuntimeException e) {
        s = null;
      }
      if (!(s instanceof Number)) {
        throw ScalarFunctions.mismatch(
            sql, "the scale of round must be an integer literal", args.get(1));
      }
      scale = ((Number) s).intValue();
    }
    FieldType type = n.type();
    int digits = scale;
    return Bounds.unary(
        type,
        sql,
        n,
        (v, ctx) -> {
          Number x = (Number) v;
          if ((x instanceof Double || x instanceof Float) && !Double.isFinite(x.doubleValue())) {
            return x;
          }
          BigDecimal d = Values.toBigDecimal(x).setScale(digits, RoundingMode.HALF_UP);
          return Values.toNumber(d, type);
        });
  }
}
