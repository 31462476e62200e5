package dev.sluice.structured;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The result of {@link DataFrame#groupBy}: name the aggregates to compute per group (Spark's {@code
 * RelationalGroupedDataset}).
 *
 * <pre>{@code
 * events.groupBy(window(col("ts"), "10 minutes"), col("action")).count();
 * events.groupBy("action").agg(count("*").as("n"), max("ts"));
 * }</pre>
 */
public final class GroupedData {
  private final DataFrame frame;
  private final List<Column> keys;

  GroupedData(DataFrame frame, List<Column> keys) {
    this.frame = frame;
    this.keys = List.copyOf(keys);
  }

  /** The number of rows per group, in a column named {@code count}. */
  public DataFrame count() {
    return agg(Functions.count("*").as("count"));
  }

  public DataFrame agg(Column aggregate, Column... more) {
    List<Column> all = new ArrayList<>();
    all.add(aggregate);
    all.addAll(Arrays.asList(more));
    return frame.aggregate(keys, all);
  }

  public DataFrame sum(String... columns) {
    return each("sum", columns);
  }

  public DataFrame avg(String... columns) {
    return each("avg", columns);
  }

  public DataFrame mean(String... columns) {
    return each("avg", columns);
  }

  public DataFrame min(String... columns) {
    return each("min", columns);
  }

  public DataFrame max(String... columns) {
    return each("max", columns);
  }

  private DataFrame each(String function, String... columns) {
    if (columns.length == 0) {
      throw new AnalysisException(
          function
              + "() needs the names of the columns to aggregate, e.g. "
              + function
              + "(\"x\")");
    }
    List<Column> all = new ArrayList<>();
    for (String c : columns) {
      all.add(Functions.expr(function + "(`" + c + "`)"));
    }
    return frame.aggregate(keys, all);
  }
}
