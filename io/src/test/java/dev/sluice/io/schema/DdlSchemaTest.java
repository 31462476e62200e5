package dev.sluice.io.schema;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link DdlSchema}. */
@RunWith(JUnit4.class)
public class DdlSchemaTest {

  private static IllegalArgumentException bad(String ddl) {
    return assertThrows(IllegalArgumentException.class, () -> DdlSchema.parse(ddl));
  }

  @Test
  public void theMobileSeedsSchemaParsesWithBackquotesAndAnyCase() {
    Schema expected =
        Schema.builder()
            .addNullableField("id", FieldType.STRING)
            .addNullableField("action", FieldType.STRING)
            .addNullableField("ts", FieldType.DATETIME)
            .build();
    assertThat(DdlSchema.parse("`id` String, `action` String, `ts` Timestamp"), is(expected));
    assertThat(DdlSchema.parse("id STRING, action STRING, ts TIMESTAMP"), is(expected));
    assertThat(DdlSchema.parse("  id string ,\n action string,ts timestamp  "), is(expected));
  }

  @Test
  public void everyPrimitiveTypeAndSynonym() {
    Schema schema =
        DdlSchema.parse(
            "a TINYINT, b BYTE, c SMALLINT, d SHORT, e INT, f INTEGER, g BIGINT, h LONG, i FLOAT,"
                + " j REAL, k DOUBLE, l BOOLEAN, m STRING, n BINARY, o DATE, p TIMESTAMP,"
                + " q TIMESTAMP_LTZ, r TIMESTAMP_NTZ, s DECIMAL, t DECIMAL(5), u DEC(7,3),"
                + " v NUMERIC(38, 18)");
    FieldType[] expected = {
      FieldType.BYTE,
      FieldType.BYTE,
      FieldType.INT16,
      FieldType.INT16,
      FieldType.INT32,
      FieldType.INT32,
      FieldType.INT64,
      FieldType.INT64,
      FieldType.FLOAT,
      FieldType.FLOAT,
      FieldType.DOUBLE,
      FieldType.BOOLEAN,
      FieldType.STRING,
      FieldType.BYTES,
      SparkTypes.DATE,
      FieldType.DATETIME,
      FieldType.DATETIME,
      SparkTypes.TIMESTAMP_NTZ,
      SparkTypes.decimal(10, 0),
      SparkTypes.decimal(5, 0),
      SparkTypes.decimal(7, 3),
      SparkTypes.decimal(38, 18)
    };
    for (int i = 0; i < expected.length; i++) {
      assertThat(
          schema.getField(i).getName(),
          schema.getField(i).getType(),
          is(expected[i].withNullable(true)));
    }
  }

  @Test
  public void notNullCommentsAndNestedTypes() {
    Schema schema =
        DdlSchema.parse(
            "id BIGINT NOT NULL COMMENT 'the key', tags ARRAY<STRING>, counts MAP<STRING,INT>,"
                + " s STRUCT<a: INT, b: STRING NOT NULL, c ARRAY<STRUCT<d: DOUBLE>>>,"
                + " e STRUCT<>");
    assertThat(schema.getField("id").getType(), is(FieldType.INT64));
    assertThat(schema.getField("id").getDescription(), is("the key"));
    assertThat(
        schema.getField("tags").getType(),
        is(FieldType.array(FieldType.STRING.withNullable(true)).withNullable(true)));
    assertThat(
        schema.getField("counts").getType(),
        is(FieldType.map(FieldType.STRING, FieldType.INT32.withNullable(true)).withNullable(true)));
    assertThat(
        SparkTypes.treeString(schema),
        is(
            "root\n"
                + " |-- id: long (nullable = false)\n"
                + " |-- tags: array (nullable = true)\n"
                + " |    |-- element: string (containsNull = true)\n"
                + " |-- counts: map (nullable = true)\n"
                + " |    |-- key: string\n"
                + " |    |-- value: integer (valueContainsNull = true)\n"
                + " |-- s: struct (nullable = true)\n"
                + " |    |-- a: integer (nullable = true)\n"
                + " |    |-- b: string (nullable = false)\n"
                + " |    |-- c: array (nullable = true)\n"
                + " |    |    |-- element: struct (containsNull = true)\n"
                + " |    |    |    |-- d: double (nullable = true)\n"
                + " |-- e: struct (nullable = true)\n"));
  }

  @Test
  public void backquotedNamesMayHoldAnythingIncludingBackquotes() {
    Schema schema = DdlSchema.parse("`first name` STRING, `a``b` INT, `select` INT, date DATE");
    assertThat(schema.getFieldNames().toString(), is("[first name, a`b, select, date]"));
  }

  @Test
  public void parseTypeReadsOneType() {
    assertThat(
        DdlSchema.parseType("array<map<string, decimal(4,1)>>"),
        is(
            FieldType.array(
                    FieldType.map(FieldType.STRING, SparkTypes.decimal(4, 1).withNullable(true))
                        .withNullable(true))
                .withNullable(true)));
    assertThrows(IllegalArgumentException.class, () -> DdlSchema.parseType("INT INT"));
  }

  @Test
  public void anUnknownTypeIsNamedWithItsPositionACaretAndTheExpectedForm() {
    IllegalArgumentException e = bad("id STRNG, ts TIMESTAMP");
    assertThat(
        e.getMessage(),
        is(
            "Cannot parse schema DDL: unknown data type 'STRNG' (line 1, pos 3)\n"
                + "id STRNG, ts TIMESTAMP\n"
                + "   ^\n"
                + DdlSchema.EXPECTED_FORM));
  }

  @Test
  public void positionsCountLinesInMultiLineSchemas() {
    IllegalArgumentException e = bad("id STRING,\n  ts TIMESTMP");
    assertThat(
        e.getMessage(), containsString("'TIMESTMP' (line 2, pos 5)\n  ts TIMESTMP\n     ^\n"));
  }

  @Test
  public void commonMistakesGetSpecificMessages() {
    assertThat(bad("").getMessage(), containsString("it is empty"));
    assertThat(bad("id").getMessage(), containsString("expected a data type after 'id'"));
    assertThat(
        bad("id STRING ts TIMESTAMP").getMessage(),
        containsString("but found 'ts' (is a comma missing between two columns?)"));
    assertThat(bad("id STRING,").getMessage(), containsString("expected a column name"));
    assertThat(
        bad("id: STRING").getMessage(), containsString("the colon is only allowed inside STRUCT"));
    assertThat(bad("a ARRAY<INT").getMessage(), containsString("expected '>' to close ARRAY"));
    assertThat(bad("a MAP<STRING>").getMessage(), containsString("expected ','"));
    assertThat(bad("a VARCHAR(10)").getMessage(), containsString("use STRING"));
    assertThat(bad("a DECIMAL(39,2)").getMessage(), containsString("precision 39 is out of range"));
    assertThat(bad("a DECIMAL(3,4)").getMessage(), containsString("scale 4 is out of range"));
    assertThat(bad("a INT NOT NUL").getMessage(), containsString("expected NULL after NOT"));
    assertThat(bad("`a INT").getMessage(), containsString("unclosed backquoted name"));
    assertThat(bad("a INT COMMENT 'x").getMessage(), containsString("unclosed comment"));
    assertThat(bad("1 INT").getMessage(), containsString("quote it: `1`"));
    assertThat(bad("a INTERVAL").getMessage(), containsString("INTERVAL types are not supported"));
    assertThat(bad("a STRING COLLATE UTF8_LCASE").getMessage(), containsString("collated"));
  }

  @Test
  public void duplicateNamesAreRejectedIgnoringCase() {
    assertThat(bad("id INT, id STRING").getMessage(), containsString("duplicate column name 'id'"));
    assertThat(bad("id INT, ID STRING").getMessage(), containsString("(same as 'id')"));
    assertThat(
        bad("s STRUCT<a: INT, a: INT>").getMessage(), containsString("duplicate column name 'a'"));
  }
}
