package dev.sluice.structured.internal.batch;

import dev.sluice.io.file.FileTableReader;
import dev.sluice.io.jdbc.JdbcOptions;
import dev.sluice.io.jdbc.JdbcTable;
import dev.sluice.io.parquet.ParquetFiles;
import dev.sluice.io.parquet.ParquetFormat;
import dev.sluice.io.schema.SparkTypes;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.internal.plan.LocalRelation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The plans of {@code session.read()}: static frames ({@link LocalRelation}s) whose schema is known
 * (given or inferred) when the frame is made and whose rows are read each time the frame runs, as
 * Spark reads a batch source at every action. Files are listed when the frame is made.
 *
 * <pre>{@code
 * LocalRelation people = BatchReads.files("csv", null,
 *     Map.of("header", "true", "inferSchema", "true"), List.of("data/people.csv"));
 * LocalRelation orders = BatchReads.jdbc(
 *     Map.of("url", "jdbc:h2:mem:shop", "dbtable", "orders"), null, null);
 * }</pre>
 */
public final class BatchReads {
  private BatchReads() {}

  /**
   * A static frame of the files of {@code paths} in {@code format} ({@code json}, {@code csv},
   * {@code text}, {@code parquet}); the schema is {@code schema} (made nullable, plus discovered
   * partition columns) or inferred as Spark infers it.
   */
  public static LocalRelation files(
      String format, @Nullable Schema schema, Map<String, String> options, List<String> paths) {
    String f = format.toLowerCase(Locale.ROOT);
    Map<String, String> readOptions = new HashMap<>(options);
    readOptions.remove("path");
    FileTableReader reader;
    Schema resolved;
    try {
      if (f.equals("parquet")) {
        reader = FileTableReader.of(ParquetFormat.snappy(), paths, readOptions);
        if (schema != null) {
          resolved = reader.withPartitionColumns(SparkTypes.asNullable(schema));
        } else if (reader.files().isEmpty()) {
          throw new AnalysisException(
              "Unable to infer schema for Parquet. It must be specified manually: "
                  + String.join(", ", paths)
                  + " holds no Parquet file");
        } else {
          resolved = ParquetFiles.inferSchema(paths.get(0));
        }
      } else if (f.equals("json") || f.equals("csv") || f.equals("text")) {
        reader = FileTableReader.format(f, paths, readOptions);
        if (f.equals("text") && schema != null && !isOneString(schema)) {
          throw new AnalysisException(
              "Text data source supports only a single column, and you have "
                  + schema.getFieldCount()
                  + " columns: drop the schema, or read json or csv");
        }
        resolved =
            schema != null
                ? reader.withPartitionColumns(SparkTypes.asNullable(schema))
                : reader.inferSchema();
      } else {
        throw unknown(format);
      }
    } catch (IllegalArgumentException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
    FileTableReader files = reader;
    Schema rowsSchema = resolved;
    return new LocalRelation(resolved, () -> files.read(rowsSchema));
  }

  private static boolean isOneString(Schema schema) {
    return schema.getFieldCount() == 1
        && schema.getField(0).getType().getTypeName() == Schema.TypeName.STRING;
  }

  /**
   * A static frame of a JDBC table or query ({@code url}, {@code dbtable}/{@code query}, ...): its
   * schema read from the database now, its rows queried each time the frame runs, in one query per
   * partition ({@code partitionColumn} strides, or {@code predicates} when given).
   */
  public static LocalRelation jdbc(
      Map<String, String> options, @Nullable Schema schema, @Nullable List<String> predicates) {
    if (schema != null) {
      throw new AnalysisException(
          "User specified schema not supported with `jdbc`: drop .schema(..) (the table's columns"
              + " are read from the database) and cast columns after reading");
    }
    JdbcTable table;
    try {
      table = JdbcTable.of(JdbcOptions.of(options));
    } catch (IllegalArgumentException e) {
      throw new AnalysisException(e.getMessage(), e);
    }
    Schema resolved = table.schema();
    List<String> clauses = predicates == null ? table.partitions(resolved) : predicates;
    return new LocalRelation(
        resolved,
        () -> {
          List<Row> rows = new ArrayList<>();
          for (String where : clauses) {
            rows.addAll(table.read(resolved, where));
          }
          return rows;
        });
  }

  /** The error for a format {@code session.read()} does not know. */
  public static IllegalArgumentException unknown(String format) {
    return new IllegalArgumentException(
        "Unknown data source format '"
            + format
            + "'. Sluice reads json, csv, text, parquet and jdbc statically"
            + (format.equalsIgnoreCase("kafka")
                    || format.equalsIgnoreCase("socket")
                    || format.equalsIgnoreCase("rate")
                ? "; read " + format + " as a stream with readStream()"
                : ""));
  }
}
