package dev.sluice.structured;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.internal.batch.BatchReads;
import dev.sluice.structured.internal.plan.LocalRelation;
import dev.sluice.structured.internal.types.BeamTypes;
import dev.sluice.structured.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Describes a static source, then loads it as a static frame (Spark's {@code DataFrameReader}):
 * files ({@code json}, {@code csv}, {@code text}, {@code parquet}) or a database table through
 * JDBC. The schema is the given one, or inferred as Spark infers it when the frame is made; the
 * rows are read each time the frame runs ({@code show()}, {@code collectAsList()}, a write, or the
 * start of a streaming query it is joined with).
 *
 * <table>
 *   <caption>Formats and their options</caption>
 *   <tr><th>format</th><th>options</th></tr>
 *   <tr><td>{@code json}</td><td>schema inferred without {@link #schema}: {@code samplingRatio},
 *       {@code primitivesAsString}, {@code prefersDecimal}, {@code inferTimestamp}, {@code
 *       dropFieldIfAllNull}; parsing: {@code mode}, {@code columnNameOfCorruptRecord}, {@code
 *       timestampFormat}, {@code dateFormat}, {@code timeZone} …</td></tr>
 *   <tr><td>{@code csv}</td><td>{@code header}, {@code inferSchema} (else every column is a
 *       string), {@code samplingRatio}, {@code preferDate}, {@code sep}, {@code quote}, {@code
 *       escape}, {@code comment}, {@code nullValue}, {@code mode} …</td></tr>
 *   <tr><td>{@code text}</td><td>{@code wholetext}; one column {@code value STRING}</td></tr>
 *   <tr><td>{@code parquet} (Spark's default format)</td><td>{@code ignoreCorruptFiles}; schema
 *       from the files</td></tr>
 *   <tr><td>{@code jdbc}</td><td>{@code url}, {@code dbtable} or {@code query}, {@code user},
 *       {@code password}, {@code driver}, {@code fetchsize}, {@code queryTimeout}, {@code
 *       sessionInitStatement}, {@code partitionColumn}/{@code lowerBound}/{@code
 *       upperBound}/{@code numPartitions}; other options go to the driver</td></tr>
 * </table>
 *
 * <p>File paths may be files, directories (Hive-style {@code col=value/} subdirectories become
 * columns) or globs; they are listed when the frame is made.
 *
 * <pre>{@code
 * DataFrame people = session.read()
 *     .option("header", "true").option("inferSchema", "true")
 *     .csv("data/people.csv");
 * DataFrame events = session.read().json("data/events");   // schema inferred
 * Properties props = new Properties();
 * props.setProperty("user", "app");
 * props.setProperty("password", "secret");
 * DataFrame orders = session.read().jdbc("jdbc:postgresql://localhost/shop", "orders", props);
 * }</pre>
 */
public final class DataFrameReader {
  private final StreamingSession session;
  private String format;
  private Schema schema;
  private final Map<String, String> options = new HashMap<>();

  DataFrameReader(StreamingSession session) {
    this.session = session;
    this.format = session.conf().get("spark.sql.sources.default", "parquet");
  }

  public DataFrameReader format(String source) {
    this.format = source.trim().toLowerCase(Locale.ROOT);
    return this;
  }

  public DataFrameReader schema(Schema schema) {
    this.schema = schema;
    return this;
  }

  /** The schema as Spark DDL: {@code "name STRING, age INT"}. */
  public DataFrameReader schema(String ddl) {
    return schema(DdlSchema.parse(ddl));
  }

  /** The schema as Spark's {@code StructType}. */
  public DataFrameReader schema(StructType schema) {
    return schema(BeamTypes.toBeam(schema));
  }

  public DataFrameReader option(String key, String value) {
    options.put(key.toLowerCase(Locale.ROOT), value);
    return this;
  }

  public DataFrameReader option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataFrameReader option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataFrameReader option(String key, double value) {
    return option(key, Double.toString(value));
  }

  public DataFrameReader options(Map<String, String> options) {
    options.forEach(this::option);
    return this;
  }

  /** The source the options describe: a JDBC table, or the files of option {@code path}. */
  public DataFrame load() {
    if (format.equals("jdbc")) {
      return frame(BatchReads.jdbc(options, schema, null));
    }
    String path = options.get("path");
    if (path == null) {
      throw new IllegalArgumentException(
          "A " + format + " source needs a path: use load(\"dir\") or " + format + "(\"dir\")");
    }
    return load(path);
  }

  /** The files of {@code paths} (files, directories or globs) in the set format. */
  public DataFrame load(String... paths) {
    if (format.equals("jdbc")) {
      throw new IllegalArgumentException(
          "The jdbc source takes no path: use load() with options url and dbtable, or jdbc(..)");
    }
    return frame(BatchReads.files(format, schema, options, new ArrayList<>(Arrays.asList(paths))));
  }

  /** JSON Lines files; schema inferred unless given. */
  public DataFrame json(String... paths) {
    return format("json").load(paths);
  }

  /** CSV files; columns are strings unless {@code inferSchema} is true or a schema is given. */
  public DataFrame csv(String... paths) {
    return format("csv").load(paths);
  }

  /** Text files, one row {@code value STRING} per line. */
  public DataFrame text(String... paths) {
    return format("text").load(paths);
  }

  /** Parquet files; schema from the files unless given. */
  public DataFrame parquet(String... paths) {
    return format("parquet").load(paths);
  }

  /** The table (or {@code "(SELECT ...) AS t"}) {@code table} of the database at {@code url}. */
  public DataFrame jdbc(String url, String table, Properties properties) {
    format("jdbc");
    withJdbc(url, table, properties);
    return load();
  }

  /**
   * The table read in {@code numPartitions} queries, each a stride of {@code columnName} between
   * {@code lowerBound} and {@code upperBound} (the bounds only set the strides: every row is read;
   * the first partition also takes nulls).
   */
  public DataFrame jdbc(
      String url,
      String table,
      String columnName,
      long lowerBound,
      long upperBound,
      int numPartitions,
      Properties properties) {
    format("jdbc");
    withJdbc(url, table, properties);
    option("partitionColumn", columnName);
    option("lowerBound", lowerBound);
    option("upperBound", upperBound);
    option("numPartitions", numPartitions);
    return load();
  }

  /** The table read in one query per {@code WHERE} clause of {@code predicates}. */
  public DataFrame jdbc(String url, String table, String[] predicates, Properties properties) {
    format("jdbc");
    withJdbc(url, table, properties);
    return frame(BatchReads.jdbc(options, schema, Arrays.asList(predicates)));
  }

  private void withJdbc(String url, String table, Properties properties) {
    properties.stringPropertyNames().forEach(k -> option(k, properties.getProperty(k)));
    option("url", url);
    option("dbtable", table);
  }

  private DataFrame frame(LocalRelation plan) {
    return new DataFrame(session, plan);
  }

  @Override
  public String toString() {
    return "DataFrameReader[" + format + ", " + List.copyOf(options.keySet()) + "]";
  }
}
