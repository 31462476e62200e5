package dev.sluice.structured;

import dev.sluice.io.console.ConsoleTable;
import dev.sluice.io.schema.SparkTypes;
import dev.sluice.io.time.DurationText;
import dev.sluice.structured.internal.exec.LocalExecutor;
import dev.sluice.structured.internal.expr.Aggregation;
import dev.sluice.structured.internal.expr.Attribute;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.expr.Predicate;
import dev.sluice.structured.internal.expr.Projection;
import dev.sluice.structured.internal.expr.RowOrdering;
import dev.sluice.structured.internal.expr.WindowExpression;
import dev.sluice.structured.internal.plan.Aggregate;
import dev.sluice.structured.internal.plan.Deduplicate;
import dev.sluice.structured.internal.plan.Filter;
import dev.sluice.structured.internal.plan.Join;
import dev.sluice.structured.internal.plan.JoinRewrites;
import dev.sluice.structured.internal.plan.Limit;
import dev.sluice.structured.internal.plan.LogicalPlan;
import dev.sluice.structured.internal.plan.PlanColumns;
import dev.sluice.structured.internal.plan.Plans;
import dev.sluice.structured.internal.plan.Project;
import dev.sluice.structured.internal.plan.Resolver;
import dev.sluice.structured.internal.plan.Sort;
import dev.sluice.structured.internal.plan.SubqueryAlias;
import dev.sluice.structured.internal.plan.Union;
import dev.sluice.structured.internal.plan.Watermark;
import dev.sluice.structured.internal.plan.Windowed;
import dev.sluice.structured.internal.sql.SqlParser;
import dev.sluice.structured.internal.types.BeamTypes;
import dev.sluice.structured.types.StructField;
import dev.sluice.structured.types.StructType;
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

  /**
   * The schema, as Spark's {@code df.schema()}: a {@link StructType} with the names the user knows.
   *
   * <pre>{@code
   * StructType schema = events.schema();
   * schema.fieldNames();                  // [id, action, ts]
   * schema.apply("ts").dataType();        // TimestampType
   * }</pre>
   */
  public StructType schema() {
    return BeamTypes.fromBeam(plan.schema(), plan.columns().names());
  }

  /**
   * The Beam schema of this frame's rows (what {@link #collectAsList()}'s rows carry), to build
   * rows of the same shape with {@code Row.withSchema(df.beamSchema())}. Its field names are
   * unique: where the frame's column names repeat (after a join) the later ones are {@code name#1}
   * ….
   */
  public Schema beamSchema() {
    return plan.schema();
  }

  /** Column names, in order (after a join they may repeat, as in Spark). */
  public String[] columns() {
    return plan.columns().names().toArray(new String[0]);
  }

  /** The schema as Spark prints it ({@code root / |-- id: string (nullable = true)}). */
  public String schemaString() {
    return schema().treeString();
  }

  /** Prints {@link #schemaString()} to standard output. */
  public void printSchema() {
    System.out.print(schemaString());
  }

  /**
   * This frame's column {@code name} (Spark's {@code df.col}): it keeps naming this frame's column
   * after a join with a frame that has one of the same name.
   *
   * <pre>{@code
   * DataFrame joined = events.join(counts, events.col("action").equalTo(counts.col("action")));
   * joined.select(events.col("action"), counts.col("count"));
   * }</pre>
   *
   * @throws AnalysisException if this frame has no such column, or several
   */
  public Column col(String name) {
    if (name.equals("*") || name.endsWith(".*")) {
      return Functions.col(name);
    }
    return new Column(Resolver.frameColumn(plan, name));
  }

  /** Same as {@link #col(String)}. */
  public Column apply(String name) {
    return col(name);
  }

  /**
   * This frame under the name {@code alias}, so its columns can be named {@code alias.column}, as
   * Spark's {@code df.alias}/{@code df.as}: the way to tell apart columns of the same name after a
   * join.
   *
   * <pre>{@code
   * DataFrame a = events.alias("a");
   * DataFrame b = events.alias("b");
   * a.join(b, expr("a.id = b.id AND a.ts < b.ts"))
   *     .select(col("a.id"), col("a.ts").as("first"), col("b.ts").as("next"));
   * }</pre>
   */
  public DataFrame alias(String alias) {
    if (alias == null || alias.isEmpty() || alias.contains(".")) {
      throw new IllegalArgumentException(
          "An alias must be a non-empty name without dots, e.g. alias(\"a\"), but is: " + alias);
    }
    return with(new SubqueryAlias(plan, alias));
  }

  /** Same as {@link #alias(String)}. */
  public DataFrame as(String alias) {
    return alias(alias);
  }

  public DataFrame select(Column... columns) {
    List<Expression> items = Resolver.selectList(plan, Column.expressions(Arrays.asList(columns)));
    return with(Windowed.project(plan, items));
  }

  public DataFrame select(String column, String... columns) {
    List<Column> all = new ArrayList<>();
    all.add(Functions.col(column));
    for (String c : columns) {
      all.add(Functions.col(c));
    }
    return select(all.toArray(new Column[0]));
  }

  /** {@code select} with SQL expressions: {@code selectExpr("upper(action) AS a", "ts")}. */
  public DataFrame selectExpr(String... expressions) {
    return select(
        SqlParser.selectList(expressions).stream().map(Column::new).toArray(Column[]::new));
  }

  public DataFrame filter(Column condition) {
    return with(new Filter(plan, Predicate.of(plan.schema(), resolve(condition))));
  }

  private Expression resolve(Column c) {
    return Resolver.resolve(plan, c.expression());
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
    Expression c = resolve(column);
    if (WindowExpression.occursIn(c)) {
      return with(Windowed.withColumn(plan, name, c));
    }
    return with(
        new Project(plan, Projection.withColumn(plan.schema(), plan.columns().names(), name, c)));
  }

  public DataFrame withColumnRenamed(String existing, String renamed) {
    return with(
        new Project(
            plan,
            Projection.withColumnRenamed(
                plan.schema(), plan.columns().names(), existing, renamed)));
  }

  /** Drops the named columns (every column of a name); names that do not exist are ignored. */
  public DataFrame drop(String... names) {
    return with(new Project(plan, Projection.drop(plan.schema(), plan.columns().names(), names)));
  }

  /**
   * Drops the one column {@code column} refers to, e.g. {@code joined.drop(right.col("id"))} after
   * a join where both sides have {@code id}.
   *
   * @throws AnalysisException if it is not a column of this frame
   */
  public DataFrame drop(Column column) {
    Expression e = resolve(column);
    if (!(e instanceof Attribute) || ((Attribute) e).parts().size() != 1) {
      throw new AnalysisException(
          "drop(Column) takes a column of the frame, e.g. drop(col(\"a.id\")), not " + column);
    }
    Attribute a = (Attribute) e;
    int index =
        a.isResolved() ? plan.schema().indexOf(a.lastPart()) : Resolver.index(plan, a.lastPart());
    List<Expression> kept = Resolver.references(plan);
    kept.remove(index);
    return with(new Project(plan, Projection.of(plan.schema(), kept)));
  }

  /**
   * Declares that {@code eventTimeColumn} (a timestamp) is the event time and that data may be
   * {@code delayThreshold} late ("10 minutes"). Stateful operators drop rows and evict state older
   * than the watermark, {@code max(event time seen) − delay}, updated after each batch.
   */
  public DataFrame withWatermark(String eventTimeColumn, String delayThreshold) {
    Schema schema = plan.schema();
    int index;
    try {
      index = Resolver.index(plan, eventTimeColumn);
    } catch (AnalysisException e) {
      if (e.getMessage().contains("ambiguous")) {
        throw e;
      }
      throw new AnalysisException(
          "Cannot resolve column name \""
              + eventTimeColumn
              + "\" among ("
              + String.join(", ", plan.columns().names())
              + ") for withWatermark",
          e);
    }
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
    String field = schema.getField(index).getName();
    String id = "watermark" + System.identityHashCode(this) + "_" + field;
    return with(new Watermark(plan, field, index, delay, id));
  }

  public GroupedData groupBy(Column... columns) {
    return new GroupedData(this, Arrays.asList(columns));
  }

  public GroupedData groupBy(String column, String... columns) {
    List<Column> all = new ArrayList<>();
    all.add(Functions.col(column));
    for (String c : columns) {
      all.add(Functions.col(c));
    }
    return new GroupedData(this, all);
  }

  DataFrame aggregate(List<Column> keys, List<Column> aggregates) {
    return with(
        Aggregate.over(
            plan,
            Aggregation.of(
                plan.schema(),
                Resolver.resolve(plan, Column.expressions(keys)),
                Resolver.resolve(plan, Column.expressions(aggregates)))));
  }

  /** Rows with distinct values of all columns. */
  public DataFrame dropDuplicates() {
    return dropDuplicates(columns());
  }

  /** The first row of each distinct combination of {@code columns} (every column of a name). */
  public DataFrame dropDuplicates(String... columns) {
    List<String> names = plan.columns().names();
    List<Integer> keys = new ArrayList<>();
    for (String c : columns) {
      boolean found = false;
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equals(c) && !keys.contains(i)) {
          keys.add(i);
          found = true;
        }
      }
      if (!found) {
        throw new AnalysisException(
            "Cannot resolve column name \"" + c + "\" among (" + String.join(", ", names) + ")");
      }
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
    Expression resolved =
        Resolver.resolve(
            joined,
            PlanColumns.concat(plan.columns(), right.plan.columns()),
            condition.expression());
    Predicate predicate = Predicate.of(joined, resolved);
    return with(
        new Join(
            plan,
            right.plan,
            predicate,
            resolved,
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
        new Sort(
            plan,
            RowOrdering.of(
                plan.schema(),
                Resolver.resolve(plan, Column.expressions(Arrays.asList(columns))))));
  }

  public DataFrame orderBy(String column, String... columns) {
    List<Column> all = new ArrayList<>();
    all.add(Functions.col(column));
    for (String c : columns) {
      all.add(Functions.col(c));
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

  /** Prints the first {@code numRows} rows, values cut to 20 characters. */
  public void show(int numRows) {
    show(numRows, true);
  }

  /**
   * Prints the first 20 rows; {@code show(false)} shows whole values, left-aligned (Spark's {@code
   * show(truncate = false)}).
   */
  public void show(boolean truncate) {
    show(ConsoleTable.DEFAULT_NUM_ROWS, truncate);
  }

  /** Prints the first {@code numRows} rows, values cut to 20 characters or whole. */
  public void show(int numRows, boolean truncate) {
    show(numRows, truncate ? ConsoleTable.DEFAULT_TRUNCATE : 0, false);
  }

  /**
   * Prints the first {@code numRows} rows with values longer than {@code truncate} characters cut
   * (0: whole values, left-aligned).
   */
  public void show(int numRows, int truncate) {
    show(numRows, truncate, false);
  }

  /**
   * Prints the first {@code numRows} rows, cut at {@code truncate} characters (0: whole); {@code
   * vertical} prints each row as a block of {@code name | value} lines, as Spark.
   *
   * <pre>{@code
   * df.show(5, 0, true);
   * // -RECORD 0-------
   * //  action | open
   * //  n      | 3
   * }</pre>
   */
  public void show(int numRows, int truncate, boolean vertical) {
    // Spark prints showString and a line break: a blank line follows the table
    System.out.print(showString(numRows, truncate, vertical) + "\n");
  }

  /** What {@link #show(int, boolean)} prints. */
  public String showString(int numRows, boolean truncate) {
    return showString(numRows, truncate ? ConsoleTable.DEFAULT_TRUNCATE : 0, false);
  }

  /**
   * What {@link #show(int, int, boolean)} prints (without the final blank line). As in Spark, a
   * negative {@code numRows} shows no rows and a negative {@code truncate} shows whole values.
   */
  public String showString(int numRows, int truncate, boolean vertical) {
    return ConsoleTable.of(plan.schema())
        .withHeader(plan.columns().names())
        .withNumRows(Math.max(0, numRows))
        .withTruncate(Math.max(0, truncate))
        .withVertical(vertical)
        .withZone(session.zone())
        .show(collectAsList());
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("[");
    for (StructField f : schema()) {
      if (s.length() > 1) {
        s.append(", ");
      }
      s.append(f.name()).append(": ").append(f.dataType().simpleString());
    }
    return s.append("]").toString();
  }
}
