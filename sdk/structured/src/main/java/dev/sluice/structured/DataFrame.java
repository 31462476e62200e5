package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;

import dev.sluice.io.console.ConsoleTable;
import dev.sluice.io.schema.SparkTypes;
import dev.sluice.io.time.DurationText;
import dev.sluice.structured.internal.exec.LocalExecutor;
import dev.sluice.structured.internal.expr.Aggregation;
import dev.sluice.structured.internal.expr.Predicate;
import dev.sluice.structured.internal.expr.Projection;
import dev.sluice.structured.internal.expr.RowOrdering;
import dev.sluice.structured.internal.plan.Aggregate;
import dev.sluice.structured.internal.plan.Deduplicate;
import dev.sluice.structured.internal.plan.Filter;
import dev.sluice.structured.internal.plan.Join;
import dev.sluice.structured.internal.plan.JoinRewrites;
import dev.sluice.structured.internal.plan.Limit;
import dev.sluice.structured.internal.plan.LogicalPlan;
import dev.sluice.structured.internal.plan.Plans;
import dev.sluice.structured.internal.plan.Project;
import dev.sluice.structured.internal.plan.Sort;
import dev.sluice.structured.internal.plan.Union;
import dev.sluice.structured.internal.plan.Watermark;
import dev.sluice.structured.internal.sql.SqlParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * A table of rows with a schema, static or streaming (Spark's {@code DataFrame}). Operations return
 * new DataFrames; nothing runs until a static frame's rows are asked for ({@link #show()}, {@link
 * #collectAsList()}) or a streaming frame's query is started ({@link #writeStream()}).
 *
 * <pre>{@code
 * DataFrame events = session.readStream().schema("id STRING, action STRING, ts TIMESTAMP")
 *     .option("maxFilesPerTrigger", 1).json("data/mobile");
 * DataFrame counts = events.groupBy(window(col("ts"), "10 minutes"), col("action")).count();
 * counts.writeStream().format("console").outputMode("complete").start().awaitTermination();
 * }</pre>
 */
public final class DataFrame {
  private final StreamingSession session;
  private final LogicalPlan plan;

  DataFrame(StreamingSession session, LogicalPlan plan) {
    this.session = session;
    this.plan = plan;
  }

  /** The logical plan (for the facade's runtime and tests). */
  LogicalPlan plan() {
    return plan;
  }

  StreamingSession session() {
    return session;
  }

  private DataFrame with(LogicalPlan next) {
    return new DataFrame(session, next);
  }

  /** True if this frame reads a stream: it must be run with {@link #writeStream()}. */
  public boolean isStreaming() {
    return plan.isStreaming();
  }

  public Schema schema() {
    return plan.schema();
  }

  /** Column names, in order. */
  public String[] columns() {
    return plan.schema().getFieldNames().toArray(new String[0]);
  }

  /** The schema as Spark prints it ({@code root / |-- id: string (nullable = true)}). */
  public String schemaString() {
    return SparkTypes.treeString(plan.schema());
  }

  /** Prints {@link #schemaString()} to standard output. */
  public void printSchema() {
    System.out.print(schemaString());
  }

  /** A reference to column {@code name} (resolved when used). */
  public Column col(String name) {
    return Functions.col(name);
  }

  public DataFrame select(Column... columns) {
    return with(
        new Project(
            plan, Projection.of(plan.schema(), Column.expressions(Arrays.asList(columns)))));
  }

  public DataFrame select(String column, String... columns) {
    List<Column> all = new ArrayList<>();
    all.add(col(column));
    for (String c : columns) {
      all.add(col(c));
    }
    return select(all.toArray(new Column[0]));
  }

  /** {@code select} with SQL expressions: {@code selectExpr("upper(action) AS a", "ts")}. */
  public DataFrame selectExpr(String... expressions) {
    return select(
        SqlParser.selectList(expressions).stream().map(Column::new).toArray(Column[]::new));
  }

  public DataFrame filter(Column condition) {
    return with(new Filter(plan, Predicate.of(plan.schema(), condition.expression())));
  }

  /** {@code filter} with a SQL condition: {@code filter("action = 'open'")}. */
  public DataFrame filter(String condition) {
    return filter(new Column(SqlParser.expression(condition)));
  }

  public DataFrame where(Column condition) {
    return filter(condition);
  }

  public DataFrame where(String condition) {
    return filter(condition);
  }

  /** Adds column {@code name}, or replaces it if it exists. */
  public DataFrame withColumn(String name, Column column) {
    return with(new Project(plan, Projection.withColumn(plan.schema(), name, column.expression())));
  }

  public DataFrame withColumnRenamed(String existing, String renamed) {
    return with(new Project(plan, Projection.withColumnRenamed(plan.schema(), existing, renamed)));
  }

  /** Drops the named columns; names that do not exist are ignored, as in Spark. */
  public DataFrame drop(String... names) {
    return with(new Project(plan, Projection.drop(plan.schema(), names)));
  }

  /**
   * Declares that {@code eventTimeColumn} (a timestamp) is the event time and that data may be
   * {@code delayThreshold} late ("10 minutes"). Stateful operators drop rows and evict state older
   * than the watermark, {@code max(event time seen) − delay}, updated after each batch.
   */
  public DataFrame withWatermark(String eventTimeColumn, String delayThreshold) {
    Schema schema = plan.schema();
    if (!schema.hasField(eventTimeColumn)) {
      throw new AnalysisException(
          "Cannot resolve column name \""
              + eventTimeColumn
              + "\" among ("
              + String.join(", ", schema.getFieldNames())
              + ") for withWatermark");
    }
    int index = schema.indexOf(eventTimeColumn);
    if (!schema.getField(index).getType().equals(SparkTypes.TIMESTAMP)
        && !schema.getField(index).getType().withNullable(false).equals(SparkTypes.TIMESTAMP)) {
      throw new AnalysisException(
          "Event time must be defined on a window or a timestamp, but "
              + eventTimeColumn
              + " is of type "
              + SparkTypes.simpleString(schema.getField(index).getType())
              + "; convert it first, e.g. withColumn(\""
              + eventTimeColumn
              + "\", to_timestamp(col(\""
              + eventTimeColumn
              + "\")))");
    }
    long delay = DurationText.parseMillis(delayThreshold);
    if (delay < 0) {
      throw new AnalysisException("delayThreshold must not be negative: " + delayThreshold);
    }
    String id = "watermark" + System.identityHashCode(this) + "_" + eventTimeColumn;
    return with(new Watermark(plan, eventTimeColumn, index, delay, id));
  }

  public GroupedData groupBy(Column... columns) {
    return new GroupedData(this, Arrays.asList(columns));
  }

  public GroupedData groupBy(String column, String... columns) {
    List<Column> all = new ArrayList<>();
    all.add(col(column));
    for (String c : columns) {
      all.add(col(c));
    }
    return new GroupedData(this, all);
  }

  DataFrame aggregate(List<Column> keys, List<Column> aggregates) {
    return with(
        Aggregate.over(
            plan,
            Aggregation.of(
                plan.schema(), Column.expressions(keys), Column.expressions(aggregates))));
  }

  /** Rows with distinct values of all columns. */
  public DataFrame dropDuplicates() {
    return dropDuplicates(columns());
  }

  /** The first row of each distinct combination of {@code columns}. */
  public DataFrame dropDuplicates(String... columns) {
    Schema schema = plan.schema();
    List<Integer> keys = new ArrayList<>();
    for (String c : columns) {
      if (!schema.hasField(c)) {
        throw new AnalysisException(
            "Cannot resolve column name \""
                + c
                + "\" among ("
                + String.join(", ", schema.getFieldNames())
                + ")");
      }
      keys.add(schema.indexOf(c));
    }
    Integer eventTime = null;
    Integer watermarked = Plans.watermarkColumn(plan);
    if (watermarked != null && keys.contains(watermarked)) {
      eventTime = watermarked;
    }
    return with(new Deduplicate(plan, keys, eventTime));
  }

  public DataFrame dropDuplicates(List<String> columns) {
    return dropDuplicates(columns.toArray(new String[0]));
  }

  public DataFrame distinct() {
    return dropDuplicates();
  }

  /** Inner join on {@code condition}. */
  public DataFrame join(DataFrame right, Column condition) {
    return join(right, condition, "inner");
  }

  /** Join on {@code condition}; {@code joinType} as in Spark: inner, left, right, full, semi … */
  public DataFrame join(DataFrame right, Column condition, String joinType) {
    Join.Type type = Join.Type.parse(joinType);
    Schema joined = JoinRewrites.joinedSchema(plan.schema(), right.plan.schema());
    Predicate predicate = Predicate.of(joined, condition.expression());
    return with(
        new Join(
            plan,
            right.plan,
            predicate,
            condition.expression(),
            type,
            joined,
            Collections.emptyList(),
            Collections.emptyList()));
  }

  /** Inner equi-join on a column both sides have; the output has it once. */
  public DataFrame join(DataFrame right, String usingColumn) {
    return join(right, Collections.singletonList(usingColumn), "inner");
  }

  /** Equi-join on columns both sides have; the output has them once, first. */
  public DataFrame join(DataFrame right, List<String> usingColumns, String joinType) {
    return JoinRewrites.using(this, right, usingColumns, Join.Type.parse(joinType));
  }

  /** Rows of both frames, matched by column position (Spark's rule). */
  public DataFrame union(DataFrame other) {
    Schema a = plan.schema();
    Schema b = other.plan.schema();
    if (a.getFieldCount() != b.getFieldCount()) {
      throw new AnalysisException(
          "Union can only be performed on tables with the same number of columns, but the first"
              + " table has "
              + a.getFieldCount()
              + " columns and the second table has "
              + b.getFieldCount()
              + " columns");
    }
    if (plan.isStreaming() != other.plan.isStreaming()) {
      throw new AnalysisException(
          "Union between streaming and batch DataFrames/Datasets is not supported");
    }
    return with(new Union(plan, other.plan));
  }

  public DataFrame orderBy(Column... columns) {
    return with(
        new Sort(plan, RowOrdering.of(plan.schema(), Column.expressions(Arrays.asList(columns)))));
  }

  public DataFrame orderBy(String column, String... columns) {
    List<Column> all = new ArrayList<>();
    all.add(col(column));
    for (String c : columns) {
      all.add(col(c));
    }
    return orderBy(all.toArray(new Column[0]));
  }

  public DataFrame sort(Column... columns) {
    return orderBy(columns);
  }

  public DataFrame limit(int n) {
    return with(new Limit(plan, n));
  }

  /** Registers this frame as a view {@code session.sql(..)} can query. */
  public void createOrReplaceTempView(String name) {
    session.registerView(name, this);
  }

  /** Starts describing how to run this streaming frame's query. */
  public DataStreamWriter writeStream() {
    if (!isStreaming()) {
      throw new AnalysisException(
          "'writeStream' can be called only on streaming Dataset/DataFrame; this one is static"
              + " (use show() or collectAsList())");
    }
    return new DataStreamWriter(this);
  }

  /**
   * Starts describing a static write of this frame (files or a JDBC table); see {@link
   * DataFrameWriter}.
   */
  public DataFrameWriter write() {
    if (isStreaming()) {
      throw new AnalysisException(
          "'write' can not be called on streaming Dataset/DataFrame: use writeStream(), or"
              + " writeStream().foreachBatch((batch, id) -> batch.write()...) to write each"
              + " micro-batch statically");
    }
    return new DataFrameWriter(this);
  }

  /** The rows of this static frame. */
  public List<Row> collectAsList() {
    return LocalExecutor.execute(plan, session.evalContext());
  }

  /** The number of rows of this static frame. */
  public long count() {
    return collectAsList().size();
  }

  /** Prints the first 20 rows, values cut to 20 characters, as Spark's {@code show()}. */
  public void show() {
    show(ConsoleTable.DEFAULT_NUM_ROWS, true);
  }

  public void show(int numRows) {
    show(numRows, true);
  }

  public void show(int numRows, boolean truncate) {
    // Spark prints showString and a line break: a blank line follows the table
    System.out.print(showString(numRows, truncate) + "\n");
  }

  /** What {@link #show(int, boolean)} prints. */
  public String showString(int numRows, boolean truncate) {
    return ConsoleTable.of(plan.schema())
        .withNumRows(numRows)
        .withTruncate(truncate)
        .withZone(session.zone())
        .show(collectAsList());
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("[");
    for (Schema.Field f : plan.schema().getFields()) {
      if (s.length() > 1) {
        s.append(", ");
      }
      s.append(f.getName()).append(": ").append(SparkTypes.simpleString(f.getType()));
    }
    return s.append("]").toString();
  }
}
