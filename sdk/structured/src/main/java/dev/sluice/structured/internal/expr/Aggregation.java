package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * {@code groupBy(keys...).agg(aggregates...)} resolved against an input schema, split into the
 * pieces a stateful Beam transform needs: the key(s) of a row, an accumulator held as a Beam {@link
 * Row} (so it can live in Beam state with {@code RowCoder}), and the result row of a key.
 *
 * <p>Aggregate columns may be expressions over aggregate calls and grouping columns ({@code sum(x)
 * / count(x)}, {@code upper(word)}, {@code count("*").as("n")}). Grouping columns may include a
 * {@code window(...)} (a sliding window gives one key per window holding the row's time) or one
 * {@code session_window(...)}: its key holds the session {@code [t, t + gap)} of the single event,
 * and the caller merges overlapping sessions of equal other keys (merging their accumulators with
 * {@link #merge}). Rows whose window time is null belong to no key.
 *
 * <p>Output: the key columns, then one column per aggregate, with Spark's names and types ({@code
 * count} bigint not null, {@code sum} of integers bigint, {@code avg} double, {@code min}/{@code
 * max} the input type ...). {@code countDistinct}, {@code approx_count_distinct} (exact here) and
 * {@code collect_set} keep the exact set of values in the accumulator.
 *
 * <pre>{@code
 * Aggregation agg = Aggregation.of(schema,
 *     List.of(window(col("ts"), "10 minutes"), col("action")),
 *     List.of(count("*").as("n"), avg(col("value"))));
 * for (Row key : agg.keysOf(row, ctx)) {
 *   Row acc = agg.add(stateFor(key, agg.createAccumulator()), row, ctx);
 *   ...
 *   Row out = agg.result(key, acc);   // window, action, n, avg(value)
 * }
 * }</pre>
 */
public final class Aggregation implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Expression> groupBy;
  private final List<Bound> keyBounds; // null at the window slot
  private final Schema keySchema;
  private final int windowIndex;
  private final TimeWindow window;
  private final Bound windowTime;
  private final int sessionIndex;
  private final long sessionGap;

  private final List<AggregateFunction> functions;
  private final List<Integer> offsets;
  private final Schema accumulatorSchema;
  private final List<Object> initial;

  private final boolean keysInOutput;
  private final Schema intermediateSchema;
  private final List<Bound> outputs;
  private final Bound having;
  private final Schema outputSchema;

  private Aggregation(
      Schema input,
      List<Expression> groupBy,
      List<Expression> aggregates,
      boolean keysInOutput,
      Expression having) {
    this.groupBy = groupBy;
    this.keysInOutput = keysInOutput;
    List<Bound> keys = new ArrayList<>();
    List<Field> keyFields = new ArrayList<>();
    int winIndex = -1;
    TimeWindow win = null;
    Bound winTime = null;
    int sessIndex = -1;
    long gap = 0;
    for (Expression g : groupBy) {
      if (g.isAggregate()) {
        throw new AnalysisException(
            "Aggregate functions are not allowed in GROUP BY, but found " + g.sql());
      }
      if (g.containsGenerator()) {
        throw new AnalysisException("Generators are not allowed in GROUP BY: " + g);
      }
      Expression bare = g.unalias();
      String name = g instanceof Alias ? ((Alias) g).name() : null;
      if (bare instanceof TimeWindow || bare instanceof SessionWindow) {
        if (winIndex >= 0 || sessIndex >= 0) {
          throw new AnalysisException(
              "Multiple time/session window expressions would result in a cartesian product of"
                  + " rows, therefore they are currently not supported: "
                  + groupBy);
        }
      }
      if (bare instanceof TimeWindow) {
        winIndex = keys.size();
        win = (TimeWindow) bare;
        winTime = win.bindTime(input, "window");
        keys.add(null);
        keyFields.add(
            Field.of(name == null ? "window" : name, FieldType.row(TimeWindow.WINDOW_SCHEMA)));
        continue;
      }
      Bound b = g.bind(input);
      if (bare instanceof SessionWindow) {
        sessIndex = keys.size();
        gap = ((SessionWindow) bare).gapMillis();
        b = Bounds.of(b.type().withNullable(false), name == null ? b.name() : name, b::eval);
      }
      if (Types.isMap(b.type())) {
        throw new AnalysisException(
            "expression "
                + g.sql()
                + " cannot be used as a grouping expression because its data"
                + " type map is not an orderable data type");
      }
      keys.add(b);
      keyFields.add(Field.of(b.name(), Types.forOutput(b.type(), b.name())));
    }
    this.keyBounds = keys;
    this.keySchema = Projection.schema(keyFields);
    this.windowIndex = winIndex;
    this.window = win;
    this.windowTime = winTime;
    this.sessionIndex = sessIndex;
    this.sessionGap = gap;

    // Collect the distinct aggregate calls of all aggregate columns.
    List<AggregateCall> calls = new ArrayList<>();
    List<Expression> all = new ArrayList<>(aggregates);
    Expression havingExpr = having == null ? null : resolveAliases(having, aggregates);
    if (havingExpr != null) {
      all.add(havingExpr);
    }
    for (Expression a : all) {
      a.transform(
          e -> {
            if (e instanceof AggregateCall) {
              if (!calls.contains(e)) {
                calls.add((AggregateCall) e);
              }
              return e;
            }
            return null;
          });
    }
    this.functions = new ArrayList<>();
    this.offsets = new ArrayList<>();
    List<Field> accFields = new ArrayList<>();
    List<Object> init = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      AggregateFunction f = AggregateFunction.create(calls.get(i), input);
      functions.add(f);
      offsets.add(accFields.size());
      accFields.addAll(f.fields("a" + i + "_"));
      init.addAll(f.initial());
    }
    this.accumulatorSchema = new Schema(accFields);
    this.initial = init;

    // Output expressions are evaluated over [keys..., aggregate results...].
    List<Field> intermediate = new ArrayList<>(keySchema.getFields());
    for (int i = 0; i < calls.size(); i++) {
      intermediate.add(Field.of("agg" + i, functions.get(i).resultType()));
    }
    for (int i = 0; i < keyFields.size(); i++) {
      intermediate.set(i, Field.of("key" + i, keyFields.get(i).getType()));
    }
    this.intermediateSchema = new Schema(intermediate);
    this.outputs = new ArrayList<>();
    List<Field> outFields = new ArrayList<>(keysInOutput ? keySchema.getFields() : List.of());
    for (Expression a : aggregates) {
      if (a.unalias() instanceof Star) {
        throw new AnalysisException(
            "'*' cannot be selected together with GROUP BY or aggregate functions; list the"
                + " grouping columns and aggregates instead");
      }
      Expression rewritten = rewrite(input, a, calls, keyFields);
      Bound bound = rewritten.bind(intermediateSchema);
      String name = a instanceof Attribute ? bound.name() : a.sql();
      Bound b = Bounds.renamed(bound, name);
      outputs.add(b);
      outFields.add(Field.of(name, Types.forOutput(b.type(), name)));
    }
    this.outputSchema = Projection.schema(outFields);
    if (havingExpr == null) {
      this.having = null;
    } else {
      Bound h = rewrite(input, havingExpr, calls, keyFields).bind(intermediateSchema);
      if (!Types.isBoolean(h.type()) && !Types.isNull(h.type())) {
        throw new AnalysisException(
            "HAVING condition '"
                + having.sql()
                + "' of type "
                + Types.sparkName(h.type())
                + " is not a boolean");
      }
      this.having = h;
    }
  }

  /** HAVING may name a select item by its alias; as in Spark, the alias wins over a column. */
  private static Expression resolveAliases(Expression having, List<Expression> items) {
    return having.transform(
        e -> {
          if (e instanceof Attribute && ((Attribute) e).parts().size() == 1) {
            for (Expression item : items) {
              if (item instanceof Alias
                  && ((Alias) item).name().equalsIgnoreCase(((Attribute) e).lastPart())) {
                return ((Alias) item).child();
              }
            }
          }
          return null;
        });
  }

  private Expression rewrite(
      Schema input, Expression a, List<AggregateCall> calls, List<Field> keyFields) {
    int keys = keyFields.size();
    return a.transform(
        e -> {
          if (e instanceof AggregateCall) {
            int i = calls.indexOf(e);
            return new BoundReference(keys + i, functions.get(i).resultType(), e.sql());
          }
          for (int k = 0; k < keys; k++) {
            if (groupBy.get(k).unalias().equals(e.unalias()) && !(e instanceof Literal)) {
              return new BoundReference(k, keyFields.get(k).getType(), keyFields.get(k).getName());
            }
          }
          if (e instanceof Attribute) {
            Attribute attr = (Attribute) e;
            for (int k = 0; k < keys; k++) {
              if (keyFields.get(k).getName().equalsIgnoreCase(attr.parts().get(0))) {
                Expression ref =
                    new BoundReference(k, keyFields.get(k).getType(), keyFields.get(k).getName());
                for (String part : attr.parts().subList(1, attr.parts().size())) {
                  ref = new ExtractValue(ref, Literal.of(part), true);
                }
                return ref;
              }
            }
            attr.bind(input); // an unknown column is reported as such
            throw new AnalysisException(
                "expression '"
                    + attr.sql()
                    + "' is neither present in the group by, nor is it an aggregate function. Add"
                    + " to group by or wrap in first() (or first_value) if you don't care which"
                    + " value you get: "
                    + a);
          }
          return null;
        });
  }

  /**
   * Resolves a grouping and its aggregates against {@code input}.
   *
   * @throws AnalysisException if a column does not resolve, a grouping column is an aggregate, an
   *     aggregate column refers to a column that is neither grouped nor aggregated, or more than
   *     one window is grouped by
   */
  public static Aggregation of(
      Schema input, List<Expression> groupBy, List<Expression> aggregates) {
    return new Aggregation(input, List.copyOf(groupBy), List.copyOf(aggregates), true, null);
  }

  /**
   * The aggregation of a SQL {@code SELECT ... GROUP BY}: the output is exactly the select items
   * (which may name grouping columns, aggregates and expressions over both), not the keys followed
   * by the aggregates. As in Spark SQL, a GROUP BY item may be a 1-based position in the select
   * list ({@code GROUP BY 1}) or the alias of a select item that names no input column.
   *
   * @throws AnalysisException as {@link #of}, or for {@code *} or a bad position
   */
  public static Aggregation forSelect(
      Schema input, List<Expression> groupBy, List<Expression> selectItems) {
    return forSelect(input, groupBy, selectItems, null);
  }

  /**
   * {@link #forSelect(Schema, List, List)} with a HAVING condition, which may use aggregates (also
   * ones not selected), grouping columns and select aliases; test it with {@link #having}.
   */
  public static Aggregation forSelect(
      Schema input, List<Expression> groupBy, List<Expression> selectItems, Expression having) {
    List<Expression> items = List.copyOf(selectItems);
    List<Expression> g = new ArrayList<>();
    for (Expression e : groupBy) {
      g.add(groupingItem(input, e, items));
    }
    return new Aggregation(input, g, items, false, having);
  }

  private static Expression groupingItem(Schema input, Expression g, List<Expression> items) {
    if (g instanceof Literal && ((Literal) g).value() instanceof Integer) {
      int position = (Integer) ((Literal) g).value();
      if (position < 1 || position > items.size()) {
        throw new AnalysisException(
            "GROUP BY position "
                + position
                + " is not in select list (valid range is [1, "
                + items.size()
                + "])");
      }
      Expression item = items.get(position - 1);
      if (item.isAggregate()) {
        throw new AnalysisException(
            "GROUP BY "
                + position
                + " refers to an expression that contains an aggregate function: "
                + item);
      }
      return item;
    }
    if (g instanceof Attribute
        && ((Attribute) g).parts().size() == 1
        && Attribute.indexOf(input, ((Attribute) g).lastPart()) < 0) {
      for (Expression item : items) {
        if (item instanceof Alias
            && ((Alias) item).name().equalsIgnoreCase(((Attribute) g).lastPart())
            && !item.isAggregate()) {
          return item;
        }
      }
    }
    return g;
  }

  /** The schema of a key: the grouping columns. */
  public Schema keySchema() {
    return keySchema;
  }

  /**
   * The keys a row contributes to: one, or one per window for a sliding window, or none when the
   * row's window time is null. Without grouping columns the key is the empty row.
   */
  public List<Row> keysOf(Row input, EvalContext ctx) {
    List<Object> values = new ArrayList<>(keyBounds.size());
    for (int i = 0; i < keyBounds.size(); i++) {
      Bound b = keyBounds.get(i);
      Object v = b == null ? null : b.eval(input, ctx);
      if (i == sessionIndex && v == null) {
        return Collections.emptyList();
      }
      values.add(v);
    }
    if (window == null) {
      return Collections.singletonList(Row.withSchema(keySchema).attachValues(values));
    }
    Long t = TimeWindow.millis(windowTime.eval(input, ctx));
    if (t == null) {
      return Collections.emptyList();
    }
    List<Row> keys = new ArrayList<>();
    for (Row w : window.windowsOf(t)) {
      List<Object> copy = new ArrayList<>(values);
      copy.set(windowIndex, w);
      keys.add(Row.withSchema(keySchema).attachValues(copy));
    }
    return keys;
  }

  /** True if one grouping column is a {@code session_window}. */
  public boolean hasSessionWindow() {
    return sessionIndex >= 0;
  }

  /** The key index of the session window, or -1. */
  public int sessionWindowKeyIndex() {
    return sessionIndex;
  }

  /** The session gap, or 0 without a session window. */
  public long sessionGapMillis() {
    return sessionGap;
  }

  /**
   * The key column carrying the event time of {@code watermarkColumn}: the column itself, or a
   * {@code window}/{@code session_window} over it; null if no key column does.
   */
  public Integer eventTimeKeyIndex(String watermarkColumn) {
    for (int i = 0; i < groupBy.size(); i++) {
      Expression g = groupBy.get(i).unalias();
      Expression time = g;
      if (g instanceof TimeWindow) {
        time = ((TimeWindow) g).time().unalias();
      } else if (g instanceof SessionWindow) {
        time = ((SessionWindow) g).time().unalias();
      }
      if (time instanceof Attribute
          && ((Attribute) time).lastPart().equalsIgnoreCase(watermarkColumn)) {
        return i;
      }
    }
    return null;
  }

  /**
   * The time the watermark is compared with for a key: a window's end (exclusive; Spark drops late
   * rows and evicts state when {@code end <= watermark}), a timestamp column's value, or {@link
   * Long#MIN_VALUE} when null.
   */
  public long eventTimeOfKey(Row key, int index) {
    Object v = key.getValue(index);
    if (v == null) {
      return Long.MIN_VALUE;
    }
    if (v instanceof Row) {
      ReadableInstant end = ((Row) v).getValue("end");
      return end == null ? Long.MIN_VALUE : end.getMillis();
    }
    if (v instanceof ReadableInstant) {
      return ((ReadableInstant) v).getMillis();
    }
    throw new IllegalArgumentException(
        "key column " + keySchema.getField(index).getName() + " is not a window or timestamp");
  }

  /** The schema of accumulators. */
  public Schema accumulatorSchema() {
    return accumulatorSchema;
  }

  /** An empty accumulator. */
  public Row createAccumulator() {
    return Row.withSchema(accumulatorSchema).attachValues(new ArrayList<>(initial));
  }

  /** The accumulator with one more input row; {@code acc} is not changed. */
  public Row add(Row acc, Row input, EvalContext ctx) {
    List<Object> values = new ArrayList<>(acc.getValues());
    for (int i = 0; i < functions.size(); i++) {
      functions.get(i).add(values, offsets.get(i), input, ctx);
    }
    return Row.withSchema(accumulatorSchema).attachValues(values);
  }

  /** The accumulator of both inputs' rows ({@code a}'s first, for first/last). */
  public Row merge(Row a, Row b) {
    List<Object> values = new ArrayList<>(a.getValues());
    List<Object> other = b.getValues();
    for (int i = 0; i < functions.size(); i++) {
      functions.get(i).merge(values, other, offsets.get(i));
    }
    return Row.withSchema(accumulatorSchema).attachValues(values);
  }

  /**
   * The schema of result rows: key columns, then aggregate columns ({@link #of}); the select items
   * ({@link #forSelect}).
   */
  public Schema outputSchema() {
    return outputSchema;
  }

  /** True if the key's group passes the HAVING condition (always true without one). */
  public boolean having(Row key, Row acc, EvalContext ctx) {
    return having == null || Boolean.TRUE.equals(having.eval(intermediate(key, acc), ctx));
  }

  private Row intermediate(Row key, Row acc) {
    List<Object> values = acc.getValues();
    List<Object> inter = new ArrayList<>(key.getValues());
    for (int i = 0; i < functions.size(); i++) {
      inter.add(functions.get(i).result(values, offsets.get(i)));
    }
    return Row.withSchema(intermediateSchema).attachValues(inter);
  }

  /** The result row of a key, evaluated in UTC. */
  public Row result(Row key, Row acc) {
    return result(key, acc, EvalContext.of(0, java.time.ZoneOffset.UTC));
  }

  /** The result row of a key; {@code ctx} matters only for time functions over aggregates. */
  public Row result(Row key, Row acc, EvalContext ctx) {
    Row intermediate = intermediate(key, acc);
    List<Object> out = new ArrayList<>(keysInOutput ? key.getValues() : List.of());
    for (Bound b : outputs) {
      out.add(b.eval(intermediate, ctx));
    }
    return Row.withSchema(outputSchema).attachValues(out);
  }

  @Override
  public String toString() {
    return "Aggregation(keys="
        + keySchema.getFieldNames()
        + ", output="
        + outputSchema.getFieldNames()
        + ")";
  }
}
