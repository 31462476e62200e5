package dev.sluice.io.parquet;

import dev.sluice.io.schema.SparkTypes;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Writes Beam rows as one Parquet file the way Spark writes it: Spark's schema mapping ({@link
 * ParquetSchemas}), v1 data pages with dictionaries, row groups of up to 128 MB, and Spark's schema
 * JSON ({@link SparkSchemaJson#METADATA_KEY}) plus {@code org.apache.spark.version} in the footer,
 * so Spark reads the exact schema back. No Hadoop class is used.
 *
 * <pre>{@code
 * RowParquetWriter.write(Paths.get("out/part-0.snappy.parquet"), schema, rows,
 *     CompressionCodecName.SNAPPY);
 * }</pre>
 */
public final class RowParquetWriter {
  /** Spark's (Parquet's) default row group size. */
  static final long ROW_GROUP_BYTES = 128L * 1024 * 1024;

  /**
   * The Spark version written in the footer: Spark reads files of versions from 3.0 on without
   * rebasing dates and timestamps (Sluice writes the proleptic Gregorian calendar, as Spark 3+).
   */
  static final String SPARK_VERSION = "3.5.0";

  private static final int CHECK_EVERY = 100;

  private final Schema schema;
  private final MessageType parquet;
  private final long rowGroupBytes;
  private RecordConsumer out;

  private RowParquetWriter(Schema schema, long rowGroupBytes) {
    this.schema = schema;
    this.parquet = ParquetSchemas.toParquet(schema);
    this.rowGroupBytes = rowGroupBytes;
  }

  /**
   * Writes {@code rows} of {@code schema} to the new file {@code file} with {@code codec}.
   *
   * @throws IllegalArgumentException if a column's type has no Parquet form, or a non-nullable
   *     column holds null; the file is then incomplete and should be deleted by the caller
   */
  public static void write(Path file, Schema schema, List<Row> rows, CompressionCodecName codec)
      throws IOException {
    write(file, schema, rows, codec, ROW_GROUP_BYTES);
  }

  /**
   * As {@link #write(Path, Schema, List, CompressionCodecName)}, with row groups of about {@code
   * rowGroupBytes}.
   */
  static void write(
      Path file, Schema schema, List<Row> rows, CompressionCodecName codec, long rowGroupBytes)
      throws IOException {
    new RowParquetWriter(schema, rowGroupBytes).writeFile(file, rows, codec);
  }

  private void writeFile(Path file, List<Row> rows, CompressionCodecName codec) throws IOException {
    ParquetProperties props =
        ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .build();
    ParquetFileWriter fileWriter =
        new ParquetFileWriter(
            new LocalOutputFile(file),
            parquet,
            ParquetFileWriter.Mode.CREATE,
            rowGroupBytes,
            0,
            props.getColumnIndexTruncateLength(),
            props.getStatisticsTruncateLength(),
            props.getPageWriteChecksumEnabled());
    fileWriter.start();
    int index = 0;
    while (index < rows.size()) {
      ColumnChunkPageWriteStore pages =
          new ColumnChunkPageWriteStore(
              ParquetCodecs.INSTANCE.getCompressor(codec),
              parquet,
              new HeapByteBufferAllocator(),
              props.getColumnIndexTruncateLength(),
              props.getPageWriteChecksumEnabled());
      ColumnWriteStore columns = props.newColumnWriteStore(parquet, pages, pages);
      MessageColumnIO io = new ColumnIOFactory(false).getColumnIO(parquet);
      out = io.getRecordWriter(columns);
      long count = 0;
      while (index < rows.size()) {
        writeRow(rows.get(index++));
        count++;
        if (count % CHECK_EVERY == 0 && columns.getBufferedSize() >= rowGroupBytes) {
          break;
        }
      }
      out.flush(); // writes the nulls parquet caches for empty groups
      fileWriter.startBlock(count);
      columns.flush();
      pages.flushToFileWriter(fileWriter);
      fileWriter.endBlock();
      pages.close();
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("org.apache.spark.version", SPARK_VERSION);
    metadata.put(SparkSchemaJson.METADATA_KEY, SparkSchemaJson.toJson(schema));
    fileWriter.end(metadata);
    fileWriter.close();
  }

  private void writeRow(Row row) {
    out.startMessage();
    writeFields(row, schema, parquet, "");
    out.endMessage();
  }

  private void writeFields(Row row, Schema rowSchema, GroupType group, String prefix) {
    for (int i = 0; i < rowSchema.getFieldCount(); i++) {
      Object value = row.getValue(i);
      Schema.Field field = rowSchema.getField(i);
      if (value == null) {
        if (!field.getType().getNullable()) {
          throw nullInRequired(prefix + field.getName());
        }
        continue;
      }
      out.startField(field.getName(), i);
      writeValue(value, field.getType(), group.getType(i), prefix + field.getName());
      out.endField(field.getName(), i);
    }
  }

  private static IllegalArgumentException nullInRequired(String column) {
    return new IllegalArgumentException(
        "Column " + column + " is not nullable but holds null; make the column nullable");
  }

  private void writeValue(Object value, FieldType type, Type parquetType, String column) {
    switch (type.getTypeName()) {
      case BOOLEAN:
        out.addBoolean((Boolean) value);
        return;
      case BYTE:
      case INT16:
      case INT32:
        out.addInteger(((Number) value).intValue());
        return;
      case INT64:
        out.addLong((Long) value);
        return;
      case FLOAT:
        out.addFloat((Float) value);
        return;
      case DOUBLE:
        out.addDouble((Double) value);
        return;
      case STRING:
        out.addBinary(Binary.fromString((String) value));
        return;
      case BYTES:
        out.addBinary(Binary.fromConstantByteArray((byte[]) value));
        return;
      case DATETIME:
        out.addLong(Math.multiplyExact(((org.joda.time.ReadableInstant) value).getMillis(), 1000L));
        return;
      case DECIMAL:
        writeDecimal((BigDecimal) value, SparkTypes.MAX_DECIMAL_PRECISION, 18, parquetType, column);
        return;
      case ROW:
        out.startGroup();
        writeFields((Row) value, type.getRowSchema(), parquetType.asGroupType(), column + ".");
        out.endGroup();
        return;
      case ARRAY:
      case ITERABLE:
        writeList((Iterable<?>) value, type.getCollectionElementType(), parquetType, column);
        return;
      case MAP:
        writeMap((Map<?, ?>) value, type, parquetType, column);
        return;
      case LOGICAL_TYPE:
        if (SparkTypes.isDecimal(type)) {
          writeDecimal(
              (BigDecimal) value,
              SparkTypes.decimalPrecision(type),
              SparkTypes.decimalScale(type),
              parquetType,
              column);
          return;
        }
        if (value instanceof LocalDate) {
          out.addInteger(Math.toIntExact(((LocalDate) value).toEpochDay()));
          return;
        }
        if (value instanceof LocalDateTime) {
          java.time.Instant instant = ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
          out.addLong(
              Math.addExact(
                  Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                  instant.getNano() / 1000));
          return;
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException(
        "Column " + column + " holds " + value.getClass().getName() + " for Beam type " + type);
  }

  private void writeList(Iterable<?> values, FieldType element, Type parquetType, String column) {
    GroupType repeated = parquetType.asGroupType().getType(0).asGroupType();
    Type elementType = repeated.getType(0);
    out.startGroup();
    boolean any = values.iterator().hasNext();
    if (any) {
      out.startField(repeated.getName(), 0);
      for (Object value : values) {
        out.startGroup();
        if (value != null) {
          out.startField(elementType.getName(), 0);
          writeValue(value, element, elementType, column + ".element");
          out.endField(elementType.getName(), 0);
        } else if (!element.getNullable()) {
          throw nullInRequired(column + ".element");
        }
        out.endGroup();
      }
      out.endField(repeated.getName(), 0);
    }
    out.endGroup();
  }

  private void writeMap(Map<?, ?> map, FieldType type, Type parquetType, String column) {
    GroupType keyValue = parquetType.asGroupType().getType(0).asGroupType();
    out.startGroup();
    if (!map.isEmpty()) {
      out.startField(keyValue.getName(), 0);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.startGroup();
        if (entry.getKey() == null) {
          throw new IllegalArgumentException("Column " + column + " has a null map key");
        }
        out.startField("key", 0);
        writeValue(entry.getKey(), type.getMapKeyType(), keyValue.getType(0), column + ".key");
        out.endField("key", 0);
        if (entry.getValue() != null) {
          out.startField("value", 1);
          writeValue(
              entry.getValue(), type.getMapValueType(), keyValue.getType(1), column + ".value");
          out.endField("value", 1);
        } else if (!type.getMapValueType().getNullable()) {
          throw nullInRequired(column + ".value");
        }
        out.endGroup();
      }
      out.endField(keyValue.getName(), 0);
    }
    out.endGroup();
  }

  private void writeDecimal(
      BigDecimal value, int precision, int scale, Type parquetType, String column) {
    BigDecimal scaled = value.setScale(scale, RoundingMode.HALF_UP);
    if (scaled.precision() > precision) {
      throw new IllegalArgumentException(
          "Column "
              + column
              + " holds "
              + value.toPlainString()
              + ", which does not fit decimal("
              + precision
              + ","
              + scale
              + ")");
    }
    BigInteger unscaled = scaled.unscaledValue();
    PrimitiveType primitive = parquetType.asPrimitiveType();
    switch (primitive.getPrimitiveTypeName()) {
      case INT32:
        out.addInteger(unscaled.intValueExact());
        return;
      case INT64:
        out.addLong(unscaled.longValueExact());
        return;
      default:
        {
          byte[] bytes = unscaled.toByteArray();
          int length = primitive.getTypeLength();
          byte[] fixed = new byte[length];
          byte fill = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
          int pad = length - bytes.length;
          for (int i = 0; i < pad; i++) {
            fixed[i] = fill;
          }
          System.arraycopy(bytes, 0, fixed, pad, bytes.length);
          out.addBinary(Binary.fromConstantByteArray(fixed));
        }
    }
  }
}
