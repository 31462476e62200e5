package dev.sluice.io.parquet;

import dev.sluice.io.schema.SparkTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Beam schemas to Parquet schemas and back, with Spark's mapping (Spark's {@code
 * ParquetSchemaConverter}, standard layout): the Beam side uses the field types of {@link
 * SparkTypes}.
 *
 * <table>
 *   <caption>Spark type, Beam type, Parquet type written (and also read)</caption>
 *   <tr><th>Spark</th><th>Beam</th><th>Parquet</th></tr>
 *   <tr><td>string</td><td>STRING</td><td>BINARY (STRING); read also ENUM, JSON</td></tr>
 *   <tr><td>boolean</td><td>BOOLEAN</td><td>BOOLEAN</td></tr>
 *   <tr><td>byte / short</td><td>BYTE / INT16</td><td>INT32 (INT(8) / INT(16))</td></tr>
 *   <tr><td>integer / long</td><td>INT32 / INT64</td><td>INT32 / INT64</td></tr>
 *   <tr><td>float / double</td><td>FLOAT / DOUBLE</td><td>FLOAT / DOUBLE</td></tr>
 *   <tr><td>binary</td><td>BYTES</td><td>BINARY</td></tr>
 *   <tr><td>date</td><td>SparkTypes.DATE</td><td>INT32 (DATE)</td></tr>
 *   <tr><td>timestamp</td><td>DATETIME</td><td>INT64 (TIMESTAMP(MICROS, true)); read also
 *       TIMESTAMP(MILLIS|NANOS, true) and INT96</td></tr>
 *   <tr><td>timestamp_ntz</td><td>SparkTypes.TIMESTAMP_NTZ</td><td>INT64 (TIMESTAMP(MICROS,
 *       false))</td></tr>
 *   <tr><td>decimal(p,s)</td><td>SparkTypes.decimal(p, s)</td><td>p &le; 9: INT32, p &le; 18:
 *       INT64, else FIXED_LEN_BYTE_ARRAY (DECIMAL(p,s)); read also BINARY</td></tr>
 *   <tr><td>struct</td><td>ROW</td><td>group</td></tr>
 *   <tr><td>array</td><td>ARRAY</td><td>group (LIST) { repeated group list { element } }; read
 *       also the legacy 2-level lists and bare repeated fields</td></tr>
 *   <tr><td>map</td><td>MAP</td><td>group (MAP) { repeated group key_value { required key; value
 *       } }</td></tr>
 * </table>
 *
 * <p>Nullable fields are {@code optional}, others {@code required}. Unsigned integers are read as
 * Spark reads them (UINT8 as short, UINT16 as int, UINT32 as long, UINT64 as decimal(20,0)).
 *
 * <pre>{@code
 * MessageType parquet = ParquetSchemas.toParquet(DdlSchema.parse("id BIGINT, ts TIMESTAMP"));
 * // message spark_schema { optional int64 id; optional int64 ts (TIMESTAMP(MICROS,true)); }
 * Schema beam = ParquetSchemas.toBeam(parquet);   // id BIGINT, ts TIMESTAMP
 * }</pre>
 */
public final class ParquetSchemas {
  /** The message name Spark gives the schemas it writes. */
  public static final String MESSAGE_NAME = "spark_schema";

  private ParquetSchemas() {}

  /**
   * The Parquet schema Spark writes for {@code schema}.
   *
   * @throws IllegalArgumentException naming the column whose type has no Parquet form
   */
  public static MessageType toParquet(Schema schema) {
    return new MessageType(MESSAGE_NAME, fields(schema, ""));
  }

  private static List<Type> fields(Schema schema, String prefix) {
    List<Type> fields = new ArrayList<>();
    for (Schema.Field field : schema.getFields()) {
      Type.Repetition repetition =
          field.getType().getNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      fields.add(toParquet(field.getName(), field.getType(), repetition, prefix + field.getName()));
    }
    return fields;
  }

  private static Type toParquet(
      String name, FieldType type, Type.Repetition repetition, String column) {
    switch (type.getTypeName()) {
      case BOOLEAN:
        return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
      case BYTE:
        return Types.primitive(PrimitiveTypeName.INT32, repetition)
            .as(LogicalTypeAnnotation.intType(8, true))
            .named(name);
      case INT16:
        return Types.primitive(PrimitiveTypeName.INT32, repetition)
            .as(LogicalTypeAnnotation.intType(16, true))
            .named(name);
      case INT32:
        return Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
      case INT64:
        return Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
      case FLOAT:
        return Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
      case DOUBLE:
        return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
      case STRING:
        return Types.primitive(PrimitiveTypeName.BINARY, repetition)
            .as(LogicalTypeAnnotation.stringType())
            .named(name);
      case BYTES:
        return Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
      case DATETIME:
        return timestamp(name, repetition, true);
      case DECIMAL:
        return decimal(name, repetition, SparkTypes.MAX_DECIMAL_PRECISION, 18);
      case ROW:
        return Types.buildGroup(repetition)
            .addFields(fields(type.getRowSchema(), column + ".").toArray(new Type[0]))
            .named(name);
      case ARRAY:
      case ITERABLE:
        {
          FieldType element = type.getCollectionElementType();
          Type elementType =
              toParquet("element", element, repetitionOf(element), column + ".element");
          return Types.buildGroup(repetition)
              .as(LogicalTypeAnnotation.listType())
              .addField(Types.repeatedGroup().addField(elementType).named("list"))
              .named(name);
        }
      case MAP:
        {
          Type key =
              toParquet("key", type.getMapKeyType(), Type.Repetition.REQUIRED, column + ".key");
          FieldType valueType = type.getMapValueType();
          Type value = toParquet("value", valueType, repetitionOf(valueType), column + ".value");
          return Types.buildGroup(repetition)
              .as(LogicalTypeAnnotation.mapType())
              .addField(Types.repeatedGroup().addField(key).addField(value).named("key_value"))
              .named(name);
        }
      case LOGICAL_TYPE:
        if (SparkTypes.isDecimal(type)) {
          return decimal(
              name, repetition, SparkTypes.decimalPrecision(type), SparkTypes.decimalScale(type));
        }
        if (type.withNullable(false).equals(SparkTypes.DATE)) {
          return Types.primitive(PrimitiveTypeName.INT32, repetition)
              .as(LogicalTypeAnnotation.dateType())
              .named(name);
        }
        if (type.withNullable(false).equals(SparkTypes.TIMESTAMP_NTZ)) {
          return timestamp(name, repetition, false);
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException(
        "Column "
            + column
            + " has Beam type "
            + type
            + ", which Parquet cannot hold; use one of the types of SparkTypes' documentation");
  }

  private static Type.Repetition repetitionOf(FieldType type) {
    return type.getNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
  }

  private static Type timestamp(String name, Type.Repetition repetition, boolean utc) {
    return Types.primitive(PrimitiveTypeName.INT64, repetition)
        .as(LogicalTypeAnnotation.timestampType(utc, LogicalTypeAnnotation.TimeUnit.MICROS))
        .named(name);
  }

  private static Type decimal(String name, Type.Repetition repetition, int precision, int scale) {
    LogicalTypeAnnotation annotation = LogicalTypeAnnotation.decimalType(scale, precision);
    if (precision <= 9) {
      return Types.primitive(PrimitiveTypeName.INT32, repetition).as(annotation).named(name);
    }
    if (precision <= 18) {
      return Types.primitive(PrimitiveTypeName.INT64, repetition).as(annotation).named(name);
    }
    return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
        .length(decimalBytes(precision))
        .as(annotation)
        .named(name);
  }

  /**
   * The fewest bytes that hold every unscaled value of {@code precision} digits, as Spark sizes.
   */
  static int decimalBytes(int precision) {
    int bytes = 1;
    while (Math.pow(2.0, 8 * bytes - 1) < Math.pow(10.0, precision)) {
      bytes++;
    }
    return bytes;
  }

  /**
   * The Beam schema Spark reads from a Parquet schema (every field nullable, as Spark reads files).
   *
   * @throws IllegalArgumentException naming the column whose Parquet type Spark cannot read
   */
  public static Schema toBeam(GroupType message) {
    Schema.Builder builder = Schema.builder();
    for (Type field : message.getFields()) {
      builder.addField(field.getName(), fieldType(field, field.getName()));
    }
    return builder.build();
  }

  /** The Beam type of one Parquet field, nullable; a bare repeated field is an array. */
  static FieldType fieldType(Type field, String column) {
    FieldType type =
        field.isPrimitive()
            ? primitive(field.asPrimitiveType(), column)
            : group(field.asGroupType(), column);
    if (field.isRepetition(Type.Repetition.REPEATED)) {
      return FieldType.array(type.withNullable(false)).withNullable(true);
    }
    return type.withNullable(true);
  }

  private static FieldType group(GroupType group, String column) {
    LogicalTypeAnnotation annotation = group.getLogicalTypeAnnotation();
    if (annotation instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      Type element = listElement(group, column);
      FieldType elementType =
          element.isPrimitive()
              ? primitive(element.asPrimitiveType(), column + ".element")
              : group(element.asGroupType(), column + ".element");
      return FieldType.array(
          elementType.withNullable(
              !element.isRepetition(Type.Repetition.REQUIRED)
                  && !element.isRepetition(Type.Repetition.REPEATED)));
    }
    if (annotation instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || annotation instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      GroupType keyValue = mapKeyValue(group, column);
      FieldType key = fieldType(keyValue.getType(0), column + ".key").withNullable(false);
      FieldType value =
          keyValue.getFieldCount() > 1
              ? fieldType(keyValue.getType(1), column + ".value")
                  .withNullable(!keyValue.getType(1).isRepetition(Type.Repetition.REQUIRED))
              : FieldType.STRING.withNullable(true);
      return FieldType.map(key, value);
    }
    Schema.Builder builder = Schema.builder();
    for (Type field : group.getFields()) {
      builder.addField(field.getName(), fieldType(field, column + "." + field.getName()));
    }
    return FieldType.row(builder.build());
  }

  /**
   * The element of a LIST group, by Parquet's backward-compatibility rules: the repeated child
   * itself when it is primitive, has several fields, or is named {@code array} or {@code
   * <name>_tuple} (2-level lists); else the repeated group's only field (3-level).
   */
  static Type listElement(GroupType list, String column) {
    if (list.getFieldCount() != 1 || !list.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      throw new IllegalArgumentException(
          "Column " + column + " is a LIST without its one repeated field: " + list);
    }
    Type repeated = list.getType(0);
    if (isTwoLevel(list, repeated)) {
      return repeated;
    }
    return repeated.asGroupType().getType(0);
  }

  /** True if the repeated child of a LIST group is the element itself. */
  static boolean isTwoLevel(GroupType list, Type repeated) {
    return repeated.isPrimitive()
        || repeated.asGroupType().getFieldCount() > 1
        || repeated.getName().equals("array")
        || repeated.getName().equals(list.getName() + "_tuple");
  }

  static GroupType mapKeyValue(GroupType map, String column) {
    if (map.getFieldCount() != 1
        || map.getType(0).isPrimitive()
        || !map.getType(0).isRepetition(Type.Repetition.REPEATED)
        || map.getType(0).asGroupType().getFieldCount() < 1) {
      throw new IllegalArgumentException(
          "Column " + column + " is a MAP without its repeated key_value group: " + map);
    }
    return map.getType(0).asGroupType();
  }

  private static FieldType primitive(PrimitiveType type, String column) {
    LogicalTypeAnnotation annotation = type.getLogicalTypeAnnotation();
    if (annotation instanceof DecimalLogicalTypeAnnotation) {
      DecimalLogicalTypeAnnotation decimal = (DecimalLogicalTypeAnnotation) annotation;
      return SparkTypes.decimal(decimal.getPrecision(), decimal.getScale());
    }
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN:
        return FieldType.BOOLEAN;
      case INT32:
        if (annotation instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return SparkTypes.DATE;
        }
        if (annotation instanceof IntLogicalTypeAnnotation) {
          IntLogicalTypeAnnotation integer = (IntLogicalTypeAnnotation) annotation;
          int bits = integer.getBitWidth();
          if (integer.isSigned()) {
            return bits == 8 ? FieldType.BYTE : bits == 16 ? FieldType.INT16 : FieldType.INT32;
          }
          return bits == 8 ? FieldType.INT16 : bits == 16 ? FieldType.INT32 : FieldType.INT64;
        }
        if (annotation == null) {
          return FieldType.INT32;
        }
        break;
      case INT64:
        if (annotation instanceof TimestampLogicalTypeAnnotation) {
          return ((TimestampLogicalTypeAnnotation) annotation).isAdjustedToUTC()
              ? SparkTypes.TIMESTAMP
              : SparkTypes.TIMESTAMP_NTZ;
        }
        if (annotation instanceof IntLogicalTypeAnnotation) {
          return ((IntLogicalTypeAnnotation) annotation).isSigned()
              ? FieldType.INT64
              : SparkTypes.decimal(20, 0);
        }
        if (annotation == null) {
          return FieldType.INT64;
        }
        break;
      case INT96:
        return SparkTypes.TIMESTAMP;
      case FLOAT:
        return FieldType.FLOAT;
      case DOUBLE:
        return FieldType.DOUBLE;
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        if (annotation instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || annotation instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || annotation instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return FieldType.STRING;
        }
        if (annotation == null) {
          return FieldType.BYTES;
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException(
        "Column "
            + column
            + " has Parquet type "
            + type
            + ", which Spark (and Sluice) cannot read; read the file without that column by"
            + " giving a schema that leaves it out");
  }
}
