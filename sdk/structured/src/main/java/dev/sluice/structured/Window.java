package dev.sluice.structured;

import dev.sluice.structured.internal.expr.WindowDefinition;

/**
 * Starts window specifications for window functions (Spark's {@code
 * org.apache.spark.sql.expressions.Window}): rankings, offsets and aggregates computed over the
 * rows around each row, on static frames. (On streams Spark refuses them — "Non-time-based windows
 * are not supported on streaming DataFrames/Datasets" — and so does Sluice when the query starts;
 * group streams by {@code window(..)} of an event time instead.)
 *
 * <pre>{@code
 * WindowSpec sessionWindow = Window.partitionBy("user_id").orderBy("timestamp");
 * df.withColumn("event_number", row_number().over(sessionWindow))
 *     .withColumn("time_diff", unix_timestamp(col("timestamp"))
 *         .minus(lag(unix_timestamp(col("timestamp")), 1).over(sessionWindow)))
 *     .withColumn("running_total", sum("value").over(sessionWindow
 *         .rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
 *     .show();
 * }</pre>
 */
public final class Window {
  private Window() {}

  /** The frame bound at the partition's first row. */
  public static long unboundedPreceding() {
    return WindowDefinition.UNBOUNDED_PRECEDING;
  }

  /** The frame bound at the partition's last row. */
  public static long unboundedFollowing() {
    return WindowDefinition.UNBOUNDED_FOLLOWING;
  }

  /** The frame bound at the current row (0). */
  public static long currentRow() {
    return 0;
  }

  public static WindowSpec partitionBy(String colName, String... colNames) {
    return spec().partitionBy(colName, colNames);
  }

  public static WindowSpec partitionBy(Column... cols) {
    return spec().partitionBy(cols);
  }

  public static WindowSpec orderBy(String colName, String... colNames) {
    return spec().orderBy(colName, colNames);
  }

  public static WindowSpec orderBy(Column... cols) {
    return spec().orderBy(cols);
  }

  /** A window of the whole table with the frame {@code ROWS BETWEEN start AND end}. */
  public static WindowSpec rowsBetween(long start, long end) {
    return spec().rowsBetween(start, end);
  }

  /** A window of the whole table with the frame {@code RANGE BETWEEN start AND end}. */
  public static WindowSpec rangeBetween(long start, long end) {
    return spec().rangeBetween(start, end);
  }

  private static WindowSpec spec() {
    return new WindowSpec(WindowDefinition.EMPTY);
  }
}
