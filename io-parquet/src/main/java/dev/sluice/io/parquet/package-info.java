/**
 * Parquet files for Beam rows, on parquet-java without Hadoop: Spark's type mapping ({@link
 * dev.sluice.io.parquet.ParquetSchemas}, {@link dev.sluice.io.parquet.SparkSchemaJson}), a writer
 * and a reader of rows ({@link dev.sluice.io.parquet.RowParquetWriter}, {@link
 * dev.sluice.io.parquet.RowParquetReader}), page codecs ({@link
 * dev.sluice.io.parquet.ParquetCodecs}), and the streaming Parquet file source and sink ({@link
 * dev.sluice.io.parquet.ParquetFiles}) plugged into io's file source and sink through {@link
 * dev.sluice.io.parquet.ParquetFormat}.
 */
package dev.sluice.io.parquet;
