package dev.sluice.structured.internal.batch;

import dev.sluice.io.file.FileTableWriter;
import dev.sluice.io.jdbc.JdbcOptions;
import dev.sluice.io.jdbc.JdbcTable;
import dev.sluice.io.parquet.ParquetFormat;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.SaveMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * What {@code df.write()...save()} does, with Spark's {@code SaveMode} semantics.
 *
 * <ul>
 *   <li>Files ({@code json}, {@code csv}, {@code text}, {@code parquet}): the path exists → {@code
 *       ErrorIfExists} fails, {@code Ignore} writes nothing, {@code Overwrite} deletes it first,
 *       {@code Append} adds new data files; then the data files and {@code _SUCCESS}.
 *   <li>{@code jdbc}: the table missing → created with Spark's type mapping, for every mode;
 *       existing → {@code ErrorIfExists} fails, {@code Ignore} writes nothing, {@code Overwrite}
 *       truncates it ({@code truncate=true}) or drops and recreates it, {@code Append} inserts. The
 *       rows go in batches of {@code batchsize}, all in one transaction (a static frame is one
 *       partition).
 * </ul>
 *
 * <pre>{@code
 * BatchWrites.save("json", SaveMode.Overwrite, Map.of("path", "out"), List.of(), schema,
 *     () -> rows);
 * }</pre>
 */
public final class BatchWrites {
  private BatchWrites() {}

  /**
   * Writes the rows {@code rows} gives (computed only if something is written).
   *
   * @throws AnalysisException if the destination exists with {@code ErrorIfExists}, or the options
   *     are invalid
   */
  public static void save(
      String format,
      SaveMode mode,
      Map<String, String> options,
      List<String> partitionBy,
      Schema schema,
      Supplier<List<Row>> rows) {
    String f = format.toLowerCase(Locale.ROOT);
    switch (f) {
      case "jdbc":
        if (!partitionBy.isEmpty()) {
          throw new AnalysisException(
              "jdbc does not support partitioning: drop partitionBy(" + partitionBy + ")");
        }
        jdbc(mode, options, schema, rows);
        return;
      case "json":
      case "csv":
      case "text":
      case "parquet":
        files(f, mode, options, partitionBy, schema, rows);
        return;
      default:
        throw new IllegalArgumentException(
            "Unknown data source format '"
                + format
                + "' for write(): Sluice writes json, csv, text, parquet and jdbc"
                + (f.equals("console") || f.equals("memory") || f.equals("kafka")
                    ? "; " + f + " is a sink of writeStream()"
                    : ""));
    }
  }

  private static void files(
      String format,
      SaveMode mode,
      Map<String, String> options,
      List<String> partitionBy,
      Schema schema,
      Supplier<List<Row>> rows) {
    Map<String, String> writeOptions = new HashMap<>(options);
    String path = writeOptions.remove("path");
    if (path == null) {
      throw new IllegalArgumentException(
          "'path' is not specified: use save(\"out/\"), "
              + format
              + "(\"out/\") or"
              + " option(\"path\", \"out/\")");
    }
    FileTableWriter writer;
    try {
      writer =
          (format.equals("parquet")
                  ? FileTableWriter.of(ParquetFormat.snappy(), path)
                  : FileTableWriter.format(format, path))
              .withOptions(writeOptions)
              .withPartitionBy(partitionBy.toArray(new String[0]));
      writer.check(schema);
    } catch (IllegalArgumentException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
    if (writer.exists()) {
      switch (mode) {
        case ErrorIfExists:
          throw new AnalysisException(
              "[PATH_ALREADY_EXISTS] Path "
                  + writer.qualifiedPath()
                  + " already exists. Set mode as \"overwrite\" to overwrite the existing path"
                  + " (or \"append\" to add files to it, \"ignore\" to leave it).");
        case Ignore:
          return;
        default:
          break;
      }
    }
    List<Row> data = rows.get();
    try {
      if (mode == SaveMode.Overwrite) {
        writer.delete();
      }
      writer.write(schema, data);
    } catch (IOException e) {
      throw new UncheckedIOException("Writing " + writer.qualifiedPath() + " failed: " + e, e);
    }
  }

  private static void jdbc(
      SaveMode mode, Map<String, String> options, Schema schema, Supplier<List<Row>> rows) {
    JdbcTable table;
    try {
      JdbcOptions jdbc = JdbcOptions.of(options);
      if (jdbc.table() == null) {
        throw new IllegalArgumentException(
            "Option 'dbtable' is required to write to a jdbc data source ('query' only reads)");
      }
      table = JdbcTable.of(jdbc);
    } catch (IllegalArgumentException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
    String name = table.options().table();
    if (table.exists()) {
      switch (mode) {
        case ErrorIfExists:
          throw new AnalysisException(
              "Table or view '"
                  + name
                  + "' already exists. SaveMode: ErrorIfExists. Use mode(\"append\") to add rows,"
                  + " mode(\"overwrite\") to replace them, or mode(\"ignore\")");
        case Ignore:
          return;
        case Overwrite:
          List<Row> data = rows.get();
          if (table.options().truncate()) {
            table.truncate();
          } else {
            table.drop();
            create(table, schema);
          }
          table.insert(schema, data);
          return;
        default:
          table.insert(schema, rows.get());
          return;
      }
    }
    List<Row> data = rows.get();
    create(table, schema);
    table.insert(schema, data);
  }

  private static void create(JdbcTable table, Schema schema) {
    try {
      table.create(schema);
    } catch (IllegalArgumentException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
  }
}
