package dev.sluice.structured;

import dev.sluice.io.schema.SparkTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Spark's {@code RowFactory}: a row of values by position, to hand to {@code
 * session.createDataFrame(rows, schema)}, which gives the values the schema's names and types. The
 * row's own fields are named {@code _1}, {@code _2} … and typed by the Java class of each value.
 *
 * <pre>{@code
 * import dev.sluice.structured.types.*;
 *
 * StructType schema = new StructType()
 *     .add("event_id", DataTypes.IntegerType)
 *     .add("user_id", DataTypes.StringType);
 * DataFrame df = session.createDataFrame(
 *     List.of(RowFactory.create(1, "alice"), RowFactory.create(2, "bob")), schema);
 * }</pre>
 *
 * <p>Values are Beam's row values: {@code String}, {@code Integer}, {@code Long}, {@code Short},
 * {@code Byte}, {@code Double}, {@code Float}, {@code Boolean}, {@code BigDecimal}, {@code byte[]},
 * a Joda {@code Instant} (timestamp), {@code LocalDate} (date), {@code LocalDateTime}
 * (timestamp_ntz), or null.
 */
public final class RowFactory {
  private RowFactory() {}

  /**
   * A row of {@code values}.
   *
   * @throws IllegalArgumentException for a value of another class, naming the classes accepted
   */
  public static Row create(Object... values) {
    Object[] all = values == null ? new Object[] {null} : values;
    Schema.Builder schema = Schema.builder();
    for (int i = 0; i < all.length; i++) {
      schema.addField(Schema.Field.nullable("_" + (i + 1), typeOf(all[i], i)));
    }
    List<Object> list = new ArrayList<>(Arrays.asList(all));
    return Row.withSchema(schema.build()).attachValues(list);
  }

  private static FieldType typeOf(Object value, int index) {
    if (value == null || value instanceof String) {
      return FieldType.STRING;
    } else if (value instanceof Integer) {
      return FieldType.INT32;
    } else if (value instanceof Long) {
      return FieldType.INT64;
    } else if (value instanceof Short) {
      return FieldType.INT16;
    } else if (value instanceof Byte) {
      return FieldType.BYTE;
    } else if (value instanceof Double) {
      return FieldType.DOUBLE;
    } else if (value instanceof Float) {
      return FieldType.FLOAT;
    } else if (value instanceof Boolean) {
      return FieldType.BOOLEAN;
    } else if (value instanceof BigDecimal) {
      return FieldType.DECIMAL;
    } else if (value instanceof byte[]) {
      return FieldType.BYTES;
    } else if (value instanceof ReadableInstant) {
      return SparkTypes.TIMESTAMP;
    } else if (value instanceof LocalDate) {
      return SparkTypes.DATE;
    } else if (value instanceof LocalDateTime) {
      return SparkTypes.TIMESTAMP_NTZ;
    }
    throw new IllegalArgumentException(
        "RowFactory.create: value "
            + (index + 1)
            + " is a "
            + value.getClass().getName()
            + "; give String, Integer, Long, Short, Byte, Double, Float, Boolean, BigDecimal,"
            + " byte[], org.joda.time.Instant, LocalDate, LocalDateTime or null (for arrays, maps"
            + " and structs build the row with Row.withSchema(schema))");
  }
}
