package dev.sluice.io.parquet;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.schema.DdlSchema;
import org.apache.beam.sdk.schemas.Schema;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link SparkSchemaJson}. */
@RunWith(JUnit4.class)
public class SparkSchemaJsonTest {
  @Test
  public void writesSparksStructTypeJson() {
    Schema schema =
        Schema.builder()
            .addNullableField("id", Schema.FieldType.INT32)
            .addField("tags", Schema.FieldType.array(Schema.FieldType.STRING.withNullable(false)))
            .addNullableField(
                "m",
                Schema.FieldType.map(
                    Schema.FieldType.STRING, Schema.FieldType.DOUBLE.withNullable(true)))
            .addNullableField(
                "st", Schema.FieldType.row(DdlSchema.parse("d DECIMAL(10,2), day DATE")))
            .build();
    String json = SparkSchemaJson.toJson(schema);
    assertThat(
        json,
        is(
            "{\"type\":\"struct\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"elementType\":\"string\","
                + "\"containsNull\":false},\"nullable\":false,\"metadata\":{}},"
                + "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"keyType\":\"string\","
                + "\"valueType\":\"double\",\"valueContainsNull\":true},\"nullable\":true,"
                + "\"metadata\":{}},"
                + "{\"name\":\"st\",\"type\":{\"type\":\"struct\",\"fields\":["
                + "{\"name\":\"d\",\"type\":\"decimal(10,2)\",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"day\",\"type\":\"date\",\"nullable\":true,\"metadata\":{}}]},"
                + "\"nullable\":true,\"metadata\":{}}]}"));
    assertThat(SparkSchemaJson.fromJson(json), is(schema));
  }

  @Test
  public void everyAllTypesColumnRoundTrips() {
    assertThat(
        SparkSchemaJson.fromJson(SparkSchemaJson.toJson(ParquetTestData.ALL_TYPES)),
        is(ParquetTestData.ALL_TYPES));
  }

  @Test
  public void badJsonIsRefused() {
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> SparkSchemaJson.fromJson("{"))
            .getMessage(),
        containsString("Not a Spark schema JSON"));
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> SparkSchemaJson.fromJson("{\"type\":\"udt\"}"))
            .getMessage(),
        containsString("Unknown Spark type"));
  }
}
