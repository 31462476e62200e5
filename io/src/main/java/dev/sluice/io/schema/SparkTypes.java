package dev.sluice.io.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.DateTime;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;

/**
 * How Spark SQL's data types are represented as Beam schema types, and how a Beam {@link Schema} is
 * printed the way Spark prints a {@code StructType}.
 *
 * <table>
 *   <caption>Spark type, its DDL spellings, and the Beam type that holds it</caption>
 *   <tr><th>Spark ({@code typeName})</th><th>DDL</th><th>Beam</th></tr>
 *   <tr><td>string</td><td>STRING</td><td>{@code STRING}</td></tr>
 *   <tr><td>boolean</td><td>BOOLEAN</td><td>{@code BOOLEAN}</td></tr>
 *   <tr><td>byte</td><td>TINYINT, BYTE</td><td>{@code BYTE}</td></tr>
 *   <tr><td>short</td><td>SMALLINT, SHORT</td><td>{@code INT16}</td></tr>
 *   <tr><td>integer</td><td>INT, INTEGER</td><td>{@code INT32}</td></tr>
 *   <tr><td>long</td><td>BIGINT, LONG</td><td>{@code INT64}</td></tr>
 *   <tr><td>float</td><td>FLOAT, REAL</td><td>{@code FLOAT}</td></tr>
 *   <tr><td>double</td><td>DOUBLE</td><td>{@code DOUBLE}</td></tr>
 *   <tr><td>decimal(p,s)</td><td>DECIMAL(p,s), DEC, NUMERIC</td>
 *       <td>logical type {@link FixedPrecisionNumeric} (values are {@code BigDecimal})</td></tr>
 *   <tr><td>binary</td><td>BINARY</td><td>{@code BYTES}</td></tr>
 *   <tr><td>date</td><td>DATE</td><td>{@link SqlTypes#DATE} ({@code LocalDate})</td></tr>
 *   <tr><td>timestamp</td><td>TIMESTAMP, TIMESTAMP_LTZ</td>
 *       <td>{@code DATETIME} (Joda {@code Instant}; millisecond precision, where Spark keeps
 *       microseconds)</td></tr>
 *   <tr><td>timestamp_ntz</td><td>TIMESTAMP_NTZ</td><td>{@link SqlTypes#DATETIME}
 *       ({@code LocalDateTime})</td></tr>
 *   <tr><td>array</td><td>ARRAY&lt;T&gt;</td><td>{@code ARRAY} (element nullable =
 *       {@code containsNull})</td></tr>
 *   <tr><td>map</td><td>MAP&lt;K,V&gt;</td><td>{@code MAP} (value nullable =
 *       {@code valueContainsNull}; keys never null)</td></tr>
 *   <tr><td>struct</td><td>STRUCT&lt;a: T, ...&gt;</td><td>{@code ROW}</td></tr>
 * </table>
 *
 * <p>Beam types with no Spark counterpart of their own are printed as the nearest Spark type:
 * {@code ITERABLE} as array, a plain {@code DECIMAL} as {@code decimal(38,18)} (Spark's type for a
 * Java {@code BigDecimal}), {@link SqlTypes#TIMESTAMP} as timestamp. Other logical types are
 * rejected with an {@link IllegalArgumentException}.
 *
 * <pre>{@code
 * Schema schema = DdlSchema.parse("id STRING, tags ARRAY<STRING>, ts TIMESTAMP");
 * System.out.print(SparkTypes.treeString(schema));
 * // root
 * //  |-- id: string (nullable = true)
 * //  |-- tags: array (nullable = true)
 * //  |    |-- element: string (containsNull = true)
 * //  |-- ts: timestamp (nullable = true)
 * SparkTypes.simpleString(schema);   // struct<id:string,tags:array<string>,ts:timestamp>
 * }</pre>
 */
public final class SparkTypes {
  /** Spark's {@code TimestampType}: an instant, shown in the session time zone. */
  public static final FieldType TIMESTAMP = FieldType.DATETIME;

  /** Spark's {@code TimestampNTZType}: a local date-time without a time zone. */
  public static final FieldType TIMESTAMP_NTZ = FieldType.logicalType(SqlTypes.DATETIME);

  /** Spark's {@code DateType}: a calendar date. */
  public static final FieldType DATE = FieldType.logicalType(SqlTypes.DATE);

  /** The largest precision of Spark's {@code DecimalType}. */
  public static final int MAX_DECIMAL_PRECISION = 38;

  private SparkTypes() {}

  /**
   * Spark's {@code DecimalType(precision, scale)}.
   *
   * @throws IllegalArgumentException unless {@code 1 <= precision <= 38} and {@code 0 <= scale <=
   *     precision}
   */
  public static FieldType decimal(int precision, int scale) {
    if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
      throw new IllegalArgumentException(
          "DECIMAL precision "
              + precision
              + " is out of range: it must be between 1 and "
              + MAX_DECIMAL_PRECISION
              + ", e.g. DECIMAL(10,2)");
    }
    if (scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          "DECIMAL scale "
              + scale
              + " is out of range: it must be between 0 and the precision ("
              + precision
              + "), e.g. DECIMAL("
              + precision
              + ","
              + Math.min(2, precision)
              + ")");
    }
    return FieldType.logicalType(FixedPrecisionNumeric.of(precision, scale));
  }

  /** True if {@code type} is a decimal: Beam's {@code DECIMAL} or {@link FixedPrecisionNumeric}. */
  public static boolean isDecimal(FieldType type) {
    return type.getTypeName() == Schema.TypeName.DECIMAL
        || isLogical(type, FixedPrecisionNumeric.IDENTIFIER);
  }

  /**
   * The declared scale of a decimal type, or -1 when the type does not fix it (Beam's plain {@code
   * DECIMAL}).
   */
  public static int decimalScale(FieldType type) {
    Row argument = decimalArgument(type);
    return argument == null ? -1 : argument.getInt32("scale");
  }

  /**
   * The declared precision of a decimal type, or -1 when the type does not fix it (Beam's plain
   * {@code DECIMAL}).
   */
  public static int decimalPrecision(FieldType type) {
    Row argument = decimalArgument(type);
    return argument == null ? -1 : argument.getInt32("precision");
  }

  private static Row decimalArgument(FieldType type) {
    if (!isLogical(type, FixedPrecisionNumeric.IDENTIFIER)) {
      return null;
    }
    return type.getLogicalType().getArgument();
  }

  /** True if {@code type} is the logical type with the given identifier. */
  static boolean isLogical(FieldType type, String identifier) {
    return type.getTypeName() == Schema.TypeName.LOGICAL_TYPE
        && identifier.equals(type.getLogicalType().getIdentifier());
  }

  /**
   * Spark's {@code DataType.typeName} for a Beam type, as {@code printSchema()} shows it: {@code
   * string}, {@code integer}, {@code long}, {@code decimal(10,2)}, {@code array}, {@code struct},
   * ...
   *
   * @throws IllegalArgumentException for a logical type with no Spark counterpart
   */
  public static String typeName(FieldType type) {
    switch (type.getTypeName()) {
      case BYTE:
        return "byte";
      case INT16:
        return "short";
      case INT32:
        return "integer";
      case INT64:
        return "long";
      case ARRAY:
      case ITERABLE:
        return "array";
      case MAP:
        return "map";
      case ROW:
        return "struct";
      default:
        return simpleString(type);
    }
  }

  /**
   * Spark's {@code DataType.simpleString} for a Beam type: {@code int}, {@code bigint}, {@code
   * array<string>}, {@code map<string,int>}, {@code struct<a:int,b:string>}, ...
   *
   * @throws IllegalArgumentException for a logical type with no Spark counterpart
   */
  public static String simpleString(FieldType type) {
    switch (type.getTypeName()) {
      case BYTE:
        return "tinyint";
      case INT16:
        return "smallint";
      case INT32:
        return "int";
      case INT64:
        return "bigint";
      case FLOAT:
        return "float";
      case DOUBLE:
        return "double";
      case DECIMAL:
        return "decimal(38,18)";
      case BOOLEAN:
        return "boolean";
      case STRING:
        return "string";
      case BYTES:
        return "binary";
      case DATETIME:
        return "timestamp";
      case ARRAY:
      case ITERABLE:
        return "array<" + simpleString(type.getCollectionElementType()) + ">";
      case MAP:
        return "map<"
            + simpleString(type.getMapKeyType())
            + ","
            + simpleString(type.getMapValueType())
            + ">";
      case ROW:
        return simpleString(type.getRowSchema());
      case LOGICAL_TYPE:
        return logicalSimpleString(type);
      default:
        throw new IllegalArgumentException("Beam type " + type + " has no Spark SQL counterpart");
    }
  }

  /** Spark's {@code StructType.simpleString}: {@code struct<id:string,ts:timestamp>}. */
  public static String simpleString(Schema schema) {
    return schema.getFields().stream()
        .map(f -> f.getName() + ":" + simpleString(f.getType()))
        .collect(Collectors.joining(",", "struct<", ">"));
  }

  private static String logicalSimpleString(FieldType type) {
    String id = type.getLogicalType().getIdentifier();
    if (id.equals(Date.IDENTIFIER)) {
      return "date";
    } else if (id.equals(DateTime.IDENTIFIER)) {
      return "timestamp_ntz";
    } else if (id.equals(MicrosInstant.IDENTIFIER)) {
      return "timestamp";
    } else if (id.equals(FixedPrecisionNumeric.IDENTIFIER)) {
      int precision = decimalPrecision(type);
      return "decimal("
          + (precision < 0 ? MAX_DECIMAL_PRECISION : precision)
          + ","
          + decimalScale(type)
          + ")";
    }
    throw new IllegalArgumentException(
        "Beam logical type '"
            + id
            + "' has no Spark SQL counterpart; use one of the types listed in SparkTypes'"
            + " documentation (e.g. SparkTypes.DATE, SparkTypes.decimal(10, 2))");
  }

  /**
   * The schema as Spark's {@code printSchema()} prints it (Spark's {@code StructType.treeString}),
   * ending with a newline.
   *
   * <pre>{@code
   * root
   *  |-- id: string (nullable = true)
   *  |-- window: struct (nullable = false)
   *  |    |-- start: timestamp (nullable = true)
   *  |    |-- end: timestamp (nullable = true)
   *  |-- counts: map (nullable = true)
   *  |    |-- key: string
   *  |    |-- value: long (valueContainsNull = true)
   * }</pre>
   */
  public static String treeString(Schema schema) {
    StringBuilder out = new StringBuilder("root\n");
    appendFields(schema, " |", out);
    return out.toString();
  }

  private static void appendFields(Schema schema, String prefix, StringBuilder out) {
    for (Field field : schema.getFields()) {
      FieldType type = field.getType();
      out.append(prefix)
          .append("-- ")
          .append(escapeMetaCharacters(field.getName()))
          .append(": ")
          .append(typeName(type))
          .append(" (nullable = ")
          .append(type.getNullable())
          .append(")\n");
      appendNested(type, prefix + "    |", out);
    }
  }

  private static void appendNested(FieldType type, String prefix, StringBuilder out) {
    switch (type.getTypeName()) {
      case ROW:
        appendFields(type.getRowSchema(), prefix, out);
        break;
      case ARRAY:
      case ITERABLE:
        FieldType element = type.getCollectionElementType();
        out.append(prefix)
            .append("-- element: ")
            .append(typeName(element))
            .append(" (containsNull = ")
            .append(element.getNullable())
            .append(")\n");
        appendNested(element, prefix + "    |", out);
        break;
      case MAP:
        FieldType key = type.getMapKeyType();
        FieldType value = type.getMapValueType();
        out.append(prefix).append("-- key: ").append(typeName(key)).append("\n");
        appendNested(key, prefix + "    |", out);
        out.append(prefix)
            .append("-- value: ")
            .append(typeName(value))
            .append(" (valueContainsNull = ")
            .append(value.getNullable())
            .append(")\n");
        appendNested(value, prefix + "    |", out);
        break;
      default:
        break;
    }
  }

  /**
   * Spark's {@code SchemaUtils.escapeMetaCharacters}: control characters in names and cells are
   * shown as their escapes ({@code \n} as backslash-n, ...) so they cannot break the layout.
   */
  public static String escapeMetaCharacters(String s) {
    if (s.chars().noneMatch(c -> c < 0x20)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\u000B':
          out.append("\\v");
          break;
        case '\u0007':
          out.append("\\a");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The schema with every field, array element and map value nullable, at every depth (Spark's
   * {@code StructType.asNullable}). Spark's streaming file sources read with this schema ({@code
   * spark.sql.streaming.fileSource.schema.forceNullable}, true by default since Spark 3.0), so a
   * {@code NOT NULL} in the user's schema never rejects a record.
   */
  public static Schema asNullable(Schema schema) {
    List<Field> fields = new ArrayList<>();
    for (Field field : schema.getFields()) {
      fields.add(field.withType(asNullable(field.getType())));
    }
    return new Schema(fields).withOptions(schema.getOptions());
  }

  /** The type made nullable at every depth; map keys stay non-null, as in Spark. */
  public static FieldType asNullable(FieldType type) {
    switch (type.getTypeName()) {
      case ROW:
        return FieldType.row(asNullable(type.getRowSchema())).withNullable(true);
      case ARRAY:
        return FieldType.array(asNullable(type.getCollectionElementType())).withNullable(true);
      case ITERABLE:
        return FieldType.iterable(asNullable(type.getCollectionElementType())).withNullable(true);
      case MAP:
        FieldType key = type.getMapKeyType();
        FieldType nestedKey = asNullable(key).withNullable(key.getNullable());
        return FieldType.map(nestedKey, asNullable(type.getMapValueType())).withNullable(true);
      default:
        return type.withNullable(true);
    }
  }
}
