package dev.sluice.io.format;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
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
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link JsonRowParser}. */
@RunWith(JUnit4.class)
public class JsonRowParserTest {
  private static final Schema MOBILE = DdlSchema.parse("id STRING, action STRING, ts TIMESTAMP");
  private static final JsonRowParser PARSER = JsonRowParser.of(MOBILE);

  private static Row one(JsonRowParser parser, String line) {
    ParsedLine parsed = parser.parse(line, "test.json:1");
    assertThat(parsed.rows(), hasSize(1));
    return parsed.rows().get(0);
  }

  private static Object value(String ddl, String line) {
    return one(JsonRowParser.of(DdlSchema.parse(ddl)), line).getValue(0);
  }

  private static String malformedReason(String ddl, String line) {
    ParsedLine parsed = JsonRowParser.of(DdlSchema.parse(ddl)).parse(line, "test.json:1");
    assertThat(line, parsed.isMalformed(), is(true));
    return parsed.malformedReason();
  }

  @Test
  public void aMobileEventParsesWithItsTimestampInUtc() {
    Row row = one(PARSER, "{\"id\":\"phone1\",\"action\":\"open\",\"ts\":\"2018-03-02T10:02:33\"}");
    assertThat(row.getString("id"), is("phone1"));
    assertThat(row.getString("action"), is("open"));
    assertThat(row.getDateTime("ts").toInstant(), is(Instant.parse("2018-03-02T10:02:33Z")));
  }

  @Test
  public void missingFieldsAreNullExtraFieldsIgnoredAndTheLastRepeatWins() {
    Row row = one(PARSER, "{\"action\":\"open\",\"extra\":{\"x\":[1,2]},\"action\":\"close\"}");
    assertThat(row.getString("id"), is(nullValue()));
    assertThat(row.getString("action"), is("close"));
    assertThat(row.getDateTime("ts"), is(nullValue()));
  }

  @Test
  public void fieldNamesMatchExactly() {
    Row row = one(PARSER, "{\"ID\":\"phone1\",\"id\":\"phone2\"}");
    assertThat(row.getString("id"), is("phone2"));
  }

  @Test
  public void theTimeZoneOptionAppliesToTimestampsWithoutOne() {
    JsonRowParser paris = PARSER.withOption("timezone", "Europe/Paris");
    assertThat(
        one(paris, "{\"ts\":\"2018-03-02 10:02:33\"}").getDateTime("ts").toInstant(),
        is(Instant.parse("2018-03-02T09:02:33Z")));
    assertThat(
        one(paris, "{\"ts\":\"2018-03-02T10:02:33Z\"}").getDateTime("ts").toInstant(),
        is(Instant.parse("2018-03-02T10:02:33Z")));
  }

  @Test
  public void aTimestampFormatReplacesTheDefaultParsing() {
    JsonRowParser parser = PARSER.withOption("timestampFormat", "dd/MM/yyyy HH:mm");
    assertThat(
        one(parser, "{\"ts\":\"02/03/2018 10:02\"}").getDateTime("ts").toInstant(),
        is(Instant.parse("2018-03-02T10:02:00Z")));
    assertThat(parser.parse("{\"ts\":\"2018-03-02 10:02\"}", "x").isMalformed(), is(true));
    JsonRowParser fallback = parser.withOption("enableDateTimeParsingFallback", "true");
    assertThat(fallback.parse("{\"ts\":\"2018-03-02 10:02\"}", "x").isMalformed(), is(false));
  }

  @Test
  public void integersInTimestampFieldsAreEpochSeconds() {
    assertThat(
        ((Instant) value("ts TIMESTAMP", "{\"ts\": 1520000000}")),
        is(Instant.parse("2018-03-02T14:13:20Z")));
  }

  @Test
  public void numbersConvertOnlyFromJsonNumbers() {
    assertThat(value("x DOUBLE", "{\"x\": 3}"), is(3.0));
    assertThat(value("x DOUBLE", "{\"x\": 2.5e3}"), is(2500.0));
    assertThat(value("x FLOAT", "{\"x\": 1.5}"), is(1.5f));
    assertThat(value("x BIGINT", "{\"x\": 9007199254740993}"), is(9007199254740993L));
    assertThat(value("x SMALLINT", "{\"x\": -7}"), is((short) -7));
    assertThat(
        malformedReason("x INT", "{\"x\": \"12\"}"),
        is("field 'x': cannot convert the string \"12\" to int"));
    assertThat(malformedReason("x INT", "{\"x\": 1.5}"), containsString("the number 1.5 to int"));
    assertThat(
        malformedReason("x INT", "{\"x\": 3000000000}"), containsString("out of range for int"));
    assertThat(malformedReason("x BOOLEAN", "{\"x\": \"true\"}"), containsString("to boolean"));
    assertThat(malformedReason("x DOUBLE", "{\"x\": \"\"}"), containsString("an empty string"));
    assertThat(value("x BOOLEAN", "{\"x\": false}"), is(false));
  }

  @Test
  public void specialFloatingPointStringsAsInSpark() {
    assertThat(value("x DOUBLE", "{\"x\": \"NaN\"}"), is(Double.NaN));
    assertThat(value("x DOUBLE", "{\"x\": \"-INF\"}"), is(Double.NEGATIVE_INFINITY));
    assertThat(value("x FLOAT", "{\"x\": \"+Infinity\"}"), is(Float.POSITIVE_INFINITY));
    assertThat(value("x DOUBLE", "{\"x\": NaN}"), is(Double.NaN));
    assertThat(malformedReason("x DOUBLE", "{\"x\": \"nan\"}"), containsString("\"nan\""));
  }

  @Test
  public void decimalsRoundHalfUpToTheirScaleAndReadNumericStrings() {
    assertThat(value("x DECIMAL(5,2)", "{\"x\": 1.005}"), is(new BigDecimal("1.01")));
    assertThat(value("x DECIMAL(7,2)", "{\"x\": \"1,234.5\"}"), is(new BigDecimal("1234.50")));
    assertThat(
        malformedReason("x DECIMAL(5,2)", "{\"x\": 1234.5}"),
        containsString("does not fit decimal(5,2)"));
  }

  @Test
  public void stringFieldsKeepTheExactTextOfOtherValues() {
    assertThat(value("s STRING", "{\"s\": 1.50}"), is("1.50"));
    assertThat(value("s STRING", "{\"s\": true}"), is("true"));
    assertThat(value("s STRING", "{\"s\": {\"a\" : [1, 2]}, \"t\": 0}"), is("{\"a\" : [1, 2]}"));
    assertThat(value("s STRING", "{\"s\": [ ]}"), is("[ ]"));
    assertThat(value("s STRING", "{'s': 'single'}"), is("single"));
  }

  @Test
  public void datesBinaryAndTimestampsWithoutZone() {
    assertThat(value("d DATE", "{\"d\": \"2018-03-02\"}"), is(LocalDate.of(2018, 3, 2)));
    // A 4-7 digit string is a year; other digit strings are days since the epoch (Spark 1.5).
    assertThat(value("d DATE", "{\"d\": \"17592\"}"), is(LocalDate.of(17592, 1, 1)));
    assertThat(value("d DATE", "{\"d\": \"123\"}"), is(LocalDate.ofEpochDay(123)));
    assertThat(value("d DATE", "{\"d\": \"-5\"}"), is(LocalDate.ofEpochDay(-5)));
    assertThat(
        value("t TIMESTAMP_NTZ", "{\"t\": \"2018-03-02 10:02:33\"}"),
        is(LocalDateTime.of(2018, 3, 2, 10, 2, 33)));
    assertThat(
        new String((byte[]) value("b BINARY", "{\"b\": \"aGVsbG8=\"}"), StandardCharsets.UTF_8),
        is("hello"));
    assertThat(malformedReason("d DATE", "{\"d\": \"March\"}"), containsString("as date"));
  }

  @Test
  public void nestedStructsArraysAndMaps() {
    Schema schema =
        DdlSchema.parse("s STRUCT<a: INT, b: ARRAY<STRING>>, m MAP<STRING, DOUBLE>, l ARRAY<INT>");
    Row row =
        one(
            JsonRowParser.of(schema),
            "{\"s\": {\"b\": [\"x\", null], \"a\": 1}, \"m\": {\"k\": 1, \"n\": null},"
                + " \"l\": [1, 2]}");
    Row s = row.getRow("s");
    assertThat(s.getInt32("a"), is(1));
    assertThat(s.getArray("b"), contains("x", null));
    Map<String, Double> m = row.getMap("m");
    assertThat(m.get("k"), is(1.0));
    assertThat(m.containsKey("n"), is(true));
    assertThat(row.getArray("l"), contains(1, 2));
  }

  @Test
  public void aBadFieldLeavesTheOthersParsedAndTheRawTextInTheCorruptColumn() {
    Schema schema =
        DdlSchema.parse("id STRING, n INT, s STRUCT<a: INT, b: INT>, _corrupt_record STRING");
    String line = "{\"id\": \"x\", \"n\": \"seven\", \"s\": {\"a\": 1, \"b\": \"two\"}}";
    ParsedLine parsed = JsonRowParser.of(schema).parse(line, "in.json:4");
    assertThat(parsed.isMalformed(), is(true));
    assertThat(
        parsed.malformedReason(), is("field 'n': cannot convert the string \"seven\" to int"));
    Row row = parsed.rows().get(0);
    assertThat(row.getString("id"), is("x"));
    assertThat(row.getInt32("n"), is(nullValue()));
    assertThat(row.getRow("s").getInt32("a"), is(1));
    assertThat(row.getRow("s").getInt32("b"), is(nullValue()));
    assertThat(row.getString("_corrupt_record"), is(line));

    Row good = one(JsonRowParser.of(schema), "{\"id\": \"y\", \"_corrupt_record\": \"ignored\"}");
    assertThat(good.getString("_corrupt_record"), is(nullValue()));
  }

  @Test
  public void anArrayElementThatDoesNotConvertVoidsTheArray() {
    Schema schema = DdlSchema.parse("l ARRAY<INT>, id STRING");
    ParsedLine parsed =
        JsonRowParser.of(schema).parse("{\"l\": [1, \"x\", [3]], \"id\": \"a\"}", "x");
    assertThat(
        parsed.malformedReason(), is("field 'l[1]': cannot convert the string \"x\" to int"));
    assertThat(parsed.rows().get(0).getArray("l"), is(nullValue()));
    assertThat(parsed.rows().get(0).getString("id"), is("a"));
  }

  @Test
  public void invalidJsonGivesAnAllNullRowWithTheText() {
    Schema schema = DdlSchema.parse("id STRING, _corrupt_record STRING");
    ParsedLine parsed = JsonRowParser.of(schema).parse("{\"id\": \"x\"", "in.json:9");
    assertThat(parsed.malformedReason(), containsString("invalid JSON at column"));
    assertThat(parsed.rows().get(0).getString("id"), is(nullValue()));
    assertThat(parsed.rows().get(0).getString("_corrupt_record"), is("{\"id\": \"x\""));
    assertThat(
        JsonRowParser.of(schema).parse("42", "x").malformedReason(),
        containsString(
            "must be an object (or an array of objects), but the line holds the number"));
  }

  @Test
  public void anArrayOfObjectsGivesOneRowEachAndABlankLineNone() {
    ParsedLine parsed = PARSER.parse("[{\"id\": \"a\"}, {\"id\": \"b\"}]", "x");
    assertThat(parsed.rows(), hasSize(2));
    assertThat(parsed.rows().get(1).getString("id"), is("b"));
    assertThat(PARSER.parse("   ", "x").rows(), is(empty()));
    assertThat(PARSER.parse("   ", "x").isMalformed(), is(false));
    assertThat(PARSER.parse("[]", "x").rows(), is(empty()));
    assertThat(
        PARSER.parse("[{\"id\": \"a\"}, 3]", "x").malformedReason(), containsString("element 1"));
  }

  @Test
  public void dropMalformedDropsAndFailFastNamesTheLocation() {
    String bad = "{\"id\": \"x\", \"ts\": \"yesterday\"}";
    ParsedLine dropped = PARSER.withMode(ParseMode.DROPMALFORMED).parse(bad, "x");
    assertThat(dropped.rows(), is(empty()));
    assertThat(dropped.isMalformed(), is(true));

    MalformedRecordException e =
        assertThrows(
            MalformedRecordException.class,
            () ->
                PARSER
                    .withOption("MODE", "failfast")
                    .parse(TextLine.of("input/file1.json", 3, bad)));
    assertThat(e.location(), is("input/file1.json:3"));
    assertThat(e.record(), is(bad));
    assertThat(
        e.getMessage(),
        containsString(
            "Malformed record at input/file1.json:3: field 'ts': cannot parse \"yesterday\" as"
                + " timestamp"));
    assertThat(e.getMessage(), containsString("set option mode to DROPMALFORMED"));
  }

  @Test
  public void notNullColumnsAreReadAsNullable() {
    JsonRowParser parser = JsonRowParser.of(DdlSchema.parse("id STRING NOT NULL"));
    assertThat(parser.outputSchema().getField("id").getType().getNullable(), is(true));
    assertThat(one(parser, "{}").getString("id"), is(nullValue()));
  }

  @Test
  public void jacksonOptionsFollowSparkDefaults() {
    assertThat(PARSER.parse("{id: \"a\"}", "x").isMalformed(), is(true));
    assertThat(
        one(PARSER.withOption("allowUnquotedFieldNames", "true"), "{id: \"a\"}").getString("id"),
        is("a"));
    assertThat(PARSER.parse("{\"id\": \"a\"} // note", "x").isMalformed(), is(false));
    assertThat(PARSER.parse("/* c */ {\"id\": \"a\"}", "x").isMalformed(), is(true));
    assertThat(
        PARSER
            .withOption("allowComments", "true")
            .parse("/* c */ {\"id\": \"a\"}", "x")
            .isMalformed(),
        is(false));
  }

  @Test
  public void badConfigurationIsRejectedUpFront() {
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> JsonRowParser.of(DdlSchema.parse("m MAP<INT, STRING>")))
            .getMessage(),
        containsString("needs STRING keys"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> JsonRowParser.of(DdlSchema.parse("id STRING, _corrupt_record INT")))
            .getMessage(),
        containsString("must be STRING but is int"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> PARSER.withOption("multiLine", "true"))
            .getMessage(),
        containsString("multiLine=true is not supported"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class, () -> PARSER.withOption("allowComments", "yes"))
            .getMessage(),
        containsString("allowComments must be true or false"));
  }

  @Test
  public void theMobileFilesParseCleanly() throws Exception {
    for (String file : List.of("file1.json", "file2.json", "file3.json", "newaction.json")) {
      List<String> lines =
          java.nio.file.Files.readAllLines(
              java.nio.file.Paths.get(getClass().getResource("/mobile/" + file).toURI()));
      for (int i = 0; i < lines.size(); i++) {
        ParsedLine parsed = PARSER.parse(TextLine.of(file, i + 1, lines.get(i)));
        assertThat(file + ":" + (i + 1), parsed.isMalformed(), is(false));
        assertThat(parsed.rows().get(0).getDateTime("ts").getYear(), is(2018));
      }
    }
  }
}
