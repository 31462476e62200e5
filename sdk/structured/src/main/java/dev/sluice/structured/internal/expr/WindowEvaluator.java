package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.internal.expr.WindowDefinition.FrameType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * Evaluates window expressions over a static table, as Spark's window operator: the rows are split
 * by the partitioning expressions, each partition is sorted by the ordering, and each expression
 * gets a value per row from the rows of its frame. The output rows are the input rows with one
 * column per expression appended, grouped by partition and in window order (by the last window when
 * expressions use several).
 *
 * <ul>
 *   <li>{@code row_number}, {@code rank}, {@code dense_rank}, {@code percent_rank}, {@code
 *       cume_dist} and {@code ntile} rank rows by the ordering (peers: rows equal in it);
 *   <li>{@code lag}/{@code lead} read the row {@code offset} rows before/after in the partition, or
 *       give the default when there is none;
 *   <li>aggregates ({@code sum}, {@code avg}, {@code count}, {@code min}, {@code max}, {@code
 *       first}, {@code last}, {@code collect_list} …) aggregate the frame: {@code ROWS} frames by
 *       row offsets, {@code RANGE} frames by the ordering value (peers for {@code CURRENT ROW}); by
 *       default the whole partition without an ordering, {@code RANGE BETWEEN UNBOUNDED PRECEDING
 *       AND CURRENT ROW} with one.
 * </ul>
 *
 * <pre>{@code
 * WindowEvaluator w = WindowEvaluator.of(schema, List.of(rowNumberOverUserByTs), List.of("rn"));
 * w.apply(rows, ctx);   // each row with its number within its user's rows, by ts
 * }</pre>
 */
public final class WindowEvaluator implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Schema output;
  private final int inputWidth;

  /** One per distinct window: its expressions' computations. */
  private final List<Spec> specs = new ArrayList<>();

  private WindowEvaluator(Schema input, List<WindowExpression> exprs, List<String> names) {
    this.inputWidth = input.getFieldCount();
    List<Field> fields = new ArrayList<>(input.getFields());
    Map<WindowDefinition, Spec> byWindow = new LinkedHashMap<>();
    for (int i = 0; i < exprs.size(); i++) {
      WindowExpression e = exprs.get(i);
      Spec spec = byWindow.computeIfAbsent(e.window(), w -> new Spec(input, w));
      Computation c = computation(input, e, inputWidth + i);
      spec.computations.add(c);
      fields.add(Field.of(names.get(i), c.type()));
    }
    specs.addAll(byWindow.values());
    this.output = new Schema(fields);
  }

  /**
   * An evaluator of {@code exprs} over rows of {@code input}, their values in columns {@code
   * names}.
   *
   * @throws AnalysisException if a reference does not resolve, a ranking or offset function has no
   *     ordering or another frame than its own, or a range frame's offsets do not fit its ordering
   */
  public static WindowEvaluator of(Schema input, List<WindowExpression> exprs, List<String> names) {
    return new WindowEvaluator(input, exprs, names);
  }

  /** The input columns then one per window expression. */
  public Schema outputSchema() {
    return output;
  }

  /** The rows with the window expressions' values appended. */
  public List<Row> apply(List<Row> rows, EvalContext ctx) {
    List<Object[]> current = new ArrayList<>(rows.size());
    for (Row r : rows) {
      Object[] values = new Object[output.getFieldCount()];
      for (int i = 0; i < inputWidth; i++) {
        values[i] = r.getValue(i);
      }
      current.add(values);
    }
    for (Spec spec : specs) {
      current = spec.apply(current, ctx);
    }
    List<Row> out = new ArrayList<>(current.size());
    for (Object[] values : current) {
      List<Object> list = new ArrayList<>(values.length);
      for (Object v : values) {
        list.add(v);
      }
      out.add(Row.withSchema(output).attachValues(list));
    }
    return out;
  }

  /** The rows of one input row's values, for the bound expressions (over the input columns). */
  private Row inputRow(Schema input, Object[] values) {
    List<Object> list = new ArrayList<>(inputWidth);
    for (int i = 0; i < inputWidth; i++) {
      list.add(values[i]);
    }
    return Row.withSchema(input).attachValues(list);
  }

  /** One window: partitioning, ordering, frame, and the computations that use it. */
  private final class Spec implements Serializable {
    private static final long serialVersionUID = 1L;
    final Schema input;
    final WindowDefinition window;
    final List<Bound> partition = new ArrayList<>();
    final RowOrdering ordering;
    final List<Computation> computations = new ArrayList<>();

    Spec(Schema input, WindowDefinition window) {
      this.input = input;
      this.window = window;
      for (Expression p : window.partition()) {
        partition.add(p.unalias().bind(input));
      }
      this.ordering = RowOrdering.of(input, window.order());
    }

    List<Object[]> apply(List<Object[]> rows, EvalContext ctx) {
      Map<List<Object>, List<Object[]>> partitions = new LinkedHashMap<>();
      Map<Object[], Row> asRows = new java.util.IdentityHashMap<>();
      for (Object[] values : rows) {
        Row row = inputRow(input, values);
        asRows.put(values, row);
        List<Object> key = new ArrayList<>(partition.size());
        for (Bound b : partition) {
          key.add(b.eval(row, ctx));
        }
        partitions.computeIfAbsent(key, k -> new ArrayList<>()).add(values);
      }
      List<Object[]> out = new ArrayList<>(rows.size());
      for (List<Object[]> part : partitions.values()) {
        part.sort((a, b) -> ordering.compare(asRows.get(a), asRows.get(b)));
        List<Row> sorted = new ArrayList<>(part.size());
        for (Object[] values : part) {
          sorted.add(asRows.get(values));
        }
        for (Computation c : computations) {
          c.compute(this, sorted, part, ctx);
        }
        out.addAll(part);
      }
      return out;
    }

    /** True if rows {@code i} and {@code j} are equal in the ordering. */
    boolean peers(List<Row> rows, int i, int j) {
      return ordering.compare(rows.get(i), rows.get(j)) == 0;
    }
  }

  /** What fills one output column. */
  private abstract static class Computation implements Serializable {
    private static final long serialVersionUID = 1L;
    final int slot;

    Computation(int slot) {
      this.slot = slot;
    }

    abstract FieldType type();

    /** Sets {@code out.get(i)[slot]} for every row of a sorted partition. */
    abstract void compute(Spec spec, List<Row> rows, List<Object[]> out, EvalContext ctx);
  }

  private static Computation computation(Schema input, WindowExpression e, int slot) {
    WindowDefinition w = e.window();
    if (e.function() instanceof WindowFunctionCall) {
      WindowFunctionCall f = (WindowFunctionCall) e.function();
      if (w.order().isEmpty()) {
        throw new AnalysisException(
            "Window function "
                + f.sql()
                + " requires window to be ordered, please add ORDER BY clause, e.g."
                + " Window.partitionBy(..).orderBy(col(\"ts\"))");
      }
      if (w.hasFrame()) {
        long expected = f.name().equals("lag") ? -f.offset() : f.offset();
        boolean own =
            f.isOffset()
                ? w.frameType() == FrameType.ROWS && w.lower() == expected && w.upper() == expected
                : w.frameType() == FrameType.ROWS
                    && w.lower() == WindowDefinition.UNBOUNDED_PRECEDING
                    && w.upper() == 0;
        if (!own) {
          throw new AnalysisException(
              "Window Frame "
                  + w.frameType()
                  + " BETWEEN "
                  + w.lower()
                  + " AND "
                  + w.upper()
                  + " must match the required frame of "
                  + f.sql()
                  + ": leave rowsBetween/rangeBetween out of its window");
        }
      }
      return f.isOffset() ? new Offset(input, f, slot) : new Ranking(f, slot);
    }
    return new Aggregate(input, (AggregateCall) e.function(), w, slot);
  }

  /** row_number, rank, dense_rank, percent_rank, cume_dist, ntile. */
  private static final class Ranking extends Computation {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final int buckets;

    Ranking(WindowFunctionCall f, int slot) {
      super(slot);
      this.name = f.name();
      this.buckets = f.offset();
    }

    @Override
    FieldType type() {
      return name.equals("percent_rank") || name.equals("cume_dist")
          ? FieldType.DOUBLE
          : FieldType.INT32;
    }

    @Override
    void compute(Spec spec, List<Row> rows, List<Object[]> out, EvalContext ctx) {
      int n = rows.size();
      int rank = 0;
      int dense = 0;
      for (int i = 0; i < n; i++) {
        boolean newPeerGroup = i == 0 || !spec.peers(rows, i - 1, i);
        if (newPeerGroup) {
          rank = i + 1;
          dense++;
        }
        Object value;
        switch (name) {
          case "row_number":
            value = i + 1;
            break;
          case "rank":
            value = rank;
            break;
          case "dense_rank":
            value = dense;
            break;
          case "percent_rank":
            value = n == 1 ? 0.0 : (rank - 1) / (double) (n - 1);
            break;
          case "cume_dist":
            int last = i;
            while (last + 1 < n && spec.peers(rows, i, last + 1)) {
              last++;
            }
            value = (last + 1) / (double) n;
            break;
          default: // ntile: the first n % buckets buckets hold one row more
            int size = n / buckets;
            int bigger = n % buckets;
            int inBigger = bigger * (size + 1);
            value = i < inBigger ? i / (size + 1) + 1 : bigger + (i - inBigger) / size + 1;
            break;
        }
        out.get(i)[slot] = value;
      }
    }
  }

  /** lag and lead. */
  private static final class Offset extends Computation {
    private static final long serialVersionUID = 1L;
    private final Bound value;
    private final Bound fallback;
    private final int step;

    Offset(Schema input, WindowFunctionCall f, int slot) {
      super(slot);
      Bound v = f.args().get(0).bind(input);
      Expression d = f.args().get(1);
      Bound b = d.bind(input);
      if (!Types.isNull(b.type())
          && !b.type().withNullable(true).equals(v.type().withNullable(true))) {
        b = new Cast(d, v.type()).bind(input); // Spark casts the default to the value's type
      }
      this.value = v;
      this.fallback = b;
      this.step = f.name().equals("lag") ? -f.offset() : f.offset();
    }

    @Override
    FieldType type() {
      return value.type().withNullable(true);
    }

    @Override
    void compute(Spec spec, List<Row> rows, List<Object[]> out, EvalContext ctx) {
      for (int i = 0; i < rows.size(); i++) {
        int j = i + step;
        out.get(i)[slot] =
            j >= 0 && j < rows.size()
                ? value.eval(rows.get(j), ctx)
                : fallback.eval(rows.get(i), ctx);
      }
    }
  }

  /** An aggregate over each row's frame. */
  private static final class Aggregate extends Computation {
    private static final long serialVersionUID = 1L;
    private final Aggregation aggregation;
    private final WindowDefinition window;
    private final Bound rangeKey; // RANGE frames with value offsets: the one ordering value

    Aggregate(Schema input, AggregateCall call, WindowDefinition w, int slot) {
      super(slot);
      this.aggregation = Aggregation.of(input, List.of(), List.of(call));
      this.window = w;
      boolean valueOffsets =
          w.frameType() == FrameType.RANGE
              && (bounded(w.lower()) && w.lower() != 0 || bounded(w.upper()) && w.upper() != 0);
      if (valueOffsets) {
        if (w.order().isEmpty()) {
          throw new AnalysisException(
              "A range window frame cannot be used in an unordered window specification: add"
                  + " orderBy(..) to the window of "
                  + call.sql());
        }
        if (w.order().size() > 1) {
          throw new AnalysisException(
              "A range window frame with value boundaries cannot be used in a window"
                  + " specification with multiple order by expressions: "
                  + w.sql());
        }
        Expression key = w.order().get(0);
        key = key instanceof SortOrder ? ((SortOrder) key).child() : key;
        Bound k = key.unalias().bind(input);
        if (!Types.isNumeric(k.type())) {
          throw new AnalysisException(
              "A range window frame with value boundaries needs a numeric ordering, but "
                  + key.sql()
                  + " is "
                  + Types.sparkName(k.type())
                  + "; order by a number (e.g. unix_timestamp(ts)) or use rowsBetween");
        }
        this.rangeKey = k;
      } else {
        this.rangeKey = null;
      }
    }

    private static boolean bounded(long b) {
      return b != WindowDefinition.UNBOUNDED_PRECEDING && b != WindowDefinition.UNBOUNDED_FOLLOWING;
    }

    @Override
    FieldType type() {
      return aggregation.outputSchema().getField(0).getType();
    }

    @Override
    void compute(Spec spec, List<Row> rows, List<Object[]> out, EvalContext ctx) {
      int n = rows.size();
      Row key = Row.withSchema(aggregation.keySchema()).build();
      Row running = aggregation.createAccumulator();
      int runningHi = -1; // rows 0..runningHi are in `running`
      for (int i = 0; i < n; i++) {
        int lo = lower(spec, rows, i);
        int hi = upper(spec, rows, i);
        Row acc;
        if (lo == 0 && hi >= runningHi) {
          for (int j = runningHi + 1; j <= hi; j++) {
            running = aggregation.add(running, rows.get(j), ctx);
          }
          runningHi = Math.max(runningHi, hi);
          acc = running;
        } else {
          acc = aggregation.createAccumulator();
          for (int j = Math.max(0, lo); j <= hi; j++) {
            acc = aggregation.add(acc, rows.get(j), ctx);
          }
        }
        out.get(i)[slot] = aggregation.result(key, acc, ctx).getValue(0);
      }
    }

    /** The first row of row {@code i}'s frame (may exceed the last: an empty frame). */
    private int lower(Spec spec, List<Row> rows, int i) {
      long b = window.lower();
      if (b == WindowDefinition.UNBOUNDED_PRECEDING) {
        return 0;
      }
      if (window.frameType() == FrameType.ROWS) {
        long at = i + b;
        return (int) Math.max(0, Math.min(rows.size(), at));
      }
      if (rangeKey == null) { // CURRENT ROW: the first peer
        int j = i;
        while (j > 0 && spec.peers(rows, j - 1, i)) {
          j--;
        }
        return j;
      }
      int j = 0;
      while (j < rows.size() && !inRange(rows.get(j), rows.get(i), b, true)) {
        j++;
      }
      return j;
    }

    /** The last row of row {@code i}'s frame (may be before the first: an empty frame). */
    private int upper(Spec spec, List<Row> rows, int i) {
      long b = window.upper();
      if (b == WindowDefinition.UNBOUNDED_FOLLOWING) {
        return rows.size() - 1;
      }
      if (window.frameType() == FrameType.ROWS) {
        long at = i + b;
        return (int) Math.min(rows.size() - 1, Math.max(-1, at));
      }
      if (rangeKey == null) { // CURRENT ROW: the last peer
        int j = i;
        while (j + 1 < rows.size() && spec.peers(rows, j + 1, i)) {
          j++;
        }
        return j;
      }
      int j = rows.size() - 1;
      while (j >= 0 && !inRange(rows.get(j), rows.get(i), b, false)) {
        j--;
      }
      return j;
    }

    /**
     * True if {@code other} is on the right side of bound {@code b} of {@code current}'s range:
     * {@code (v(other) - v(current)) * direction >= b} for the lower bound, {@code <= b} for the
     * upper. A null ordering value is only in range of another null (its peers).
     */
    private boolean inRange(Row other, Row current, long b, boolean lowerBound) {
      Object x = rangeKey.eval(other, EvalContext.utc());
      Object y = rangeKey.eval(current, EvalContext.utc());
      if (x == null || y == null) {
        return x == null && y == null;
      }
      Expression order = window.order().get(0);
      boolean ascending = !(order instanceof SortOrder) || ((SortOrder) order).ascending();
      BigDecimal d = decimal(x).subtract(decimal(y));
      if (!ascending) {
        d = d.negate();
      }
      int c = d.compareTo(BigDecimal.valueOf(b));
      return lowerBound ? c >= 0 : c <= 0;
    }

    private static BigDecimal decimal(Object v) {
      if (v instanceof BigDecimal) {
        return (BigDecimal) v;
      }
      if (v instanceof Double || v instanceof Float) {
        return BigDecimal.valueOf(((Number) v).doubleValue());
      }
      return BigDecimal.valueOf(((Number) v).longValue());
    }
  }

  @Override
  public String toString() {
    return "WindowEvaluator" + output.getFieldNames();
  }
}
