package dev.sluice.io.parquet;

import dev.sluice.io.file.CorruptFileException;
import dev.sluice.io.file.FileSink;
import dev.sluice.io.file.FileStreamSource;
import dev.sluice.io.file.PartitionPaths;
import dev.sluice.io.file.SourceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Spark's streaming Parquet source and sink ({@code readStream.parquet(path)}, {@code
 * writeStream.format("parquet")}) on io's file source and sink.
 *
 * <p>The source reads new Parquet files of a directory as micro-batches with every option of {@link
 * FileStreamSource} ({@code maxFilesPerTrigger}, {@code latestFirst}, {@code maxFileAge}, {@code
 * ignoreCorruptFiles}); partition directories {@code col=value/} become columns. Without a schema,
 * it is inferred when the pipeline is built, as Spark does with {@code
 * spark.sql.streaming.schemaInference=true}: the columns of the first file (by path) that can be
 * read, then the partition columns found in the directory names with their inferred types.
 *
 * <p>The sink writes one {@code part-00000-<uuid>.snappy.parquet} per batch (per partition with
 * {@code withPartitionBy}) and commits it in {@code _spark_metadata}; the {@code compression}
 * option picks the codec ({@link ParquetCodecs#SUPPORTED}).
 *
 * <pre>{@code
 * PCollection<Batched<Row>> events =
 *     p.apply(ParquetFiles.source(null, "in/").withMaxFilesPerTrigger(1));
 * BatchSink sink = ParquetFiles.sink("out/", Map.of("compression", "zstd")).withPartitionBy("day");
 * }</pre>
 */
public final class ParquetFiles {
  private ParquetFiles() {}

  /**
   * New Parquet files of {@code path} as rows of {@code schema}, or of the schema inferred from the
   * files present now when {@code schema} is null.
   *
   * @throws IllegalArgumentException if the schema must be inferred and no file can be read
   */
  public static FileStreamSource source(@Nullable Schema schema, String path) {
    return FileStreamSource.of(
        ParquetFormat.snappy(), schema != null ? schema : inferSchema(path), path);
  }

  /** Parquet files under {@code path}, snappy-compressed. */
  public static FileSink sink(String path) {
    return FileSink.of(ParquetFormat.snappy(), path);
  }

  /**
   * Parquet files under {@code path} with Spark's write options: {@code compression} (snappy, gzip,
   * zstd, none, uncompressed); other options are ignored, as Spark ignores unknown ones.
   */
  public static FileSink sink(String path, Map<String, String> options) {
    return sink(path).withOptions(options);
  }

  /**
   * The schema Spark infers for the Parquet files of {@code path}: the first readable file's
   * columns, then the partition columns (Spark's partition type inference) that are not among them.
   *
   * @throws IllegalArgumentException if the path has no readable Parquet file
   */
  public static Schema inferSchema(String path) {
    List<Path> files;
    try {
      files = SourceFiles.list(path);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Schema data = null;
    CorruptFileException firstCorrupt = null;
    for (Path file : files) {
      try {
        data = RowParquetReader.readSchema(file);
        break;
      } catch (CorruptFileException e) {
        if (firstCorrupt == null) {
          firstCorrupt = e;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (data == null) {
      throw new IllegalArgumentException(
          "Unable to infer schema for Parquet at "
              + path
              + ". It must be specified manually (e.g. DdlSchema.parse(\"id BIGINT, ts"
              + " TIMESTAMP\")), or the query must start when the directory holds a readable"
              + " Parquet file"
              + (firstCorrupt == null ? " (it holds none)" : ": " + firstCorrupt.getMessage()),
          firstCorrupt);
    }
    Path base = SourceFiles.baseDirectory(path);
    Map<String, List<String>> partitions = new LinkedHashMap<>();
    for (Path file : files) {
      if (Files.isRegularFile(file)) {
        PartitionPaths.values(base, file)
            .forEach((k, v) -> partitions.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
      }
    }
    Schema.Builder builder = Schema.builder();
    data.getFields().forEach(builder::addField);
    for (Map.Entry<String, List<String>> partition : partitions.entrySet()) {
      if (!data.hasField(partition.getKey())) {
        builder.addNullableField(
            partition.getKey(), PartitionPaths.inferType(partition.getValue()));
      }
    }
    return builder.build();
  }
}
