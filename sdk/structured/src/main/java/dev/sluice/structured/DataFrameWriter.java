package dev.sluice.structured;

import dev.sluice.structured.internal.batch.BatchWrites;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Describes where and how a static frame is written, then writes it (Spark's {@code
 * DataFrameWriter}): files ({@code json}, {@code csv}, {@code text}, {@code parquet}, Spark's
 * default) or a database table through JDBC, with Spark's {@link SaveMode} (default {@link
 * SaveMode#ErrorIfExists}).
 *
 * <ul>
 *   <li>Files: {@code part-00000-<uuid>.<ext>} data files and a {@code _SUCCESS} marker under the
 *       path; {@link #partitionBy} writes Hive-style {@code col=value/} directories; options as the
 *       file sinks' ({@code header}, {@code sep}, {@code timestampFormat}, Parquet's {@code
 *       compression}, …).
 *   <li>JDBC ({@link #jdbc} or {@code format("jdbc")} with {@code url} and {@code dbtable}): the
 *       table is created if missing (Spark's type mapping; {@code createTableColumnTypes}, {@code
 *       createTableOptions}); rows are inserted in batches of {@code batchsize} (1000), all in one
 *       transaction at {@code isolationLevel} (READ_UNCOMMITTED): if a row fails (a constraint, a
 *       type) the transaction is rolled back and the error names the table and the row. {@code
 *       Overwrite} drops and recreates the table, or empties it with {@code truncate=true}. The
 *       frame's columns must exist in the table (by name, ignoring case).
 * </ul>
 *
 * <pre>{@code
 * df.write().mode("overwrite").partitionBy("day").parquet("out/events");
 * Properties props = new Properties();
 * props.setProperty("user", "app");
 * props.setProperty("password", "secret");
 * df.write().mode(SaveMode.Append).option("batchsize", "500")
 *     .jdbc("jdbc:postgresql://localhost/shop", "counts", props);
 * }</pre>
 */
public final class DataFrameWriter {
  private final DataFrame frame;
  private String format;
  private SaveMode mode = SaveMode.ErrorIfExists;
  private final Map<String, String> options = new HashMap<>();
  private final List<String> partitionBy = new ArrayList<>();

  DataFrameWriter(DataFrame frame) {
    this.frame = frame;
    this.format = frame.session().conf().get("spark.sql.sources.default", "parquet");
  }

  public DataFrameWriter mode(SaveMode mode) {
    this.mode = mode;
    return this;
  }

  /** {@code append}, {@code overwrite}, {@code error}/{@code errorifexists}, {@code ignore}. */
  public DataFrameWriter mode(String mode) {
    return mode(SaveMode.parse(mode));
  }

  public DataFrameWriter format(String source) {
    this.format = source.trim().toLowerCase(Locale.ROOT);
    return this;
  }

  public DataFrameWriter option(String key, String value) {
    options.put(key.toLowerCase(Locale.ROOT), value);
    return this;
  }

  public DataFrameWriter option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataFrameWriter option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataFrameWriter option(String key, double value) {
    return option(key, Double.toString(value));
  }

  public DataFrameWriter options(Map<String, String> options) {
    options.forEach(this::option);
    return this;
  }

  /** Writes files under Hive-style {@code col=value/} directories, the columns left out of them. */
  public DataFrameWriter partitionBy(String... columns) {
    partitionBy.clear();
    partitionBy.addAll(Arrays.asList(columns));
    return this;
  }

  /** Writes to the destination the options name (a JDBC table, or option {@code path}). */
  public void save() {
    BatchWrites.save(format, mode, options, partitionBy, frame.beamSchema(), frame::collectAsList);
  }

  /** Writes files under {@code path}. */
  public void save(String path) {
    option("path", path);
    save();
  }

  public void json(String path) {
    format("json").save(path);
  }

  public void csv(String path) {
    format("csv").save(path);
  }

  /** Text files: the frame must have exactly one string column. */
  public void text(String path) {
    format("text").save(path);
  }

  public void parquet(String path) {
    format("parquet").save(path);
  }

  /** Writes to {@code table} of the database at {@code url}; {@code properties}: user, password… */
  public void jdbc(String url, String table, Properties properties) {
    format("jdbc");
    properties.stringPropertyNames().forEach(k -> option(k, properties.getProperty(k)));
    option("url", url);
    option("dbtable", table);
    save();
  }
}
