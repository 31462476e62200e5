package dev.sluice.structured;

import dev.sluice.structured.internal.expr.WindowDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A window specification (Spark's {@code WindowSpec}): how rows are partitioned, ordered and framed
 * for a window function. Made with {@link Window}; immutable, each method returns a new one. Use it
 * with {@link Column#over(WindowSpec)}.
 *
 * <pre>{@code
 * WindowSpec byUser = Window.partitionBy("user_id").orderBy("timestamp");
 * WindowSpec lastThree = byUser.rowsBetween(-2, Window.currentRow());
 * df.withColumn("event_number", row_number().over(byUser))
 *     .withColumn("moving_avg", avg("value").over(lastThree));
 * }</pre>
 */
public final class WindowSpec {
  private final WindowDefinition definition;

  WindowSpec(WindowDefinition definition) {
    this.definition = definition;
  }

  WindowDefinition definition() {
    return definition;
  }

  /** Partitions by the columns named. */
  public WindowSpec partitionBy(String colName, String... colNames) {
    return partitionBy(columns(colName, colNames));
  }

  /** Partitions by {@code cols}. */
  public WindowSpec partitionBy(Column... cols) {
    return new WindowSpec(definition.partitionBy(Column.expressions(Arrays.asList(cols))));
  }

  /** Orders each partition by the columns named, ascending. */
  public WindowSpec orderBy(String colName, String... colNames) {
    return orderBy(columns(colName, colNames));
  }

  /** Orders each partition by {@code cols} ({@code col("ts").desc()} for descending). */
  public WindowSpec orderBy(Column... cols) {
    return new WindowSpec(definition.orderBy(Column.expressions(Arrays.asList(cols))));
  }

  /**
   * The frame of rows from {@code start} to {@code end} rows around the current one (negative:
   * before), both included; {@link Window#unboundedPreceding()}, {@link Window#currentRow()} and
   * {@link Window#unboundedFollowing()} name the ends.
   *
   * @throws AnalysisException if {@code end} is before {@code start}
   */
  public WindowSpec rowsBetween(long start, long end) {
    return new WindowSpec(definition.rowsBetween(start, end));
  }

  /**
   * The frame of rows whose ordering value is from {@code start} to {@code end} away from the
   * current row's (one numeric ordering column; {@link Window#currentRow()} means the current row
   * and its peers).
   *
   * @throws AnalysisException if {@code end} is before {@code start}
   */
  public WindowSpec rangeBetween(long start, long end) {
    return new WindowSpec(definition.rangeBetween(start, end));
  }

  static Column[] columns(String first, String... more) {
    List<Column> all = new ArrayList<>();
    all.add(Functions.col(first));
    for (String c : more) {
      all.add(Functions.col(c));
    }
    return all.toArray(new Column[0]);
  }

  /** Spark's SQL text of the window, e.g. {@code PARTITION BY user_id ORDER BY ts ASC ...}. */
  @Override
  public String toString() {
    return definition.sql();
  }
}
