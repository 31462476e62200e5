package dev.sluice.io.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.SluiceReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.LocalInputFile;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link RowParquetWriter}: the file's footer, layout and refusals. */
@RunWith(JUnit4.class)
public class RowParquetWriterTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static ParquetMetadata footer(Path file) throws IOException {
    try (ParquetFileReader reader =
        new ParquetFileReader(
            new LocalInputFile(file), SluiceReadOptions.create(ParquetCodecs.INSTANCE))) {
      return reader.getFooter();
    }
  }

  @Test
  public void theFooterHoldsSparksSchemaJsonAndVersionAndTheCodec() throws Exception {
    Path file = tmp.getRoot().toPath().resolve("a.parquet");
    RowParquetWriter.write(
        file,
        ParquetTestData.ALL_TYPES,
        List.of(ParquetTestData.full()),
        CompressionCodecName.ZSTD);
    ParquetMetadata footer = footer(file);
    Map<String, String> kv = footer.getFileMetaData().getKeyValueMetaData();
    assertThat(
        kv.get(SparkSchemaJson.METADATA_KEY),
        is(SparkSchemaJson.toJson(ParquetTestData.ALL_TYPES)));
    assertThat(kv.get("org.apache.spark.version"), is("3.5.0"));
    assertThat(
        footer.getFileMetaData().getSchema(),
        is(ParquetSchemas.toParquet(ParquetTestData.ALL_TYPES)));
    assertThat(
        footer.getBlocks().get(0).getColumns().get(0).getCodec(), is(CompressionCodecName.ZSTD));
    assertThat(footer.getBlocks().get(0).getRowCount(), is(1L));
  }

  @Test
  public void noHadoopClassIsOnTheClassPath() {
    // The reader and writer tests of this module run without Hadoop: it must stay that way.
    assertThrows(
        ClassNotFoundException.class, () -> Class.forName("org.apache.hadoop.conf.Configuration"));
  }

  @Test
  public void manyRowsAndAnEmptyFileRoundTrip() throws Exception {
    Schema schema = DdlSchema.parse("id BIGINT, s STRING");
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 50_000; i++) {
      rows.add(Row.withSchema(schema).addValues(i, i % 7 == 0 ? null : "s" + (i % 100)).build());
    }
    Path file = tmp.getRoot().toPath().resolve("many.parquet");
    RowParquetWriter.write(file, schema, rows, CompressionCodecName.SNAPPY);
    assertThat(RowParquetReaderTest.readAll(file, schema), is(rows));
    assertThat(footer(file).getBlocks().get(0).getRowCount(), is(50_000L));

    // Small row groups: several of them, read back in order.
    Path groups = tmp.getRoot().toPath().resolve("groups.parquet");
    RowParquetWriter.write(groups, schema, rows, CompressionCodecName.SNAPPY, 64 * 1024);
    assertThat(footer(groups).getBlocks().size(), greaterThan(3));
    assertThat(RowParquetReaderTest.readAll(groups, schema), is(rows));

    Path empty = tmp.getRoot().toPath().resolve("empty.parquet");
    RowParquetWriter.write(empty, schema, List.of(), CompressionCodecName.SNAPPY);
    assertThat(RowParquetReaderTest.readAll(empty, null).size(), is(0));
    assertThat(RowParquetReader.readSchema(empty), is(schema));
  }

  @Test
  public void decimalsThatDoNotFitAndNullsInRequiredColumnsAreRefusedNamingTheColumn() {
    // Rounded half up to the scale, as Spark does: 99.995 becomes 100.00, which does not fit.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RowParquetWriter.write(
                    tmp.getRoot().toPath().resolve("bad.parquet"),
                    DdlSchema.parse("d DECIMAL(4,2)"),
                    List.of(
                        Row.withSchema(DdlSchema.parse("d DECIMAL(4,2)"))
                            .attachValues(List.of(new BigDecimal("99.995")))),
                    CompressionCodecName.SNAPPY));
    assertThat(
        e.getMessage(), containsString("Column d holds 99.995, which does not fit decimal(4,2)"));
    Schema strict =
        Schema.builder()
            .addField("tags", Schema.FieldType.array(Schema.FieldType.STRING.withNullable(false)))
            .build();
    IllegalArgumentException nullElement =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RowParquetWriter.write(
                    tmp.getRoot().toPath().resolve("strict.parquet"),
                    strict,
                    List.of(
                        Row.withSchema(strict)
                            .attachValues(List.of(java.util.Arrays.asList("a", null)))),
                    CompressionCodecName.SNAPPY));
    assertThat(nullElement.getMessage(), containsString("Column tags.element is not nullable"));
  }
}
