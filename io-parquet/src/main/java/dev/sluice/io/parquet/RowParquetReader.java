package dev.sluice.io.parquet;

import dev.sluice.io.file.CorruptFileException;
import dev.sluice.io.file.FileRecordFormat;
import dev.sluice.io.schema.SparkTypes;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.SluiceReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads the rows of one Parquet file as Beam rows, as Spark reads it: the schema from Spark's
 * schema JSON in the footer when there is one, else from the Parquet schema ({@link
 * ParquetSchemas#toBeam}); with a given schema, only its columns are read (matched by name, exactly
 * or else ignoring case), columns missing from the file are null, and a column whose type in the
 * file differs fails naming the file, the column and both types (integers and floats may widen:
 * byte to short to int to long, float to double). No Hadoop class is used.
 *
 * <pre>{@code
 * try (RowParquetReader reader = RowParquetReader.open(Paths.get("in/part-0.parquet"), null)) {
 *   for (Row row = reader.next(); row != null; row = reader.next()) {
 *     System.out.println(row);
 *   }
 * }
 * }</pre>
 */
public final class RowParquetReader implements FileRecordFormat.RowReader {
  private final String file;
  private final ParquetFileReader reader;
  private final Schema schema;
  private final MessageColumnIO io;
  private final RecordMaterializer<Row> materializer;
  @Nullable private RecordReader<Row> records;
  private long remaining;

  private RowParquetReader(
      String file, ParquetFileReader reader, Schema schema, MessageType requested) {
    this.file = file;
    this.reader = reader;
    this.schema = schema;
    reader.setRequestedSchema(requested);
    this.io =
        new ColumnIOFactory(reader.getFooter().getFileMetaData().getCreatedBy())
            .getColumnIO(requested, reader.getFileMetaData().getSchema(), true);
    this.materializer = RowConverters.materializer(requested, schema);
  }

  /**
   * Opens {@code file} to read rows of {@code schema} (every field nullable), or of the file's own
   * schema when {@code schema} is null.
   *
   * @throws CorruptFileException if the file is not a readable Parquet file
   * @throws IOException if a column's type in the file does not fit the given schema
   */
  public static RowParquetReader open(Path file, @Nullable Schema schema) throws IOException {
    ParquetFileReader reader = openFile(file);
    try {
      Schema fileSchema = fileSchema(reader);
      Schema want = schema == null ? fileSchema : SparkTypes.asNullable(schema);
      MessageType requested =
          new MessageType(
              ParquetSchemas.MESSAGE_NAME,
              project(reader.getFileMetaData().getSchema(), fileSchema, want, file.toString(), ""));
      return new RowParquetReader(file.toString(), reader, want, requested);
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /**
   * The schema of {@code file} as Spark reads it (every field nullable).
   *
   * @throws CorruptFileException if the file is not a readable Parquet file
   */
  public static Schema readSchema(Path file) throws IOException {
    try (ParquetFileReader reader = openFile(file)) {
      return fileSchema(reader);
    }
  }

  private static ParquetFileReader openFile(Path file) throws IOException {
    ParquetReadOptions options = SluiceReadOptions.create(ParquetCodecs.INSTANCE);
    try {
      return new ParquetFileReader(new LocalInputFile(file), options);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new CorruptFileException(
          file.toString(), "it is not a readable Parquet file (" + e.getMessage() + ")", e);
    }
  }

  private static Schema fileSchema(ParquetFileReader reader) {
    MessageType message = reader.getFileMetaData().getSchema();
    Map<String, String> metadata = reader.getFileMetaData().getKeyValueMetaData();
    String json = metadata.get(SparkSchemaJson.METADATA_KEY);
    if (json != null) {
      try {
        Schema spark = SparkTypes.asNullable(SparkSchemaJson.fromJson(json));
        List<String> names = new ArrayList<>();
        message.getFields().forEach(f -> names.add(f.getName()));
        if (spark.getFieldNames().equals(names)) {
          return spark;
        }
      } catch (IllegalArgumentException e) {
        // not usable: fall back to the Parquet schema, as Spark does
      }
    }
    return ParquetSchemas.toBeam(message);
  }

  /**
   * The fields of {@code group} that {@code want} reads, in file order; nested structs are pruned
   * too. Checks each wanted field's type against the file's.
   */
  private static List<Type> project(
      GroupType group, Schema fileSchema, Schema want, String file, String prefix)
      throws IOException {
    List<Type> kept = new ArrayList<>();
    for (int j = 0; j < group.getFieldCount(); j++) {
      Type field = group.getType(j);
      int i = RowConverters.indexOf(want, field.getName());
      if (i < 0) {
        continue;
      }
      int f = RowConverters.indexOf(fileSchema, field.getName());
      FieldType fileType = fileSchema.getField(f).getType();
      FieldType wantType = want.getField(i).getType();
      String column = prefix + field.getName();
      check(fileType, wantType, file, column);
      if (!field.isPrimitive()
          && field.getLogicalTypeAnnotation() == null
          && !field.isRepetition(Type.Repetition.REPEATED)
          && wantType.getTypeName() == Schema.TypeName.ROW) {
        List<Type> nested =
            project(
                field.asGroupType(),
                fileType.getRowSchema(),
                wantType.getRowSchema(),
                file,
                column + ".");
        if (nested.isEmpty()) {
          continue; // no wanted nested column is in the file: the struct reads as null
        }
        kept.add(field.asGroupType().withNewFields(nested));
      } else {
        kept.add(field);
      }
    }
    return kept;
  }

  /** Fails unless values of {@code file}'s type can be read as {@code want}. */
  private static void check(FieldType file, FieldType want, String fileName, String column)
      throws IOException {
    if (!compatible(file, want)) {
      throw new IOException(
          "Parquet file "
              + fileName
              + ": column "
              + column
              + " is "
              + SparkTypes.simpleString(file)
              + " in the file but "
              + SparkTypes.simpleString(want)
              + " in the given schema. Give the column the file's type, or leave the schema out"
              + " to read the files' own schema");
    }
  }

  private static boolean compatible(FieldType file, FieldType want) {
    Schema.TypeName f = file.getTypeName();
    Schema.TypeName w = want.getTypeName();
    switch (w) {
      case INT16:
        return f == Schema.TypeName.BYTE || f == w;
      case INT32:
        return f == Schema.TypeName.BYTE || f == Schema.TypeName.INT16 || f == w;
      case INT64:
        return f == Schema.TypeName.BYTE
            || f == Schema.TypeName.INT16
            || f == Schema.TypeName.INT32
            || f == w;
      case DOUBLE:
        return f == Schema.TypeName.FLOAT || f == w;
      case ROW:
        if (f != w) {
          return false;
        }
        for (Schema.Field field : want.getRowSchema().getFields()) {
          int i = RowConverters.indexOf(file.getRowSchema(), field.getName());
          if (i >= 0 && !compatible(file.getRowSchema().getField(i).getType(), field.getType())) {
            return false;
          }
        }
        return true;
      case ARRAY:
      case ITERABLE:
        return (f == Schema.TypeName.ARRAY || f == Schema.TypeName.ITERABLE)
            && compatible(file.getCollectionElementType(), want.getCollectionElementType());
      case MAP:
        return f == w
            && compatible(file.getMapKeyType(), want.getMapKeyType())
            && compatible(file.getMapValueType(), want.getMapValueType());
      default:
        return SparkTypes.simpleString(file).equals(SparkTypes.simpleString(want));
    }
  }

  /** The schema of the rows read. */
  public Schema schema() {
    return schema;
  }

  @Override
  @Nullable
  public Row next() throws IOException {
    try {
      while (remaining == 0) {
        PageReadStore pages = reader.readNextRowGroup();
        if (pages == null) {
          return null;
        }
        remaining = pages.getRowCount();
        records = io.getRecordReader(pages, materializer);
      }
      remaining--;
      return records.read();
    } catch (IOException | RuntimeException e) {
      throw new CorruptFileException(
          file, "its data cannot be decoded (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
