package dev.sluice.io.file;

import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * A file format whose files are read and written whole (not line by line), such as Parquet: the
 * extension point through which a module outside io plugs a format into {@link FileStreamSource}
 * and {@link FileSink} without io depending on it.
 *
 * <p>The source lists, batches and checkpoints the files, adds partition columns read from
 * Hive-style {@code col=value/} directories, and calls {@link #open} for the data columns of each
 * file; the sink groups rows by partition and calls {@link #write} once per data file. A file that
 * cannot be decoded is reported as {@link CorruptFileException}: the source then skips it (option
 * {@code ignoreCorruptFiles=true}) or fails naming it.
 *
 * <pre>{@code
 * // format: e.g. io-parquet's ParquetFormat.snappy()
 * FileStreamSource source = FileStreamSource.of(format, schema, "in/");
 * FileSink sink = FileSink.of(format, "out/").withPartitionBy("day");
 * }</pre>
 */
public interface FileRecordFormat extends Serializable {
  /** Spark's name of the format, e.g. {@code parquet}. */
  String name();

  /** The ending of the data files the sink writes, without the dot, e.g. {@code snappy.parquet}. */
  String fileExtension();

  /**
   * Opens {@code file} to read its rows with {@code dataSchema} (the source's schema without the
   * partition columns; every field nullable).
   *
   * @throws CorruptFileException if the file cannot be decoded (truncated, not of this format)
   * @throws IOException if it cannot be read, or its columns do not fit {@code dataSchema}
   */
  RowReader open(Path file, Schema dataSchema) throws IOException;

  /**
   * Writes {@code rows} of {@code schema} as one complete file at {@code file} (a new file; the
   * sink renames it into place afterwards).
   *
   * @throws IllegalArgumentException if the format cannot hold the schema
   */
  void write(Path file, Schema schema, List<Row> rows) throws IOException;

  /**
   * The format with the sink's write options applied (e.g. Parquet's {@code compression}); by
   * default the format itself. Called by {@link FileSink} whenever its options change.
   *
   * @throws IllegalArgumentException if an option's value is invalid
   */
  default FileRecordFormat withOptions(Map<String, String> options) {
    return this;
  }

  /**
   * Checks, before anything is written, that the format can hold {@code schema}.
   *
   * @throws IllegalArgumentException naming the column that cannot be written
   */
  default void check(Schema schema) {}

  /** The rows of one open file, in file order. */
  interface RowReader extends Closeable {
    /**
     * The next row, or null at the end of the file.
     *
     * @throws CorruptFileException if the rest of the file cannot be decoded
     */
    @Nullable
    Row next() throws IOException;
  }
}
