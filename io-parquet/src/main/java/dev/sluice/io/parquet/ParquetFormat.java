package dev.sluice.io.parquet;

import dev.sluice.io.file.FileRecordFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet as a whole-file format of io's file source and sink: reads with {@link RowParquetReader},
 * writes with {@link RowParquetWriter} and the chosen compression (the data files end in {@code
 * .snappy.parquet}, {@code .gzip.parquet}, {@code .zstd.parquet} or {@code .parquet}, as Spark
 * names them).
 *
 * <pre>{@code
 * FileSink sink = FileSink.of(ParquetFormat.of("zstd"), "out/");
 * FileStreamSource source = FileStreamSource.of(ParquetFormat.snappy(), schema, "out/");
 * }</pre>
 */
public final class ParquetFormat implements FileRecordFormat {
  private static final long serialVersionUID = 1L;

  private final CompressionCodecName codec;

  private ParquetFormat(CompressionCodecName codec) {
    this.codec = codec;
  }

  /** Parquet with Spark's default compression, snappy. */
  public static ParquetFormat snappy() {
    return new ParquetFormat(CompressionCodecName.SNAPPY);
  }

  /**
   * Parquet with the compression Spark's option {@code compression} names: {@code snappy}, {@code
   * gzip}, {@code zstd}, {@code none} or {@code uncompressed}.
   *
   * @throws IllegalArgumentException for another name
   */
  public static ParquetFormat of(String compression) {
    return new ParquetFormat(ParquetCodecs.codec(compression));
  }

  /**
   * The format with Spark's Parquet write option {@code compression} (or {@code
   * parquet.compression}) applied, names case-insensitive; other options are ignored.
   *
   * @throws IllegalArgumentException for an unsupported codec
   */
  @Override
  public ParquetFormat withOptions(Map<String, String> options) {
    Map<String, String> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    named.putAll(options);
    String compression = named.getOrDefault("compression", named.get("parquet.compression"));
    return compression == null ? this : of(compression);
  }

  /** The compression written. */
  public CompressionCodecName codec() {
    return codec;
  }

  @Override
  public String name() {
    return "parquet";
  }

  @Override
  public String fileExtension() {
    return ParquetCodecs.fileExtension(codec);
  }

  @Override
  public RowReader open(Path file, Schema dataSchema) throws IOException {
    return RowParquetReader.open(file, dataSchema);
  }

  @Override
  public void write(Path file, Schema schema, List<Row> rows) throws IOException {
    RowParquetWriter.write(file, schema, rows, codec);
  }

  @Override
  public void check(Schema schema) {
    ParquetSchemas.toParquet(schema);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParquetFormat && ((ParquetFormat) o).codec == codec;
  }

  @Override
  public int hashCode() {
    return codec.hashCode();
  }

  @Override
  public String toString() {
    return "parquet[" + codec.name().toLowerCase(java.util.Locale.ROOT) + "]";
  }
}
