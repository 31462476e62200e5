package dev.sluice.io.file;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Writes a static table of rows as a directory of data files, the way Spark's batch {@code
 * df.write.format("json").save(path)} does: data files {@code part-00000-<uuid>.<ext>} (per
 * Hive-style {@code col=value/} partition with {@link #withPartitionBy}), each written under a
 * hidden temporary name and renamed, then an empty {@code _SUCCESS} marker. The same formats and
 * write options as the streaming {@link FileSink} (whose data-file writing it shares): {@code
 * json}, {@code csv} ({@code header}, {@code sep}), {@code text}, and whole-file formats such as
 * Parquet ({@link #of(FileRecordFormat, String)}). No {@code _spark_metadata} log is written:
 * readers list the directory.
 *
 * <p>What to do when the path exists (Spark's {@code SaveMode}) is the caller's: {@link #exists()},
 * {@link #delete()}, then {@link #write}.
 *
 * <pre>{@code
 * FileTableWriter out = FileTableWriter.format("csv", "out/people")
 *     .withOptions(Map.of("header", "true"))
 *     .withPartitionBy("country");
 * if (out.exists()) {
 *   out.delete();                 // overwrite
 * }
 * out.write(schema, rows);        // out/people/country=FR/part-00000-<uuid>.csv, out/people/_SUCCESS
 * }</pre>
 */
public final class FileTableWriter {
  /** Spark's marker of a finished job. */
  public static final String SUCCESS = "_SUCCESS";

  @Nullable private final FileFormat format;
  @Nullable private final FileRecordFormat recordFormat;
  private final String path;
  private final Map<String, String> options;
  private final List<String> partitionBy;

  private FileTableWriter(
      @Nullable FileFormat format,
      @Nullable FileRecordFormat recordFormat,
      String path,
      Map<String, String> options,
      List<String> partitionBy) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(
          "'path' is not specified: use save(\"out/\") or option(\"path\", \"out/\")");
    }
    this.format = format;
    this.recordFormat = recordFormat == null ? null : recordFormat.withOptions(options);
    this.path = path;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.partitionBy = List.copyOf(partitionBy);
    if (format != null) {
      new RowFormatter(format, options); // checks the write options now
    }
  }

  /** Files in the format Spark names {@code format}: {@code json}, {@code csv} or {@code text}. */
  public static FileTableWriter format(String format, String path) {
    return new FileTableWriter(FileFormat.fromString(format), null, path, Map.of(), List.of());
  }

  /** Files in a whole-file {@code format} (such as io-parquet's {@code ParquetFormat}). */
  public static FileTableWriter of(FileRecordFormat format, String path) {
    return new FileTableWriter(null, format, path, Map.of(), List.of());
  }

  /** A copy with Spark's write options (the format's; others are ignored). */
  public FileTableWriter withOptions(Map<String, String> more) {
    Map<String, String> copy = new LinkedHashMap<>(options);
    copy.putAll(more);
    return new FileTableWriter(format, recordFormat, path, copy, partitionBy);
  }

  /** A copy writing Spark's {@code partitionBy(columns)} layout. */
  public FileTableWriter withPartitionBy(String... columns) {
    return new FileTableWriter(format, recordFormat, path, options, List.of(columns));
  }

  /** The output directory made absolute. */
  public Path directory() {
    return FileListing.absolute(path);
  }

  /** Spark's qualified form of the path, e.g. {@code file:/data/out}, for messages. */
  public String qualifiedPath() {
    return FileListing.qualified(path);
  }

  /** True if the path exists (a file or a directory, empty or not), as Spark checks. */
  public boolean exists() {
    return Files.exists(directory());
  }

  /** Deletes the path and everything under it (Spark's overwrite); nothing if it does not exist. */
  public void delete() throws IOException {
    Path dir = directory();
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Checks that rows of {@code schema} can be written (partition columns, the format's column
   * types) without writing anything.
   *
   * @throws IllegalArgumentException naming the column that cannot be written
   */
  public void check(Schema schema) {
    writer().check(schema);
  }

  /**
   * Adds {@code rows} as new data files under the path (created if missing), then writes {@code
   * _SUCCESS}. Without rows, line formats write no data file; whole-file formats write one empty
   * file, so the schema can be read back (as Spark does for Parquet).
   *
   * @return the data files written
   * @throws IllegalArgumentException if the format cannot hold the schema (nothing is written)
   */
  public List<Path> write(Schema schema, List<Row> rows) throws IOException {
    DataFileWriter writer = writer();
    writer.check(schema);
    Path dir = directory();
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    if (!rows.isEmpty() || (recordFormat != null && partitionBy.isEmpty())) {
      files.addAll(writer.write(dir, schema, rows));
    }
    Path success = dir.resolve(SUCCESS);
    if (!Files.exists(success)) {
      Files.createFile(success);
    }
    return files;
  }

  private DataFileWriter writer() {
    return new DataFileWriter(
        format,
        recordFormat,
        format == null ? null : new RowFormatter(format, options),
        partitionBy);
  }
}
