package dev.sluice.structured.internal.exec;

import java.io.Serializable;
import java.util.Comparator;
import org.apache.beam.sdk.values.Row;

/**
 * Orders rows by their columns left to right, nulls first, nested rows recursively: how Sluice
 * orders the rows of an aggregation's batch when the query names no order, so console output is the
 * same on every run (Spark leaves that order undefined).
 *
 * <pre>{@code
 * rows.sort(NaturalOrdering.INSTANCE);
 * }</pre>
 */
public final class NaturalOrdering implements Comparator<Row>, Serializable {
  private static final long serialVersionUID = 1L;

  public static final NaturalOrdering INSTANCE = new NaturalOrdering();

  private NaturalOrdering() {}

  @Override
  public int compare(Row a, Row b) {
    int n = Math.min(a.getFieldCount(), b.getFieldCount());
    for (int i = 0; i < n; i++) {
      int c = compareValues(a.getValue(i), b.getValue(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.getFieldCount(), b.getFieldCount());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private int compareValues(Object x, Object y) {
    if (x == null || y == null) {
      return x == null ? (y == null ? 0 : -1) : 1;
    }
    if (x instanceof Row && y instanceof Row) {
      return compare((Row) x, (Row) y);
    }
    if (x instanceof Comparable && x.getClass().equals(y.getClass())) {
      return ((Comparable) x).compareTo(y);
    }
    return String.valueOf(x).compareTo(String.valueOf(y));
  }
}
