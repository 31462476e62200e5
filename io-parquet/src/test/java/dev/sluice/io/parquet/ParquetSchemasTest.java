package dev.sluice.io.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.NanosInstant;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link ParquetSchemas}. */
@RunWith(JUnit4.class)
public class ParquetSchemasTest {
  @Test
  public void writesSparksParquetSchemaForEveryType() {
    Schema schema =
        DdlSchema.parse(
            "s STRING, b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT, f FLOAT,"
                + " d DOUBLE, bin BINARY, day DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ,"
                + " d9 DECIMAL(9,2), d18 DECIMAL(18,4), d38 DECIMAL(38,10), d20 DECIMAL(20,0),"
                + " st STRUCT<x: INT>, arr ARRAY<STRING>, m MAP<STRING, BIGINT>");
    Schema required =
        Schema.builder()
            .addFields(schema.getFields())
            .addField("req", Schema.FieldType.INT32)
            .addField(
                "strict",
                Schema.FieldType.array(Schema.FieldType.STRING.withNullable(false))
                    .withNullable(false))
            .build();
    MessageType expected =
        MessageTypeParser.parseMessageType(
            "message spark_schema {\n"
                + "  optional binary s (STRING);\n"
                + "  optional boolean b;\n"
                + "  optional int32 i8 (INTEGER(8,true));\n"
                + "  optional int32 i16 (INTEGER(16,true));\n"
                + "  optional int32 i32;\n"
                + "  optional int64 i64;\n"
                + "  optional float f;\n"
                + "  optional double d;\n"
                + "  optional binary bin;\n"
                + "  optional int32 day (DATE);\n"
                + "  optional int64 ts (TIMESTAMP(MICROS,true));\n"
                + "  optional int64 ntz (TIMESTAMP(MICROS,false));\n"
                + "  optional int32 d9 (DECIMAL(9,2));\n"
                + "  optional int64 d18 (DECIMAL(18,4));\n"
                + "  optional fixed_len_byte_array(16) d38 (DECIMAL(38,10));\n"
                + "  optional fixed_len_byte_array(9) d20 (DECIMAL(20,0));\n"
                + "  optional group st { optional int32 x; }\n"
                + "  optional group arr (LIST) {\n"
                + "    repeated group list { optional binary element (STRING); }\n"
                + "  }\n"
                + "  optional group m (MAP) {\n"
                + "    repeated group key_value {\n"
                + "      required binary key (STRING);\n"
                + "      optional int64 value;\n"
                + "    }\n"
                + "  }\n"
                + "  required int32 req;\n"
                + "  required group strict (LIST) {\n"
                + "    repeated group list { required binary element (STRING); }\n"
                + "  }\n"
                + "}");
    assertThat(ParquetSchemas.toParquet(required), is(expected));
    // And back: the same Spark types, every field nullable (containsNull kept).
    Schema back = ParquetSchemas.toBeam(expected);
    assertThat(
        back.getField("strict").getType().getCollectionElementType().getNullable(), is(false));
    assertThat(SparkTypes.simpleString(back), is(SparkTypes.simpleString(required)));
    assertThat(back.getField("req").getType().getNullable(), is(true));
  }

  @Test
  public void decimalBytesAreTheFewestThatHoldThePrecision() {
    assertThat(ParquetSchemas.decimalBytes(19), is(9));
    assertThat(ParquetSchemas.decimalBytes(38), is(16));
    assertThat(ParquetSchemas.decimalBytes(9), is(4));
  }

  @Test
  public void readsTheOtherLayoutsSparkReads() {
    MessageType legacy =
        MessageTypeParser.parseMessageType(
            "message m {\n"
                + "  optional int96 old_ts;\n"
                + "  optional int64 ms (TIMESTAMP(MILLIS,true));\n"
                + "  optional int32 u8 (INTEGER(8,false));\n"
                + "  optional int32 u32_as_i (INTEGER(32,false));\n"
                + "  optional int64 u64 (INTEGER(64,false));\n"
                + "  optional binary e (ENUM);\n"
                + "  optional binary dec_bin (DECIMAL(30,2));\n"
                + "  optional group two_level (LIST) { repeated int32 array; }\n"
                + "  optional group two_level_struct (LIST) {\n"
                + "    repeated group array { optional int32 a; optional int32 b; }\n"
                + "  }\n"
                + "  optional group tuple (LIST) { repeated group tuple_tuple { optional binary s (STRING); } }\n"
                + "  repeated int64 bare;\n"
                + "  optional group old_map (MAP_KEY_VALUE) {\n"
                + "    repeated group map { required binary key (STRING); optional int32 value; }\n"
                + "  }\n"
                + "}");
    assertThat(
        SparkTypes.simpleString(ParquetSchemas.toBeam(legacy)),
        is(
            "struct<old_ts:timestamp,ms:timestamp,u8:smallint,u32_as_i:bigint,u64:decimal(20,0),"
                + "e:string,dec_bin:decimal(30,2),two_level:array<int>,"
                + "two_level_struct:array<struct<a:int,b:int>>,tuple:array<struct<s:string>>,"
                + "bare:array<bigint>,old_map:map<string,int>>"));
  }

  @Test
  public void typesWithoutAParquetFormAreRefusedNamingTheColumn() {
    Schema schema =
        Schema.builder()
            .addRowField(
                "outer", Schema.builder().addLogicalTypeField("nanos", new NanosInstant()).build())
            .build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ParquetSchemas.toParquet(schema));
    assertThat(e.getMessage(), containsString("Column outer.nanos"));
    IllegalArgumentException unreadable =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ParquetSchemas.toBeam(
                    MessageTypeParser.parseMessageType(
                        "message m { optional int32 t (TIME(MILLIS,true)); }")));
    assertThat(unreadable.getMessage(), containsString("Column t has Parquet type"));
  }
}
