package dev.sluice.io.schema;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link SparkTypes}. */
@RunWith(JUnit4.class)
public class SparkTypesTest {

  @Test
  public void treeStringOfTheMobileSchemaIsWhatPrintSchemaPrints() {
    Schema schema =
        Schema.builder()
            .addNullableField("id", FieldType.STRING)
            .addNullableField("action", FieldType.STRING)
            .addNullableField("ts", SparkTypes.TIMESTAMP)
            .build();
    assertThat(
        SparkTypes.treeString(schema),
        is(
            "root\n"
                + " |-- id: string (nullable = true)\n"
                + " |-- action: string (nullable = true)\n"
                + " |-- ts: timestamp (nullable = true)\n"));
  }

  @Test
  public void treeStringNestsStructsArraysAndMapsAsSparkDoes() {
    Schema window =
        Schema.builder()
            .addNullableField("start", SparkTypes.TIMESTAMP)
            .addNullableField("end", SparkTypes.TIMESTAMP)
            .build();
    Schema schema =
        Schema.builder()
            .addField("window", FieldType.row(window))
            .addNullableField("tags", FieldType.array(FieldType.STRING.withNullable(true)))
            .addNullableField(
                "scores", FieldType.map(FieldType.STRING, FieldType.array(FieldType.INT64)))
            .addNullableField("price", SparkTypes.decimal(10, 2))
            .addField("count", FieldType.INT64)
            .build();
    assertThat(
        SparkTypes.treeString(schema),
        is(
            "root\n"
                + " |-- window: struct (nullable = false)\n"
                + " |    |-- start: timestamp (nullable = true)\n"
                + " |    |-- end: timestamp (nullable = true)\n"
                + " |-- tags: array (nullable = true)\n"
                + " |    |-- element: string (containsNull = true)\n"
                + " |-- scores: map (nullable = true)\n"
                + " |    |-- key: string\n"
                + " |    |-- value: array (valueContainsNull = false)\n"
                + " |    |    |-- element: long (containsNull = false)\n"
                + " |-- price: decimal(10,2) (nullable = true)\n"
                + " |-- count: long (nullable = false)\n"));
  }

  @Test
  public void typeNamesAndSimpleStringsFollowSpark() {
    assertThat(SparkTypes.typeName(FieldType.BYTE), is("byte"));
    assertThat(SparkTypes.typeName(FieldType.INT16), is("short"));
    assertThat(SparkTypes.typeName(FieldType.INT32), is("integer"));
    assertThat(SparkTypes.typeName(FieldType.INT64), is("long"));
    assertThat(SparkTypes.typeName(FieldType.FLOAT), is("float"));
    assertThat(SparkTypes.typeName(FieldType.DOUBLE), is("double"));
    assertThat(SparkTypes.typeName(FieldType.BOOLEAN), is("boolean"));
    assertThat(SparkTypes.typeName(FieldType.BYTES), is("binary"));
    assertThat(SparkTypes.typeName(SparkTypes.DATE), is("date"));
    assertThat(SparkTypes.typeName(SparkTypes.TIMESTAMP_NTZ), is("timestamp_ntz"));
    assertThat(SparkTypes.typeName(FieldType.DECIMAL), is("decimal(38,18)"));
    assertThat(SparkTypes.simpleString(FieldType.INT32), is("int"));
    assertThat(SparkTypes.simpleString(FieldType.INT64), is("bigint"));
    assertThat(
        SparkTypes.simpleString(FieldType.map(FieldType.STRING, FieldType.INT32)),
        is("map<string,int>"));
    assertThat(
        SparkTypes.simpleString(DdlSchema.parse("a INT, b ARRAY<STRUCT<c: DATE>>")),
        is("struct<a:int,b:array<struct<c:date>>>"));
  }

  @Test
  public void decimalChecksPrecisionAndScale() {
    assertThat(SparkTypes.decimalPrecision(SparkTypes.decimal(38, 0)), is(38));
    assertThat(SparkTypes.decimalScale(SparkTypes.decimal(5, 5)), is(5));
    assertThat(SparkTypes.decimalScale(FieldType.DECIMAL), is(-1));
    IllegalArgumentException precision =
        assertThrows(IllegalArgumentException.class, () -> SparkTypes.decimal(39, 2));
    assertThat(precision.getMessage(), containsString("between 1 and 38"));
    IllegalArgumentException scale =
        assertThrows(IllegalArgumentException.class, () -> SparkTypes.decimal(3, 4));
    assertThat(scale.getMessage(), containsString("between 0 and the precision (3)"));
  }

  @Test
  public void logicalTypesWithoutASparkCounterpartAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SparkTypes.typeName(FieldType.logicalType(SqlTypes.TIME)));
    assertThat(e.getMessage(), containsString("has no Spark SQL counterpart"));
  }

  @Test
  public void asNullableReachesEveryDepthButLeavesMapKeys() {
    Schema schema =
        DdlSchema.parse("a INT NOT NULL, s STRUCT<b: INT NOT NULL> NOT NULL, m MAP<STRING, INT>");
    Schema nullable = SparkTypes.asNullable(schema);
    assertThat(nullable.getField("a").getType().getNullable(), is(true));
    assertThat(nullable.getField("s").getType().getNullable(), is(true));
    assertThat(
        nullable.getField("s").getType().getRowSchema().getField("b").getType().getNullable(),
        is(true));
    assertThat(nullable.getField("m").getType().getMapKeyType().getNullable(), is(false));
    assertThat(nullable.getField("m").getType().getMapValueType().getNullable(), is(true));
  }

  @Test
  public void metaCharactersAreEscaped() {
    assertThat(SparkTypes.escapeMetaCharacters("a\nb\tc"), is("a\\nb\\tc"));
    assertThat(SparkTypes.escapeMetaCharacters("plain"), is("plain"));
    Schema schema = Schema.builder().addNullableField("odd\nname", FieldType.STRING).build();
    assertThat(
        SparkTypes.treeString(schema), is("root\n |-- odd\\nname: string (nullable = true)\n"));
  }
}
