package dev.sluice.structured.internal.expr;

import java.io.Serializable;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The order of {@code orderBy}/{@code sort}: keys compared in turn, each ascending unless given as
 * {@code desc()}; nulls first when ascending and last when descending unless the key says otherwise
 * ({@code asc_nulls_last()} ...), as in Spark.
 *
 * <pre>{@code
 * rows.sort(RowOrdering.of(schema, List.of(col("count").desc(), col("word"))));
 * }</pre>
 */
public final class RowOrdering implements Comparator<Row>, Serializable {
  private static final long serialVersionUID = 1L;
  private static final EvalContext CONTEXT = EvalContext.of(0, ZoneOffset.UTC);

  private final List<Bound> keys;
  private final boolean[] ascending;
  private final boolean[] nullsFirst;

  private RowOrdering(List<Bound> keys, boolean[] ascending, boolean[] nullsFirst) {
    this.keys = keys;
    this.ascending = ascending;
    this.nullsFirst = nullsFirst;
  }

  /**
   * An ordering of rows of {@code input} by {@code sortColumns}.
   *
   * @throws dev.sluice.structured.AnalysisException if a key does not resolve
   */
  public static RowOrdering of(Schema input, List<Expression> sortColumns) {
    List<Bound> keys = new ArrayList<>();
    boolean[] ascending = new boolean[sortColumns.size()];
    boolean[] nullsFirst = new boolean[sortColumns.size()];
    for (int i = 0; i < sortColumns.size(); i++) {
      Expression e = sortColumns.get(i);
      if (e instanceof SortOrder) {
        SortOrder s = (SortOrder) e;
        ascending[i] = s.ascending();
        nullsFirst[i] = s.nullsFirst();
        e = s.child();
      } else {
        ascending[i] = true;
        nullsFirst[i] = true;
      }
      keys.add(e.unalias().bind(input));
    }
    return new RowOrdering(keys, ascending, nullsFirst);
  }

  @Override
  public int compare(Row a, Row b) {
    for (int i = 0; i < keys.size(); i++) {
      Object x = keys.get(i).eval(a, CONTEXT);
      Object y = keys.get(i).eval(b, CONTEXT);
      int c;
      if (x == null || y == null) {
        if (x == y) {
          continue;
        }
        c = (x == null) == nullsFirst[i] ? -1 : 1;
      } else {
        c = Values.compare(x, y);
        if (!ascending[i]) {
          c = -c;
        }
      }
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
