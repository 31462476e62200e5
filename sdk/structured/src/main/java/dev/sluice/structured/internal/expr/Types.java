package dev.sluice.structured.internal.expr;

import dev.sluice.io.schema.SparkTypes;
import dev.sluice.structured.AnalysisException;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.DateTime;

/**
 * Spark SQL's type rules over Beam field types: numeric widening, the implicit casts of binary
 * operators and comparisons, and the two Spark types Beam has no counterpart for.
 *
 * <p>Spark's {@code NullType} (the type of {@code lit(null)}) and {@code CalendarIntervalType} (the
 * type of {@code INTERVAL '5 minutes'}) are represented by Beam types marked with field metadata: a
 * nullable {@code STRING} and an {@code INT64} of milliseconds. Neither appears in an output
 * schema: a null column is output as a nullable string and an interval column is rejected.
 *
 * <pre>{@code
 * Types.widen(FieldType.INT32, FieldType.INT64);      // INT64: int + bigint is bigint
 * Types.comparisonType(FieldType.STRING, FieldType.INT32); // INT32: '7' = 7 casts '7' to int
 * }</pre>
 */
public final class Types {
  private static final String KIND = "sluice.kind";

  /** Spark's NullType: the type of an untyped NULL literal. */
  static final FieldType NULL = FieldType.STRING.withNullable(true).withMetadata(KIND, "void");

  /** Spark's CalendarIntervalType, held as milliseconds. */
  static final FieldType INTERVAL = FieldType.INT64.withMetadata(KIND, "interval");

  private Types() {}

  static boolean isNull(FieldType type) {
    return "void".equals(kind(type));
  }

  public static boolean isInterval(FieldType type) {
    return "interval".equals(kind(type));
  }

  private static String kind(FieldType type) {
    return type.getAllMetadata().containsKey(KIND) ? type.getMetadataString(KIND) : null;
  }

  /** The type with the Sluice-internal markers removed, as it appears in an output schema. */
  static FieldType forOutput(FieldType type, String column) {
    if (isInterval(type)) {
      throw new AnalysisException(
          "Column '"
              + column
              + "' has the type interval, which cannot be stored in a row; add it to a timestamp,"
              + " e.g. ts + INTERVAL '5 minutes'");
    }
    if (isNull(type)) {
      return FieldType.STRING.withNullable(true);
    }
    return type;
  }

  /** Spark's {@code simpleString} of the type, for error messages. */
  static String sparkName(FieldType type) {
    if (isNull(type)) {
      return "void";
    }
    if (isInterval(type)) {
      return "interval";
    }
    try {
      return SparkTypes.simpleString(type);
    } catch (IllegalArgumentException e) {
      return type.toString();
    }
  }

  static boolean isString(FieldType type) {
    return type.getTypeName() == TypeName.STRING && !isNull(type);
  }

  static boolean isBoolean(FieldType type) {
    return type.getTypeName() == TypeName.BOOLEAN;
  }

  static boolean isTimestamp(FieldType type) {
    return type.getTypeName() == TypeName.DATETIME;
  }

  static boolean isDate(FieldType type) {
    return type.getTypeName() == TypeName.LOGICAL_TYPE
        && Date.IDENTIFIER.equals(type.getLogicalType().getIdentifier());
  }

  static boolean isTimestampNtz(FieldType type) {
    return type.getTypeName() == TypeName.LOGICAL_TYPE
        && DateTime.IDENTIFIER.equals(type.getLogicalType().getIdentifier());
  }

  static boolean isDecimal(FieldType type) {
    return SparkTypes.isDecimal(type);
  }

  static boolean isIntegral(FieldType type) {
    if (isInterval(type)) {
      return false;
    }
    switch (type.getTypeName()) {
      case BYTE:
      case INT16:
      case INT32:
      case INT64:
        return true;
      default:
        return false;
    }
  }

  static boolean isNumeric(FieldType type) {
    return isIntegral(type)
        || type.getTypeName() == TypeName.FLOAT
        || type.getTypeName() == TypeName.DOUBLE
        || isDecimal(type);
  }

  static boolean isStruct(FieldType type) {
    return type.getTypeName() == TypeName.ROW;
  }

  static boolean isArray(FieldType type) {
    return type.getTypeName() == TypeName.ARRAY || type.getTypeName() == TypeName.ITERABLE;
  }

  static boolean isMap(FieldType type) {
    return type.getTypeName() == TypeName.MAP;
  }

  private static int rank(FieldType type) {
    if (isDecimal(type)) {
      return 5;
    }
    switch (type.getTypeName()) {
      case BYTE:
        return 1;
      case INT16:
        return 2;
      case INT32:
        return 3;
      case INT64:
        return 4;
      case FLOAT:
        return 6;
      case DOUBLE:
        return 7;
      default:
        return -1;
    }
  }

  /**
   * The wider of two numeric types (Spark's {@code findWiderTypeForTwo}): byte &lt; short &lt; int
   * &lt; bigint &lt; decimal &lt; float &lt; double. The result is nullable if either is.
   */
  static FieldType widen(FieldType a, FieldType b) {
    FieldType wider = rank(a) >= rank(b) ? a : b;
    if (isDecimal(wider)) {
      // Sluice does not track decimal precision through arithmetic: results are decimal(38,18).
      wider = FieldType.DECIMAL;
    }
    return wider.withNullable(a.getNullable() || b.getNullable());
  }

  /**
   * The type two values are converted to before they are compared (Spark 3's implicit casts for
   * {@code =}, {@code <}, {@code IN}, ...), or null if they cannot be compared: a string compared
   * with any other atomic type is cast to that type ({@code '1.5' = 1} is true, as the string casts
   * to the int 1).
   */
  static FieldType comparisonType(FieldType a, FieldType b) {
    boolean nullable = a.getNullable() || b.getNullable();
    if (isNull(a)) {
      return b.withNullable(true);
    }
    if (isNull(b)) {
      return a.withNullable(true);
    }
    if (isNumeric(a) && isNumeric(b)) {
      return widen(a, b);
    }
    if (isString(a) && isString(b)) {
      return a.withNullable(nullable);
    }
    if (isString(a) || isString(b)) {
      FieldType other = isString(a) ? b : a;
      if (isNumeric(other)
          || isTimestamp(other)
          || isDate(other)
          || isBoolean(other)
          || isTimestampNtz(other)) {
        return other.withNullable(nullable);
      }
      return null;
    }
    if ((isTimestamp(a) && isDate(b)) || (isDate(a) && isTimestamp(b))) {
      return FieldType.DATETIME.withNullable(nullable);
    }
    if (a.withNullable(false).equals(b.withNullable(false))) {
      return a.withNullable(nullable);
    }
    if (isStruct(a) && isStruct(b) && sparkName(a).equals(sparkName(b))) {
      return a.withNullable(nullable);
    }
    return null;
  }

  /**
   * The common type of several branches (CASE, COALESCE, IN list): Spark's wider type, strings
   * winning over other atomic types; null if there is none.
   */
  static FieldType commonType(FieldType a, FieldType b) {
    if (isNull(a)) {
      return b.withNullable(true);
    }
    if (isNull(b)) {
      return a.withNullable(true);
    }
    boolean nullable = a.getNullable() || b.getNullable();
    if (isNumeric(a) && isNumeric(b)) {
      return widen(a, b);
    }
    if (a.withNullable(false).equals(b.withNullable(false))) {
      return a.withNullable(nullable);
    }
    if ((isTimestamp(a) && isDate(b)) || (isDate(a) && isTimestamp(b))) {
      return FieldType.DATETIME.withNullable(nullable);
    }
    if ((isString(a) && !isComplex(b)) || (isString(b) && !isComplex(a))) {
      return FieldType.STRING.withNullable(nullable);
    }
    if (isArray(a) && isArray(b)) {
      FieldType element = commonType(a.getCollectionElementType(), b.getCollectionElementType());
      return element == null ? null : FieldType.array(element).withNullable(nullable);
    }
    return null;
  }

  /** True if casting a non-null value of {@code from} to {@code to} can give null. */
  static boolean castMayFail(FieldType from, FieldType to) {
    return isString(from) && !isString(to);
  }

  static boolean isComplex(FieldType type) {
    return isStruct(type) || isArray(type) || isMap(type);
  }
}
