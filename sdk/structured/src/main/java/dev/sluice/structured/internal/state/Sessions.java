package dev.sluice.structured.internal.state;

import dev.sluice.structured.internal.expr.Aggregation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;

/**
 * Session-window merging for streaming aggregations: a new session {@code [start, end)} of a key
 * merges with every session of the same other grouping values that it overlaps, into one session
 * from the earliest start to the latest end whose accumulator is the merge of theirs (Spark's
 * {@code session_window}: events closer than the gap belong to one session).
 *
 * <pre>{@code
 * Row merged = Sessions.merge(aggregation, groups, key, accumulator, updated);
 * }</pre>
 */
public final class Sessions {
  private Sessions() {}

  /**
   * Merges {@code key}/{@code accumulator} into {@code groups}; merged-away keys are removed from
   * {@code groups} and {@code updated}. Returns the key the session has now.
   */
  public static Row merge(
      Aggregation aggregation, Map<Row, Row> groups, Row key, Row accumulator, Set<Row> updated) {
    int index = aggregation.sessionWindowKeyIndex();
    Row window = key.getRow(index);
    long start = millis(window.getValue("start"));
    long end = millis(window.getValue("end"));
    Row merged = accumulator;
    List<Row> absorbed = new ArrayList<>();
    for (Map.Entry<Row, Row> g : groups.entrySet()) {
      Row other = g.getKey();
      if (!sameOtherKeys(key, other, index)) {
        continue;
      }
      Row w = other.getRow(index);
      long s = millis(w.getValue("start"));
      long e = millis(w.getValue("end"));
      if (s < end && start < e) {
        absorbed.add(other);
      }
    }
    // absorbing a session can make the new one overlap more: repeat until stable
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Row other : absorbed) {
        Row w = other.getRow(index);
        long s = millis(w.getValue("start"));
        long e = millis(w.getValue("end"));
        if (s < start || e > end) {
          start = Math.min(start, s);
          end = Math.max(end, e);
          grew = true;
        }
      }
      if (grew) {
        for (Map.Entry<Row, Row> g : groups.entrySet()) {
          Row other = g.getKey();
          if (!absorbed.contains(other) && sameOtherKeys(key, other, index)) {
            Row w = other.getRow(index);
            if (millis(w.getValue("start")) < end && start < millis(w.getValue("end"))) {
              absorbed.add(other);
            }
          }
        }
      }
    }
    Iterator<Row> it = absorbed.iterator();
    while (it.hasNext()) {
      Row other = it.next();
      merged = aggregation.merge(groups.remove(other), merged);
      updated.remove(other);
    }
    Row newWindow =
        Row.withSchema(window.getSchema()).addValues(new Instant(start), new Instant(end)).build();
    List<Object> values = new ArrayList<>(key.getValues());
    values.set(index, newWindow);
    Row newKey = Row.withSchema(key.getSchema()).addValues(values).build();
    groups.merge(newKey, merged, aggregation::merge);
    return newKey;
  }

  private static boolean sameOtherKeys(Row a, Row b, int skip) {
    for (int i = 0; i < a.getFieldCount(); i++) {
      if (i != skip && !Objects.equals(a.getValue(i), b.getValue(i))) {
        return false;
      }
    }
    return true;
  }

  private static long millis(Object instant) {
    return ((ReadableInstant) instant).getMillis();
  }
}
