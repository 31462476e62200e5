package dev.sluice.io.format;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.util.SerializableUtils;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for the options and modes {@link RowParser} gives both formats. */
@RunWith(JUnit4.class)
public class RowParserTest {
  private static final Schema SCHEMA = DdlSchema.parse("id STRING, n INT NOT NULL");

  @Test
  public void defaultsAreSparks() {
    RowParser parser = JsonRowParser.of(SCHEMA);
    assertThat(parser.mode(), is(ParseMode.PERMISSIVE));
    assertThat(parser.columnNameOfCorruptRecord(), is("_corrupt_record"));
    assertThat(parser.schema(), is(SCHEMA));
    assertThat(parser.outputSchema().getField("n").getType().getNullable(), is(true));
  }

  @Test
  public void optionNamesIgnoreCaseAndUnknownOnesAreIgnored() {
    RowParser parser =
        CsvRowParser.of(SCHEMA)
            .withOptions(Map.of("MODE", "dropmalformed", "maxFilesPerTrigger", "1", "path", "/in"));
    assertThat(parser.mode(), is(ParseMode.DROPMALFORMED));
    assertThat(parser.withOption("Mode", "FAILFAST").mode(), is(ParseMode.FAILFAST));
    assertThat(parser.options().get("mode"), is("dropmalformed"));
  }

  @Test
  public void aRenamedCorruptRecordColumn() {
    Schema schema = DdlSchema.parse("id STRING, n INT, bad STRING");
    RowParser parser = CsvRowParser.of(schema).withOption("columnNameOfCorruptRecord", "bad");
    ParsedLine parsed = parser.parse("a,b", "x");
    assertThat(parsed.rows().get(0).getString("bad"), is("a,b"));
    Row good = parser.parse("a,1", "x").rows().get(0);
    assertThat(good.getString("bad"), is(nullValue()));
    assertThat(good.getInt32("n"), is(1));
  }

  @Test
  public void withoutACorruptColumnPermissiveRowsAreJustPartial() {
    ParsedLine parsed = JsonRowParser.of(SCHEMA).parse("{\"id\":", "x");
    assertThat(parsed.rows(), hasSize(1));
    assertThat(parsed.rows().get(0).getFieldCount(), is(2));
    assertThat(parsed.rows().get(0).getString("id"), is(nullValue()));
  }

  @Test
  public void sharedOptionsAreValidated() {
    RowParser parser = JsonRowParser.of(SCHEMA);
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> parser.withOption("mode", "lenient"))
            .getMessage(),
        containsString("Unknown parse mode 'lenient'"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> parser.withOption("timeZone", "Mars"))
            .getMessage(),
        containsString("Invalid option timeZone 'Mars'"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> parser.withOption("locale", "fr-FR"))
            .getMessage(),
        containsString("locale='fr-FR' is not supported"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> parser.withOption("dateFormat", "YYYY"))
            .getMessage(),
        containsString("Invalid dateFormat 'YYYY'"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> parser.withOption("mode", null))
            .getMessage(),
        containsString("cannot be null"));
  }

  @Test
  public void parsersSurviveJavaSerialization() {
    RowParser parser =
        JsonRowParser.of(SCHEMA).withOption("timestampFormat", "yyyy").withMode(ParseMode.FAILFAST);
    RowParser copy = SerializableUtils.clone(parser);
    assertThat(copy.mode(), is(ParseMode.FAILFAST));
    assertThat(copy.parse("{\"id\":\"a\",\"n\":1}", "x").rows().get(0).getInt32("n"), is(1));
  }
}
