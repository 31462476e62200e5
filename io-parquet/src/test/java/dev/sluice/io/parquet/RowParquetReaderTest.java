package dev.sluice.io.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.file.CorruptFileException;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link RowParquetReader}, on files {@link RowParquetWriter} writes. */
@RunWith(JUnit4.class)
public class RowParquetReaderTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  static List<Row> readAll(Path file, @Nullable Schema schema) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (RowParquetReader reader = RowParquetReader.open(file, schema)) {
      for (Row row = reader.next(); row != null; row = reader.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  private Path write(Schema schema, List<Row> rows, CompressionCodecName codec) throws IOException {
    Path file = tmp.getRoot().toPath().resolve("f-" + System.nanoTime() + ".parquet");
    RowParquetWriter.write(file, schema, rows, codec);
    return file;
  }

  @Test
  public void everyTypeRoundTripsWithEveryCodec() throws Exception {
    List<Row> rows =
        List.of(ParquetTestData.full(), ParquetTestData.nulls(), ParquetTestData.empties());
    for (CompressionCodecName codec :
        List.of(
            CompressionCodecName.SNAPPY,
            CompressionCodecName.GZIP,
            CompressionCodecName.ZSTD,
            CompressionCodecName.UNCOMPRESSED)) {
      Path file = write(ParquetTestData.ALL_TYPES, rows, codec);
      List<Row> read = readAll(file, null);
      Schema expected = SparkTypes.asNullable(ParquetTestData.ALL_TYPES);
      assertThat(codec + " schema", read.get(0).getSchema(), is(expected));
      assertThat(read.size(), is(3));
      for (int i = 0; i < rows.size(); i++) {
        assertThat(
            codec + " row " + i,
            read.get(i),
            is(Row.withSchema(expected).addValues(rows.get(i).getValues()).build()));
      }
      // Read with the given schema too.
      assertThat(readAll(file, ParquetTestData.ALL_TYPES), is(read));
    }
  }

  @Test
  public void aGivenSchemaReadsItsColumnsByNameAndMissingOnesAsNull() throws Exception {
    Path file =
        write(
            DdlSchema.parse("a INT, b STRING, c STRUCT<x: INT, y: STRING>"),
            List.of(
                Row.withSchema(DdlSchema.parse("a INT, b STRING, c STRUCT<x: INT, y: STRING>"))
                    .addValues(
                        1,
                        "one",
                        Row.withSchema(DdlSchema.parse("x INT, y STRING"))
                            .addValues(5, "y")
                            .build())
                    .build()),
            CompressionCodecName.SNAPPY);
    Schema want = DdlSchema.parse("C STRUCT<y: STRING, z: INT>, missing DOUBLE, a BIGINT");
    List<Row> rows = readAll(file, want);
    Row row = rows.get(0);
    assertThat(row.getInt64("a"), is(1L)); // int widens to bigint
    assertThat(row.getDouble("missing"), is(nullValue()));
    assertThat(row.getRow("C").getString("y"), is("y"));
    assertThat(row.getRow("C").getInt32("z"), is(nullValue()));
  }

  @Test
  public void aColumnOfAnotherTypeFailsNamingFileColumnAndBothTypes() throws Exception {
    Schema schema = DdlSchema.parse("id STRING, amount DOUBLE");
    Path file =
        write(
            schema,
            List.of(Row.withSchema(schema).addValues("a", 1.0).build()),
            CompressionCodecName.SNAPPY);
    IOException e =
        assertThrows(
            IOException.class, () -> readAll(file, DdlSchema.parse("id STRING, amount INT")));
    assertThat(e.getMessage(), containsString(file.toString()));
    assertThat(e.getMessage(), containsString("column amount is double in the file but int"));
    assertThat(e instanceof CorruptFileException, is(false));
    IOException nested =
        assertThrows(
            IOException.class, () -> readAll(file, DdlSchema.parse("amount STRUCT<x: INT>")));
    assertThat(nested.getMessage(), containsString("struct<x:int> in the given schema"));
  }

  @Test
  public void aTruncatedFileIsCorruptAndNamed() throws Exception {
    Schema schema = DdlSchema.parse("id BIGINT");
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      rows.add(Row.withSchema(schema).addValues(i).build());
    }
    Path file = write(schema, rows, CompressionCodecName.SNAPPY);
    byte[] bytes = Files.readAllBytes(file);
    Path truncated = tmp.getRoot().toPath().resolve("truncated.parquet");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
    CorruptFileException e =
        assertThrows(CorruptFileException.class, () -> readAll(truncated, null));
    assertThat(e.file(), is(truncated.toString()));
    assertThat(e.getMessage(), containsString("ignoreCorruptFiles=true"));

    Path text = tmp.getRoot().toPath().resolve("text.parquet");
    Files.writeString(text, "{\"id\": 1}\n");
    assertThrows(CorruptFileException.class, () -> readAll(text, schema));
  }

  @Test
  public void damagedPagesAreCorruptWhenRead() throws Exception {
    Schema schema = DdlSchema.parse("id BIGINT, s STRING");
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 2000; i++) {
      rows.add(Row.withSchema(schema).addValues(i, "value " + i).build());
    }
    Path file = write(schema, rows, CompressionCodecName.SNAPPY);
    byte[] bytes = Files.readAllBytes(file);
    // Overwrite the data pages after the 4-byte magic, keeping the footer intact.
    for (int i = 4; i < bytes.length / 2; i++) {
      bytes[i] = (byte) 0x5A;
    }
    Path damaged = tmp.getRoot().toPath().resolve("damaged.parquet");
    Files.write(damaged, bytes);
    CorruptFileException e = assertThrows(CorruptFileException.class, () -> readAll(damaged, null));
    assertThat(e.getMessage(), containsString(damaged.toString()));
  }
}
