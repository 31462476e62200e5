package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * One aggregate call's accumulator: the fields it keeps in the accumulator row of an {@link
 * Aggregation}, and how it starts, adds a row, merges two partial accumulators and produces its
 * result. State per function:
 *
 * <table>
 *   <caption>Accumulator fields</caption>
 *   <tr><td>count</td><td>count: bigint</td></tr>
 *   <tr><td>sum</td><td>sum: bigint / double / decimal, null until a non-null value is added</td></tr>
 *   <tr><td>avg</td><td>sum: double, count: bigint</td></tr>
 *   <tr><td>min, max</td><td>the extreme value so far</td></tr>
 *   <tr><td>first, last</td><td>value, and whether a row was seen</td></tr>
 *   <tr><td>collect_list</td><td>array of the values</td></tr>
 *   <tr><td>collect_set, count(DISTINCT), approx_count_distinct</td><td>array of the distinct
 *       values (exact, so approx_count_distinct is exact here)</td></tr>
 * </table>
 */
abstract class AggregateFunction implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The call's arguments, bound to the input schema. */
  final List<Bound> args;

  AggregateFunction(List<Bound> args) {
    this.args = args;
  }

  /** Creates the function for a call. */
  static AggregateFunction create(AggregateCall call, Schema input) {
    List<Bound> args = new ArrayList<>();
    for (Expression a : call.args()) {
      if (a instanceof Star) {
        a = Literal.of(1);
      }
      if (a.containsGenerator()) {
        throw new AnalysisException("Generators are not allowed in aggregate functions: " + call);
      }
      args.add(a.bind(input));
    }
    String sql = call.sql();
    switch (call.name()) {
      case "count":
        return call.distinct() ? new Distinct(args, true, sql) : new Count(args);
      case "sum":
        return new Sum(args, sql);
      case "avg":
        return new Avg(args, sql);
      case "min":
      case "max":
        return new Extreme(args, call.name().equals("min"), sql);
      case "first":
      case "last":
        return new FirstLast(args, call.name().equals("first"));
      case "collect_list":
        return new CollectList(args);
      case "collect_set":
        return new Distinct(args, false, sql);
      default: // approx_count_distinct
        return new Distinct(args, true, sql);
    }
  }

  /** The accumulator fields, named with {@code prefix}. */
  abstract List<Field> fields(String prefix);

  /** The initial values of the fields. */
  abstract List<Object> initial();

  /** Adds one input row; {@code acc} holds this function's fields from {@code offset}. */
  abstract void add(List<Object> acc, int offset, Row row, EvalContext ctx);

  /** Merges {@code other}'s fields (from {@code offset}) into {@code acc}. */
  abstract void merge(List<Object> acc, List<Object> other, int offset);

  /** The aggregate's value. */
  abstract Object result(List<Object> acc, int offset);

  /** The type of {@link #result}. */
  abstract FieldType resultType();

  static AnalysisException mismatch(String sql, String why, Bound arg) {
    return ScalarFunctions.mismatch(sql, why, arg);
  }

  private static final class Count extends AggregateFunction {
    Count(List<Bound> args) {
      super(args);
    }

    @Override
    List<Field> fields(String prefix) {
      return List.of(Field.of(prefix + "count", FieldType.INT64));
    }

    @Override
    List<Object> initial() {
      return List.of(0L);
    }

    @Override
    void add(List<Object> acc, int offset, Row row, EvalContext ctx) {
      for (Bound a : args) {
        if (a.eval(row, ctx) == null) {
          return;
        }
      }
      acc.set(offset, (Long) acc.get(offset) + 1);
    }

    @Override
    void merge(List<Object> acc, List<Object> other, int offset) {
      acc.set(offset, (Long) acc.get(offset) + (Long) other.get(offset));
    }

    @Override
    Object result(List<Object> acc, int offset) {
      return acc.get(offset);
    }

    @Override
    FieldType resultType() {
      return FieldType.INT64;
    }
  }

  private static final class Sum extends AggregateFunction {
    private final FieldType type;
    private final Bound value;

    Sum(List<Bound> args, String sql) {
      super(args);
      FieldType in = args.get(0).type();
      if (Types.isIntegral(in)) {
        type = FieldType.INT64;
      } else if (Types.isDecimal(in)) {
        type = FieldType.DECIMAL;
      } else if (Types.isNumeric(in) || Types.isString(in) || Types.isNull(in)) {
        type = FieldType.DOUBLE;
      } else {
        throw mismatch(sql, "sum needs numbers", args.get(0));
      }
      value = Bounds.cast(args.get(0), type);
    }

    @Override
    List<Field> fields(String prefix) {
      return List.of(Field.nullable(prefix + "sum", type));
    }

    @Override
    List<Object> initial() {
      List<Object> init = new ArrayList<>();
      init.add(null);
      return init;
    }

    private Object plus(Object a, Object b) {
      if (a == null || b == null) {
        return a == null ? b : a;
      }
      return BinaryOperator.compute(BinaryOperator.Op.ADD, (Number) a, (Number) b, type);
    }

    @Override
    void add(List<Object> acc, int offset, Row row, EvalContext ctx) {
      Object v = value.eval(row, ctx);
      if (v != null) {
        acc.set(offset, plus(acc.get(offset), v));
      }
    }

    @Override
    void merge(List<Object> acc, List<Object> other, int offset) {
      acc.set(offset, plus(acc.get(offset), other.get(offset)));
    }

    @Override
    Object result(List<Object> acc, int offset) {
      return acc.get(offset);
    }

    @Override
    FieldType resultType() {
      return type.withNullable(true);
    }
  }

  private static final class Avg extends AggregateFunction {
    private final Bound value;

    Avg(List<Bound> args, String sql) {
      super(args);
      FieldType in = args.get(0).type();
      if (!Types.isNumeric(in) && !Types.isString(in) && !Types.isNull(in)) {
        throw mismatch(sql, "avg needs numbers", args.get(0));
      }
      value = Bounds.cast(args.get(0), FieldType.DOUBLE);
    }

    @Override
    List<Field> fields(String prefix) {
      return List.of(
          Field.of(prefix + "sum", FieldType.DOUBLE), Field.of(prefix + "count", FieldType.INT64));
    }

    @Override
    List<Object> initial() {
      return List.of(0.0, 0L);
    }

    @Override
    void add(List<Object> acc, int offset, Row row, EvalContext ctx) {
      Object v = value.eval(row, ctx);
      if (v != null) {
        acc.set(offset, (Double) acc.get(offset) + (Double) v);
        acc.set(offset + 1, (Long) acc.get(offset + 1) + 1);
      }
    }

    @Override
    void merge(List<Object> acc, List<Object> other, int offset) {
      acc.set(offset, (Double) acc.get(offset) + (Double) other.get(offset));
      acc.set(offset + 1, (Long) acc.get(offset + 1) + (Long) other.get(offset + 1));
    }

    @Override
    Object result(List<Object> acc, int offset) {
      long n = (Long) acc.get(offset + 1);
      return n == 0 ? null : (Double) acc.get(offset) / n;
    }

    @Override
    FieldType resultType() {
      return FieldType.DOUBLE.withNullable(true);
    }
  }

  private static final class Extreme extends AggregateFunction {
    private final boolean min;

    Extreme(List<Bound> args, boolean min, String sql) {
      super(args);
      this.min = min;
      FieldType t = args.get(0).type();
      if (Types.isMap(t) || Types.isInterval(t)) {
        throw mismatch(sql, "min/max need orderable values", args.get(0));
      }
    }

    @Override
    List<Field> fields(String prefix) {
      return List.of(Field.nullable(prefix + "value", resultType()));
    }

    @Override
    List<Object> initial() {
      List<Object> init = new ArrayList<>();
      init.add(null);
      return init;
    }

    private Object pick(Object a, Object b) {
      if (a == null || b == null) {
        return a == null ? b : a;
      }
      int c = Values.compare(a, b);
      return (min ? c <= 0 : c >= 0) ? a : b;
    }

    @Override
    void add(List<Object> acc, int offset, Row row, EvalContext ctx) {
      acc.set(offset, pick(acc.get(offset), args.get(0).eval(row, ctx)));
    }

    @Override
    void merge(List<Object> acc, List<Object> other, int offset) {
      acc.set(offset, pick(acc.get(offset), other.get(offset)));
    }

    @Override
    Object result(List<Object> acc, int offset) {
      return acc.get(offset);
    }

    @Override
    FieldType resultType() {
      return Types.forOutput(args.get(0).type(), "value").withNullable(true);
    }
  }

  private static final class FirstLast extends AggregateFunction {
    private final boolean first;

    FirstLast(List<Bound> args, boolean first) {
      super(args);
      this.first = first;
    }

    @Override
    List<Field> fields(String prefix) {
      return List.of(
          Field.nullable(prefix + "value", resultType()),
          Field.of(prefix + "seen", FieldType.BOOLEAN));
    }

    @Override
    List<Object> initial() {
      List<Object> init = new ArrayList<>();
      init.add(null);
      init.add(false);
      return init;
    }

    @Override
    void add(List<Object> acc, int offset, Row row, EvalContext ctx) {
      if (!first || !(Boolean) acc.get(offset + 1)) {
        acc.set(offset, args.get(0).eval(row, ctx));
        acc.set(offset + 1, true);
      }
    }

    @Override
    void merge(List<Object> acc, List<Object> other, int offset) {
      boolean mine = (Boolean) acc.get(offset + 1);
      boolean theirs = (Boolean) other.get(offset + 1);
      if (theirs && (!first || !mine)) {
        acc.set(offset, other.get(offset));
        acc.set(offset + 1, true);
      }
    }

    @Override
    Object result(List<Object> acc, int offset) {
      return acc.get(offset);
    }

    @Override
    FieldType resultType() {
      return Types.forOutput(args.get(0).type(), "value").withNullable(true);
    }
  }

  private static final class CollectList extends AggregateFunction {
    CollectList(List<Bound> args) {
      super(args);
    }

    @Override
    List<Field> fields(String prefix) {
      return List.of(Field.of(prefix + "values", resultType()));
    }

    @Override
    List<Object> initial() {
      return List.of(new ArrayList<>());
    }

    @Override
    @SuppressWarnings("unchecked")
    void add(List<Object> acc, int offset, Row row, EvalContext ctx) {
      Object v = args.get(0).eval(row, ctx);
      if (v != null) {
        List<Object> values = new ArrayList<>((Collection<Object>) acc.get(offset));
        values.add(v);
        acc.set(offset, values);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    void merge(List<Object> acc, List<Object> other, int offset) {
      List<Object> values = new ArrayList<>((Collection<Object>) acc.get(offset));
      values.addAll((Collection<Object>) other.get(offset));
      acc.set(offset, values);
    }

    @Override
    Object result(List<Object> acc, int offset) {
      return acc.get(offset);
    }

    @Override
    FieldType resultType() {
      return FieldType.array(Types.forOutput(args.get(0).type(), "value").withNullable(false));
    }
  }

  /** collect_set, count(DISTINCT ...) and approx_count_distinct: the exact set of values. */
  private static final class Distinct extends AggregateFunction {
    private final boolean count;
    private final FieldType element;
    private final Schema tuple;

    Distinct(List<Bound> args, boolean count, String sql) {
      super(args);
      this.count = count;
      if (args.size() == 1) {
        tuple = null;
        element = Types.forOutput(args.get(0).type(), sql).withNullable(false);
      } else {
        Schema.Builder b = Schema.builder();
        for (int i = 0; i < args.size(); i++) {
          b.addField("c" + i, Types.forOutput(args.get(i).type(), sql).withNullable(false));
        }
        tuple = b.build();
        element = FieldType.row(tuple);
      }
    }

    @Override
    List<Field> fields(String prefix) {
      return List.of(Field.of(prefix + "distinct", FieldType.array(element)));
    }

    @Override
    List<Object> initial() {
      return List.of(new ArrayList<>());
    }

    @Override
    @SuppressWarnings("unchecked")
    void add(List<Object> acc, int offset, Row row, EvalContext ctx) {
      Object v;
      if (tuple == null) {
        v = args.get(0).eval(row, ctx);
      } else {
        List<Object> values = new ArrayList<>();
        for (Bound a : args) {
          Object x = a.eval(row, ctx);
          if (x == null) {
            return;
          }
          values.add(x instanceof BigDecimal ? ((BigDecimal) x).stripTrailingZeros() : x);
        }
        v = Row.withSchema(tuple).attachValues(values);
      }
      if (v == null) {
        return;
      }
      Collection<Object> current = (Collection<Object>) acc.get(offset);
      if (!current.contains(v)) {
        List<Object> values = new ArrayList<>(current);
        values.add(v);
        acc.set(offset, values);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    void merge(List<Object> acc, List<Object> other, int offset) {
      Set<Object> union = new LinkedHashSet<>((Collection<Object>) acc.get(offset));
      union.addAll((Collection<Object>) other.get(offset));
      acc.set(offset, new ArrayList<>(union));
    }

    @Override
    Object result(List<Object> acc, int offset) {
      Collection<?> values = (Collection<?>) acc.get(offset);
      return count ? (Object) (long) values.size() : new ArrayList<>(values);
    }

    @Override
    FieldType resultType() {
      return count ? FieldType.INT64 : FieldType.array(element);
    }
  }
}
