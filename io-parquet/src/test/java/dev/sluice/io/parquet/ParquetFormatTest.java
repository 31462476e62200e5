package dev.sluice.io.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.file.FileRecordFormat;
import dev.sluice.io.schema.DdlSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.NanosInstant;
import org.apache.beam.sdk.values.Row;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link ParquetFormat}. */
@RunWith(JUnit4.class)
public class ParquetFormatTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void writesAndReadsThroughTheFormatInterface() throws Exception {
    FileRecordFormat format = ParquetFormat.of("gzip");
    assertThat(format.name(), is("parquet"));
    assertThat(format.fileExtension(), is("gzip.parquet"));
    assertThat(ParquetFormat.snappy().fileExtension(), is("snappy.parquet"));
    Schema schema = DdlSchema.parse("a INT, b STRING");
    Path file = tmp.getRoot().toPath().resolve("x.parquet");
    List<Row> rows =
        List.of(
            Row.withSchema(schema).addValues(1, "one").build(),
            Row.withSchema(schema).addValues(null, "two").build());
    format.write(file, schema, rows);
    try (FileRecordFormat.RowReader reader = format.open(file, DdlSchema.parse("b STRING"))) {
      assertThat(reader.next().getString("b"), is("one"));
      assertThat(reader.next().getString("b"), is("two"));
      assertThat(reader.next(), is((Row) null));
    }
  }

  @Test
  public void survivesJavaSerializationAsPipelineFunctionsDo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(ParquetFormat.of("zstd"));
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      ParquetFormat back = (ParquetFormat) in.readObject();
      assertThat(back, is(ParquetFormat.of("zstd")));
      assertThat(back.codec(), is(CompressionCodecName.ZSTD));
    }
  }

  @Test
  public void checkRefusesColumnsParquetCannotHold() {
    Schema schema = Schema.builder().addLogicalTypeField("t", new NanosInstant()).build();
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> ParquetFormat.snappy().check(schema))
            .getMessage(),
        containsString("Column t"));
  }
}
