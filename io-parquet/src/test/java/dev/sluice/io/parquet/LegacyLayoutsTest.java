package dev.sluice.io.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Layouts other writers use and Spark reads (2-level lists, bare repeated fields, MAP_KEY_VALUE,
 * unsigned integers, nanosecond timestamps, decimals in BINARY), written record by record with
 * parquet-java's low-level writer and read back by {@link RowParquetReader}.
 */
@RunWith(JUnit4.class)
public class LegacyLayoutsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final MessageType LEGACY =
      MessageTypeParser.parseMessageType(
          "message m {\n"
              + "  optional group two_level (LIST) { repeated int32 array; }\n"
              + "  optional group structs (LIST) {\n"
              + "    repeated group array { optional int32 a; optional int32 b; }\n"
              + "  }\n"
              + "  repeated int64 bare;\n"
              + "  optional group old_map (MAP_KEY_VALUE) {\n"
              + "    repeated group map { required binary key (STRING); optional int32 value; }\n"
              + "  }\n"
              + "  optional int32 u16 (INTEGER(16,false));\n"
              + "  optional int32 u32 (INTEGER(32,false));\n"
              + "  optional int64 u64 (INTEGER(64,false));\n"
              + "  optional int64 nanos (TIMESTAMP(NANOS,true));\n"
              + "  optional binary dec (DECIMAL(30,2));\n"
              + "}");

  /** Writes records of {@code schema} with parquet-java's column writers, no Hadoop. */
  @SafeVarargs
  static void writeRaw(Path file, MessageType schema, Consumer<RecordConsumer>... records)
      throws Exception {
    ParquetProperties props = ParquetProperties.builder().build();
    ParquetFileWriter writer =
        new ParquetFileWriter(
            new LocalOutputFile(file), schema, ParquetFileWriter.Mode.CREATE, 1 << 20, 0);
    writer.start();
    ColumnChunkPageWriteStore pages =
        new ColumnChunkPageWriteStore(
            ParquetCodecs.INSTANCE.getCompressor(CompressionCodecName.UNCOMPRESSED),
            schema,
            new HeapByteBufferAllocator(),
            64,
            false);
    ColumnWriteStore columns = props.newColumnWriteStore(schema, pages, pages);
    RecordConsumer out = new ColumnIOFactory().getColumnIO(schema).getRecordWriter(columns);
    for (Consumer<RecordConsumer> record : records) {
      out.startMessage();
      record.accept(out);
      out.endMessage();
    }
    out.flush();
    writer.startBlock(records.length);
    columns.flush();
    pages.flushToFileWriter(writer);
    writer.endBlock();
    writer.end(Map.of());
    writer.close();
  }

  private static void field(RecordConsumer out, String name, int index, Runnable value) {
    out.startField(name, index);
    value.run();
    out.endField(name, index);
  }

  @Test
  public void readsTheLegacyLayoutsWithTheirValues() throws Exception {
    Path file = tmp.getRoot().toPath().resolve("legacy.parquet");
    writeRaw(
        file,
        LEGACY,
        out -> {
          field(
              out,
              "two_level",
              0,
              () -> {
                out.startGroup();
                field(
                    out,
                    "array",
                    0,
                    () -> {
                      out.addInteger(1);
                      out.addInteger(2);
                    });
                out.endGroup();
              });
          field(
              out,
              "structs",
              1,
              () -> {
                out.startGroup();
                field(
                    out,
                    "array",
                    0,
                    () -> {
                      out.startGroup();
                      field(out, "a", 0, () -> out.addInteger(5));
                      out.endGroup();
                      out.startGroup();
                      field(out, "b", 1, () -> out.addInteger(6));
                      out.endGroup();
                    });
                out.endGroup();
              });
          field(
              out,
              "bare",
              2,
              () -> {
                out.addLong(7L);
                out.addLong(8L);
              });
          field(
              out,
              "old_map",
              3,
              () -> {
                out.startGroup();
                field(
                    out,
                    "map",
                    0,
                    () -> {
                      out.startGroup();
                      field(out, "key", 0, () -> out.addBinary(Binary.fromString("k")));
                      field(out, "value", 1, () -> out.addInteger(9));
                      out.endGroup();
                    });
                out.endGroup();
              });
          field(out, "u16", 4, () -> out.addInteger(65_535));
          field(out, "u32", 5, () -> out.addInteger(-1));
          field(out, "u64", 6, () -> out.addLong(-1L));
          field(out, "nanos", 7, () -> out.addLong(1_500_000_000_123_456_789L));
          field(
              out,
              "dec",
              8,
              () ->
                  out.addBinary(
                      Binary.fromConstantByteArray(BigInteger.valueOf(-12345).toByteArray())));
        },
        out -> {});
    Schema schema = RowParquetReader.readSchema(file);
    assertThat(
        SparkTypes.simpleString(schema),
        is(
            SparkTypes.simpleString(
                DdlSchema.parse(
                    "two_level ARRAY<INT>, structs ARRAY<STRUCT<a: INT, b: INT>>, bare"
                        + " ARRAY<BIGINT>, old_map MAP<STRING, INT>, u16 INT, u32 BIGINT,"
                        + " u64 DECIMAL(20,0), nanos TIMESTAMP, dec DECIMAL(30,2)"))));
    // Repeated values cannot be null (Spark's containsNull = false).
    assertThat(
        schema.getField("bare").getType().getCollectionElementType().getNullable(), is(false));
    List<Row> rows = RowParquetReaderTest.readAll(file, null);
    Schema ab = schema.getField("structs").getType().getCollectionElementType().getRowSchema();
    assertThat(
        rows,
        contains(
            Row.withSchema(schema)
                .addValues(
                    List.of(1, 2),
                    List.of(
                        Row.withSchema(ab).addValues(5, null).build(),
                        Row.withSchema(ab).addValues(null, 6).build()),
                    List.of(7L, 8L),
                    Map.of("k", 9),
                    65_535,
                    4_294_967_295L,
                    new BigDecimal("18446744073709551615"),
                    new Instant(1_500_000_000_123L),
                    new BigDecimal("-123.45"))
                .build(),
            Row.withSchema(schema)
                .addValues(null, null, List.of(), null, null, null, null, null, null)
                .build()));
  }
}
