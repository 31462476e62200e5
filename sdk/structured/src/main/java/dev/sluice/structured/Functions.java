package dev.sluice.structured;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.time.DurationText;
import dev.sluice.structured.internal.expr.AggregateCall;
import dev.sluice.structured.internal.expr.Attribute;
import dev.sluice.structured.internal.expr.CaseWhen;
import dev.sluice.structured.internal.expr.Explode;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.expr.FromJson;
import dev.sluice.structured.internal.expr.FunctionCall;
import dev.sluice.structured.internal.expr.Literal;
import dev.sluice.structured.internal.expr.SessionWindow;
import dev.sluice.structured.internal.expr.Star;
import dev.sluice.structured.internal.expr.TimeWindow;
import dev.sluice.structured.internal.expr.WindowFunctionCall;
import dev.sluice.structured.internal.sql.SqlParser;
import dev.sluice.structured.internal.types.BeamTypes;
import dev.sluice.structured.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Spark's {@code org.apache.spark.sql.functions}: static factories of {@link Column}s, with the
 * same names and argument forms.
 *
 * <pre>{@code
 * import static dev.sluice.structured.Functions.*;
 *
 * words.groupBy(window(col("timestamp"), "10 minutes", "5 minutes"), col("word")).count();
 * lines.select(explode(split(col("value"), " ")).as("word"));
 * logs.select(regexp_extract(col("value"), "\\s(\\d{3})\\s", 1).cast("int").as("status"));
 * events.groupBy(col("action")).agg(count("*").as("n"), countDistinct(col("user_id")).as("users"));
 * expr("CASE WHEN value > 100 THEN 'big' ELSE 'small' END AS size");
 * }</pre>
 */
public final class Functions {
  private Functions() {}

  private static Column call(String name, Object... args) {
    List<Expression> list = new ArrayList<>();
    for (Object a : args) {
      list.add(Column.toExpression(a));
    }
    return new Column(new FunctionCall(name, list));
  }

  private static Column aggregate(String name, boolean distinct, Column... args) {
    List<Expression> list = new ArrayList<>();
    for (Column c : args) {
      list.add(c.expression() instanceof Star ? Literal.of(1) : c.expression());
    }
    return new Column(AggregateCall.of(name, distinct, list));
  }

  // ---- columns and literals ----

  /**
   * The column named {@code name}: {@code "action"}, {@code "window.start"} (a struct field),
   * {@code "`odd.name`"}, {@code "*"} (all columns) or {@code "window.*"}.
   */
  public static Column col(String name) {
    if (name.equals("*")) {
      return new Column(new Star(null));
    }
    if (name.endsWith(".*")) {
      return new Column(new Star(Attribute.parse(name.substring(0, name.length() - 2))));
    }
    return new Column(Attribute.parse(name));
  }

  /** Same as {@link #col}. */
  public static Column column(String name) {
    return col(name);
  }

  /** A constant column; a {@link Column} argument is returned as is. */
  public static Column lit(Object value) {
    return value instanceof Column ? (Column) value : new Column(Literal.of(value));
  }

  /**
   * A column from Spark SQL expression text, e.g. {@code expr("value * 2 AS doubled")}.
   *
   * @throws AnalysisException naming the position and text of a syntax error
   */
  public static Column expr(String sql) {
    return new Column(SqlParser.expression(sql));
  }

  // ---- windows ----

  /**
   * Tumbling event-time windows of {@code windowDuration}, e.g. {@code window(col("ts"), "10
   * minutes")}: column {@code window}, a struct of {@code start} and {@code end}.
   *
   * @throws IllegalArgumentException if the duration is not a valid interval string
   */
  public static Column window(Column timeColumn, String windowDuration) {
    return window(timeColumn, windowDuration, windowDuration, "0 seconds");
  }

  /** Sliding windows: one every {@code slideDuration}, each {@code windowDuration} long. */
  public static Column window(Column timeColumn, String windowDuration, String slideDuration) {
    return window(timeColumn, windowDuration, slideDuration, "0 seconds");
  }

  /** Sliding windows whose starts are offset from the epoch by {@code startTime}. */
  public static Column window(
      Column timeColumn, String windowDuration, String slideDuration, String startTime) {
    long size = DurationText.parsePositiveMillis(windowDuration, "window duration");
    long slide = DurationText.parsePositiveMillis(slideDuration, "slide duration");
    long start = DurationText.parseMillis(startTime);
    return new Column(new TimeWindow(timeColumn.expression(), size, slide, start));
  }

  /** Session windows that close after {@code gapDuration} without events of their key. */
  public static Column session_window(Column timeColumn, String gapDuration) {
    long gap = DurationText.parsePositiveMillis(gapDuration, "session gap duration");
    return new Column(new SessionWindow(timeColumn.expression(), gap));
  }

  // ---- aggregates ----

  /** The number of rows where {@code c} is not null; {@code count(col("*"))} counts rows. */
  public static Column count(Column c) {
    return aggregate("count", false, c);
  }

  /** {@code count("*")} counts rows (column {@code count(1)}); otherwise non-null values. */
  public static Column count(String columnName) {
    return count(col(columnName));
  }

  /** The sum: bigint for integral input, double for floating point, decimal for decimal. */
  public static Column sum(Column c) {
    return aggregate("sum", false, c);
  }

  /** The sum of a column by name. */
  public static Column sum(String columnName) {
    return sum(col(columnName));
  }

  /** The average as a double. */
  public static Column avg(Column c) {
    return aggregate("avg", false, c);
  }

  /** The average of a column by name. */
  public static Column avg(String columnName) {
    return avg(col(columnName));
  }

  /** Same as {@link #avg(Column)}. */
  public static Column mean(Column c) {
    return avg(c);
  }

  /** Same as {@link #avg(String)}. */
  public static Column mean(String columnName) {
    return avg(columnName);
  }

  /** The smallest value. */
  public static Column min(Column c) {
    return aggregate("min", false, c);
  }

  /** The smallest value of a column by name. */
  public static Column min(String columnName) {
    return min(col(columnName));
  }

  /** The largest value. */
  public static Column max(Column c) {
    return aggregate("max", false, c);
  }

  /** The largest value of a column by name. */
  public static Column max(String columnName) {
    return max(col(columnName));
  }

  /** The number of distinct non-null values (of all columns together). */
  public static Column countDistinct(Column c, Column... more) {
    List<Column> all = new ArrayList<>();
    all.add(c);
    all.addAll(Arrays.asList(more));
    return aggregate("count", true, all.toArray(new Column[0]));
  }

  /** The number of distinct non-null values of columns by name. */
  public static Column countDistinct(String columnName, String... more) {
    Column[] rest = new Column[more.length];
    for (int i = 0; i < more.length; i++) {
      rest[i] = col(more[i]);
    }
    return countDistinct(col(columnName), rest);
  }

  /**
   * The number of distinct non-null values. Sluice counts exactly (it keeps the set of values),
   * where Spark estimates with HyperLogLog++.
   */
  public static Column approx_count_distinct(Column c) {
    return aggregate("approx_count_distinct", false, c);
  }

  /** See {@link #approx_count_distinct(Column)}. */
  public static Column approx_count_distinct(String columnName) {
    return approx_count_distinct(col(columnName));
  }

  /** The first value seen in the group (in arrival order). */
  public static Column first(Column c) {
    return aggregate("first", false, c);
  }

  /** The first value of a column by name. */
  public static Column first(String columnName) {
    return first(col(columnName));
  }

  /** The last value seen in the group (in arrival order). */
  public static Column last(Column c) {
    return aggregate("last", false, c);
  }

  /** The last value of a column by name. */
  public static Column last(String columnName) {
    return last(col(columnName));
  }

  /** All non-null values, as an array. */
  public static Column collect_list(Column c) {
    return aggregate("collect_list", false, c);
  }

  /** All non-null values of a column by name, as an array. */
  public static Column collect_list(String columnName) {
    return collect_list(col(columnName));
  }

  /** The distinct non-null values, as an array. */
  public static Column collect_set(Column c) {
    return aggregate("collect_set", false, c);
  }

  /** The distinct non-null values of a column by name, as an array. */
  public static Column collect_set(String columnName) {
    return collect_set(col(columnName));
  }

  // ---- window functions (use with over(WindowSpec)) ----

  /** The row's number in its window partition, from 1, by the window's ordering. */
  public static Column row_number() {
    return new Column(WindowFunctionCall.ranking("row_number"));
  }

  /** The rank with gaps: peers (rows equal in the ordering) share a rank, the next skips. */
  public static Column rank() {
    return new Column(WindowFunctionCall.ranking("rank"));
  }

  /** The rank without gaps. */
  public static Column dense_rank() {
    return new Column(WindowFunctionCall.ranking("dense_rank"));
  }

  /** {@code (rank - 1) / (rows in partition - 1)}, as a double (0 for a single row). */
  public static Column percent_rank() {
    return new Column(WindowFunctionCall.ranking("percent_rank"));
  }

  /** The fraction of the partition's rows at or before the row (peers included). */
  public static Column cume_dist() {
    return new Column(WindowFunctionCall.ranking("cume_dist"));
  }

  /** The number (1 to {@code n}) of the ordered bucket the row falls in. */
  public static Column ntile(int n) {
    return new Column(WindowFunctionCall.ntile(n));
  }

  /** The value of {@code e} on the previous row of the window partition (PySpark's default). */
  public static Column lag(Column e) {
    return lag(e, 1);
  }

  /** The value of {@code e} {@code offset} rows before, null if there is no such row. */
  public static Column lag(Column e, int offset) {
    return lag(e, offset, null);
  }

  /** The value {@code offset} rows before, or {@code defaultValue} if there is no such row. */
  public static Column lag(Column e, int offset, Object defaultValue) {
    return new Column(
        WindowFunctionCall.lag(e.expression(), offset, Column.toExpression(defaultValue)));
  }

  public static Column lag(String columnName, int offset) {
    return lag(col(columnName), offset);
  }

  public static Column lag(String columnName, int offset, Object defaultValue) {
    return lag(col(columnName), offset, defaultValue);
  }

  /** The value of {@code e} on the next row of the window partition (PySpark's default). */
  public static Column lead(Column e) {
    return lead(e, 1);
  }

  /** The value of {@code e} {@code offset} rows after, null if there is no such row. */
  public static Column lead(Column e, int offset) {
    return lead(e, offset, null);
  }

  /** The value {@code offset} rows after, or {@code defaultValue} if there is no such row. */
  public static Column lead(Column e, int offset, Object defaultValue) {
    return new Column(
        WindowFunctionCall.lead(e.expression(), offset, Column.toExpression(defaultValue)));
  }

  public static Column lead(String columnName, int offset) {
    return lead(col(columnName), offset);
  }

  public static Column lead(String columnName, int offset, Object defaultValue) {
    return lead(col(columnName), offset, defaultValue);
  }

  // ---- strings ----

  /** Upper case. */
  public static Column upper(Column c) {
    return call("upper", c);
  }

  /** Lower case. */
  public static Column lower(Column c) {
    return call("lower", c);
  }

  /** Spaces removed from both ends. */
  public static Column trim(Column c) {
    return call("trim", c);
  }

  /** Spaces removed from the start. */
  public static Column ltrim(Column c) {
    return call("ltrim", c);
  }

  /** Spaces removed from the end. */
  public static Column rtrim(Column c) {
    return call("rtrim", c);
  }

  /** The number of characters. */
  public static Column length(Column c) {
    return call("length", c);
  }

  /** {@code len} characters from 1-based {@code pos} (negative: from the end). */
  public static Column substring(Column str, int pos, int len) {
    return call("substring", str, pos, len);
  }

  /** The parts of the string around matches of a Java regex ({@code split(value, " ")}). */
  public static Column split(Column str, String regex) {
    return split(str, regex, -1);
  }

  /** At most {@code limit} parts when {@code limit > 0}. */
  public static Column split(Column str, String regex, int limit) {
    return call("split", str, regex, limit);
  }

  /** One row per array element (column {@code col}) or map entry ({@code key}, {@code value}). */
  public static Column explode(Column c) {
    return new Column(new Explode(c.expression(), false));
  }

  /** Like {@link #explode} but a null or empty input gives one row of nulls. */
  public static Column explode_outer(Column c) {
    return new Column(new Explode(c.expression(), true));
  }

  /** Group {@code idx} of the first match of a Java regex; "" if nothing matches. */
  public static Column regexp_extract(Column str, String regex, int idx) {
    return call("regexp_extract", str, regex, idx);
  }

  /** Every match of a Java regex replaced ({@code $1} refers to a group). */
  public static Column regexp_replace(Column str, String regex, String replacement) {
    return call("regexp_replace", str, regex, replacement);
  }

  /** Every match of a regex column replaced. */
  public static Column regexp_replace(Column str, Column regex, Column replacement) {
    return call("regexp_replace", str, regex, replacement);
  }

  /** The strings joined; null if any is null. */
  public static Column concat(Column... columns) {
    return call("concat", (Object[]) columns);
  }

  /** The non-null strings (and array elements) joined with {@code sep}. */
  public static Column concat_ws(String sep, Column... columns) {
    Object[] args = new Object[columns.length + 1];
    args[0] = sep;
    System.arraycopy(columns, 0, args, 1, columns.length);
    return call("concat_ws", args);
  }

  // ---- dates and times ----

  /** The value as a timestamp ({@code CAST(c AS TIMESTAMP)}): null if it does not parse. */
  public static Column to_timestamp(Column c) {
    return call("to_timestamp", c);
  }

  /** A string parsed with a Spark datetime pattern, e.g. {@code "dd/MMM/yyyy:HH:mm:ss Z"}. */
  public static Column to_timestamp(Column c, String fmt) {
    return call("to_timestamp", c, fmt);
  }

  /** The value as a date. */
  public static Column to_date(Column c) {
    return call("to_date", c);
  }

  /** A string parsed as a date with a Spark datetime pattern. */
  public static Column to_date(Column c, String fmt) {
    return call("to_date", c, fmt);
  }

  /** The time of the current batch (the same for every row of a batch). */
  public static Column current_timestamp() {
    return call("current_timestamp");
  }

  /** The date of the current batch in the session time zone. */
  public static Column current_date() {
    return call("current_date");
  }

  /** A timestamp formatted with a Spark datetime pattern in the session time zone. */
  public static Column date_format(Column c, String fmt) {
    return call("date_format", c, fmt);
  }

  /** The current batch time in seconds since the epoch. */
  public static Column unix_timestamp() {
    return call("unix_timestamp");
  }

  /** Seconds since the epoch of a timestamp, or of a {@code yyyy-MM-dd HH:mm:ss} string. */
  public static Column unix_timestamp(Column c) {
    return call("unix_timestamp", c, "yyyy-MM-dd HH:mm:ss");
  }

  /** Seconds since the epoch of a string in the given pattern. */
  public static Column unix_timestamp(Column c, String fmt) {
    return call("unix_timestamp", c, fmt);
  }

  /** Seconds since the epoch as a {@code yyyy-MM-dd HH:mm:ss} string. */
  public static Column from_unixtime(Column c) {
    return call("from_unixtime", c, "yyyy-MM-dd HH:mm:ss");
  }

  /** Seconds since the epoch formatted with a pattern. */
  public static Column from_unixtime(Column c, String fmt) {
    return call("from_unixtime", c, fmt);
  }

  /** The year in the session time zone. */
  public static Column year(Column c) {
    return call("year", c);
  }

  /** The month (1-12) in the session time zone. */
  public static Column month(Column c) {
    return call("month", c);
  }

  /** The day of the month in the session time zone. */
  public static Column dayofmonth(Column c) {
    return call("dayofmonth", c);
  }

  /** The day of the week, 1 = Sunday ... 7 = Saturday. */
  public static Column dayofweek(Column c) {
    return call("dayofweek", c);
  }

  /** The hour (0-23) in the session time zone. */
  public static Column hour(Column c) {
    return call("hour", c);
  }

  /** The minute. */
  public static Column minute(Column c) {
    return call("minute", c);
  }

  /** The second. */
  public static Column second(Column c) {
    return call("second", c);
  }

  // ---- conditionals, math, structs ----

  /** {@code CASE WHEN condition THEN value END}; add branches with {@link Column#when}. */
  public static Column when(Column condition, Object value) {
    return new Column(
        new CaseWhen(
            Collections.singletonList(condition.expression()),
            Collections.singletonList(Column.toExpression(value)),
            null));
  }

  /** The first non-null value. */
  public static Column coalesce(Column... columns) {
    return call("coalesce", (Object[]) columns);
  }

  /** {@code NOT c}. */
  public static Column not(Column c) {
    return c.not();
  }

  /** {@code -c}. */
  public static Column negate(Column c) {
    return c.unary_minus();
  }

  /** The absolute value. */
  public static Column abs(Column c) {
    return call("abs", c);
  }

  /** Rounded half up to an integer value. */
  public static Column round(Column c) {
    return round(c, 0);
  }

  /** Rounded half up to {@code scale} decimal places. */
  public static Column round(Column c, int scale) {
    return call("round", c, scale);
  }

  /** The largest integer not greater than the value. */
  public static Column floor(Column c) {
    return call("floor", c);
  }

  /** The smallest integer not less than the value. */
  public static Column ceil(Column c) {
    return call("ceil", c);
  }

  /** The square root. */
  public static Column sqrt(Column c) {
    return call("sqrt", c);
  }

  /** The number of elements of an array or map (-1 for null). */
  public static Column size(Column c) {
    return call("size", c);
  }

  /**
   * Spark's {@code from_json}: JSON text parsed into a struct of the DDL {@code schema} ({@code "id
   * STRING, ts TIMESTAMP"}); null where the text is not such an object.
   */
  public static Column from_json(Column json, String schema) {
    return from_json(json, schema, Map.of());
  }

  /** {@link #from_json(Column, String)} with Spark's JSON options, e.g. {@code timestampFormat}. */
  public static Column from_json(Column json, String schema, Map<String, String> options) {
    Schema parsed;
    try {
      parsed = DdlSchema.parse(schema);
    } catch (IllegalArgumentException e) {
      throw new AnalysisException("from_json: " + e.getMessage(), e);
    }
    return new Column(new FromJson(json.expression(), parsed, options));
  }

  /**
   * Spark's {@code from_json} with a {@link StructType} schema, e.g. {@code from_json(col("value"),
   * new StructType().add("id", DataTypes.IntegerType).add("name", DataTypes.StringType))}.
   */
  public static Column from_json(Column json, StructType schema) {
    return from_json(json, schema, Map.of());
  }

  /** {@link #from_json(Column, StructType)} with Spark's JSON options. */
  public static Column from_json(Column json, StructType schema, Map<String, String> options) {
    return new Column(new FromJson(json.expression(), BeamTypes.toBeam(schema), options));
  }

  /** A struct of the columns, fields named after them. */
  public static Column struct(Column... columns) {
    return call("struct", (Object[]) columns);
  }

  /** Ascending sort order of a column by name. */
  public static Column asc(String columnName) {
    return col(columnName).asc();
  }

  /** Descending sort order of a column by name. */
  public static Column desc(String columnName) {
    return col(columnName).desc();
  }
}
