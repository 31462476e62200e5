package dev.sluice.io.format;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link CsvRowParser}. */
@RunWith(JUnit4.class)
public class CsvRowParserTest {
  private static final Schema PEOPLE = DdlSchema.parse("name STRING, age INT");
  private static final CsvRowParser PARSER = CsvRowParser.of(PEOPLE);

  private static Row one(CsvRowParser parser, String line) {
    ParsedLine parsed = parser.parse(TextLine.of("people.csv", 2, line));
    assertThat(line + ": " + parsed.malformedReason(), parsed.isMalformed(), is(false));
    assertThat(parsed.rows(), hasSize(1));
    return parsed.rows().get(0);
  }

  private static Object value(String ddl, String token) {
    return one(CsvRowParser.of(DdlSchema.parse(ddl)), token).getValue(0);
  }

  @Test
  public void valuesAreTakenByPosition() {
    Row row = one(PARSER, "Ann,42");
    assertThat(row.getString("name"), is("Ann"));
    assertThat(row.getInt32("age"), is(42));
  }

  @Test
  public void theHeaderIsLineOneOfEachFileOnlyWhenAsked() {
    CsvRowParser withHeader = PARSER.withOption("header", "true");
    assertThat(withHeader.parse(TextLine.of("people.csv", 1, "name,age")).rows(), is(empty()));
    assertThat(withHeader.parse(TextLine.of("people.csv", 1, "name,age")).isMalformed(), is(false));
    assertThat(one(withHeader, "Bob,7").getString("name"), is("Bob"));
    // Without the option, line 1 is data (and "age" is not an int).
    assertThat(PARSER.parse(TextLine.of("people.csv", 1, "name,age")).isMalformed(), is(true));
    // A renamed header only matters with enforceSchema=false.
    assertThat(withHeader.parse(TextLine.of("people.csv", 1, "who,years")).rows(), is(empty()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                withHeader
                    .withOption("enforceSchema", "false")
                    .parse(TextLine.of("people.csv", 1, "who,years")));
    assertThat(
        e.getMessage(),
        containsString(
            "CSV header at people.csv:1 does not conform to the schema: expected 'name'"));
    withHeader.withOption("enforceSchema", "false").parse(TextLine.of("people.csv", 1, "NAME,Age"));
  }

  @Test
  public void blankAndCommentLinesHoldNoRecord() {
    assertThat(PARSER.parse("  ", "x").rows(), is(empty()));
    assertThat(one(PARSER, "#Ann,1").getString("name"), is("#Ann"));
    CsvRowParser comments = PARSER.withOption("comment", "#");
    assertThat(comments.parse("#Ann,1", "x").rows(), is(empty()));
    assertThat(comments.parse("#Ann,1", "x").isMalformed(), is(false));
  }

  @Test
  public void separatorQuoteAndEscape() {
    assertThat(one(PARSER.withOption("sep", ";"), "Ann;42").getInt32("age"), is(42));
    assertThat(one(PARSER.withOption("delimiter", "\\t"), "Ann\t42").getInt32("age"), is(42));
    assertThat(one(PARSER.withOption("sep", "||"), "Ann||42").getInt32("age"), is(42));
    assertThat(one(PARSER, "\"Smith, Ann\",42").getString("name"), is("Smith, Ann"));
    assertThat(one(PARSER, "\"say \"\"hi\"\"\",1").getString("name"), is("say \"hi\""));
    assertThat(one(PARSER, "\"say \\\"hi\\\"\",1").getString("name"), is("say \"hi\""));
    assertThat(one(PARSER.withOption("quote", "'"), "'a,b',1").getString("name"), is("a,b"));
    assertThat(one(PARSER.withOption("escape", ""), "C:\\dir,1").getString("name"), is("C:\\dir"));
  }

  @Test
  public void emptyAndNullValues() {
    Schema schema = DdlSchema.parse("a STRING, b INT, c STRING");
    CsvRowParser parser = CsvRowParser.of(schema);
    Row row = one(parser, ",,\"\"");
    assertThat(row.getString("a"), is(nullValue()));
    assertThat(row.getInt32("b"), is(nullValue()));
    assertThat(row.getString("c"), is(nullValue()));

    CsvRowParser na = parser.withOption("nullValue", "NA");
    Row naRow = one(na, "NA,NA,\"\"");
    assertThat(naRow.getString("a"), is(nullValue()));
    assertThat(naRow.getInt32("b"), is(nullValue()));
    assertThat(naRow.getString("c"), is(""));
    assertThat(one(na, ",1,x").getString("a"), is(nullValue()));
    assertThat(one(parser.withOption("emptyValue", "-"), "x,1,\"\"").getString("c"), is("-"));
  }

  @Test
  public void conversionsFollowSpark() {
    assertThat(value("x BOOLEAN", "TRUE"), is(true));
    assertThat(value("x DOUBLE", "1e3"), is(1000.0));
    assertThat(value("x DOUBLE", "NaN"), is(Double.NaN));
    assertThat(value("x DOUBLE", "-Inf"), is(Double.NEGATIVE_INFINITY));
    assertThat(value("x FLOAT", "Inf"), is(Float.POSITIVE_INFINITY));
    assertThat(value("x DECIMAL(10,2)", "\"1,234.567\""), is(new BigDecimal("1234.57")));
    assertThat(value("x BIGINT", "-9000000000"), is(-9000000000L));
    assertThat(value("x DATE", "2018-03-02"), is(LocalDate.of(2018, 3, 2)));
    assertThat(
        value("x TIMESTAMP", "2018-03-02 10:02:33"), is(Instant.parse("2018-03-02T10:02:33Z")));
    assertThat(new String((byte[]) value("x BINARY", "abc"), StandardCharsets.UTF_8), is("abc"));
  }

  @Test
  public void aBadValueNullsItAndTheValuesAfterIt() {
    Schema schema = DdlSchema.parse("a STRING, b INT, c STRING, _corrupt_record STRING");
    ParsedLine parsed = CsvRowParser.of(schema).parse("x,seven,z", "in.csv:3");
    assertThat(parsed.malformedReason(), is("column 'b': cannot parse \"seven\" as int"));
    Row row = parsed.rows().get(0);
    assertThat(row.getString("a"), is("x"));
    assertThat(row.getInt32("b"), is(nullValue()));
    assertThat(row.getString("c"), is(nullValue()));
    assertThat(row.getString("_corrupt_record"), is("x,seven,z"));
  }

  @Test
  public void aWrongNumberOfValuesIsMalformedButKeepsWhatFits() {
    ParsedLine shorter = PARSER.parse("Ann", "x");
    assertThat(shorter.malformedReason(), is("expected 2 values (name, age) but the line has 1"));
    assertThat(shorter.rows().get(0).getString("name"), is("Ann"));
    assertThat(shorter.rows().get(0).getInt32("age"), is(nullValue()));
    ParsedLine longer = PARSER.parse("Ann,42,extra", "x");
    assertThat(longer.isMalformed(), is(true));
    assertThat(longer.rows().get(0).getInt32("age"), is(42));
    assertThat(PARSER.withMode(ParseMode.DROPMALFORMED).parse("Ann", "x").rows(), is(empty()));
  }

  @Test
  public void quotingErrorsAreMalformedAndFailFastNamesTheLine() {
    assertThat(PARSER.parse("\"Ann,42", "x").malformedReason(), containsString("invalid CSV"));
    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () ->
                PARSER
                    .withMode(ParseMode.FAILFAST)
                    .parse(TextLine.of("in/people.csv", 5, "Ann,x")));
    assertThat(
        e.getMessage(),
        containsString(
            "Malformed record at in/people.csv:5: column 'age': cannot parse \"x\" as int"));
  }

  @Test
  public void unsupportedSchemasAndOptionsAreRejected() {
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> CsvRowParser.of(DdlSchema.parse("tags ARRAY<STRING>")))
            .getMessage(),
        containsString("CSV cannot hold column 'tags' of type array<string>"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> PARSER.withOption("inferSchema", "true"))
            .getMessage(),
        containsString("inferSchema=true is not supported"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> PARSER.withOption("sep", ""))
            .getMessage(),
        containsString("cannot be empty"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> PARSER.withOption("sep", "\\q"))
            .getMessage(),
        containsString("Unsupported special character"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> PARSER.withOption("quote", "''"))
            .getMessage(),
        containsString("must be a single character"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> PARSER.withOption("quote", ","))
            .getMessage(),
        containsString("must differ"));
  }
}
