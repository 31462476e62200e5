package dev.sluice.io.format;

import dev.sluice.io.schema.SparkTypes;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * A type while a schema is being inferred: Spark's types plus {@code NullType} (no value seen yet),
 * with Spark's widening of decimals. Struct fields are kept sorted by name, as Spark's JSON
 * inference sorts them.
 */
final class InferredType {
  enum Kind {
    NULL,
    BOOLEAN,
    INT,
    LONG,
    DECIMAL,
    DOUBLE,
    DATE,
    TIMESTAMP,
    STRING,
    STRUCT,
    ARRAY
  }

  static final InferredType NULL = new InferredType(Kind.NULL, 0, 0, null, null);
  static final InferredType BOOLEAN = new InferredType(Kind.BOOLEAN, 0, 0, null, null);
  static final InferredType INT = new InferredType(Kind.INT, 0, 0, null, null);
  static final InferredType LONG = new InferredType(Kind.LONG, 0, 0, null, null);
  static final InferredType DOUBLE = new InferredType(Kind.DOUBLE, 0, 0, null, null);
  static final InferredType DATE = new InferredType(Kind.DATE, 0, 0, null, null);
  static final InferredType TIMESTAMP = new InferredType(Kind.TIMESTAMP, 0, 0, null, null);
  static final InferredType STRING = new InferredType(Kind.STRING, 0, 0, null, null);

  final Kind kind;
  final int precision;
  final int scale;
  @Nullable final TreeMap<String, InferredType> fields;
  @Nullable final InferredType element;

  private InferredType(
      Kind kind,
      int precision,
      int scale,
      @Nullable TreeMap<String, InferredType> fields,
      @Nullable InferredType element) {
    this.kind = kind;
    this.precision = precision;
    this.scale = scale;
    this.fields = fields;
    this.element = element;
  }

  static InferredType decimal(int precision, int scale) {
    return new InferredType(Kind.DECIMAL, precision, scale, null, null);
  }

  static InferredType struct(Map<String, InferredType> fields) {
    return new InferredType(Kind.STRUCT, 0, 0, new TreeMap<>(fields), null);
  }

  static InferredType array(InferredType element) {
    return new InferredType(Kind.ARRAY, 0, 0, null, element);
  }

  boolean isIntegral() {
    return kind == Kind.INT || kind == Kind.LONG;
  }

  /** Spark's {@code DecimalType.forType} of an integral type. */
  InferredType asDecimal() {
    return kind == Kind.INT ? decimal(10, 0) : decimal(20, 0);
  }

  /**
   * Spark's {@code findTightestCommonType}: the same type, the other one for null, the wider number
   * (int, long, double; an integral type into a decimal wide enough for it), the later of date and
   * timestamp; null if none.
   */
  @Nullable
  static InferredType tightest(InferredType a, InferredType b) {
    if (a.equals(b)) {
      return a;
    }
    if (a.kind == Kind.NULL) {
      return b;
    }
    if (b.kind == Kind.NULL) {
      return a;
    }
    if (a.isIntegral() && b.isIntegral()) {
      return LONG;
    }
    if ((a.isIntegral() || a.kind == Kind.DOUBLE) && (b.isIntegral() || b.kind == Kind.DOUBLE)) {
      return DOUBLE;
    }
    if (a.isIntegral() && b.kind == Kind.DECIMAL && fits(a, b)) {
      return b;
    }
    if (b.isIntegral() && a.kind == Kind.DECIMAL && fits(b, a)) {
      return a;
    }
    if ((a.kind == Kind.DATE || a.kind == Kind.TIMESTAMP)
        && (b.kind == Kind.DATE || b.kind == Kind.TIMESTAMP)) {
      return TIMESTAMP;
    }
    return null;
  }

  private static boolean fits(InferredType integral, InferredType decimal) {
    InferredType d = integral.asDecimal();
    return decimal.precision - decimal.scale >= d.precision - d.scale;
  }

  /**
   * Spark's common type of two numbers a decimal is part of: double with a double, else the widened
   * decimal; null if they are not both numbers.
   */
  @Nullable
  static InferredType widerNumber(InferredType a, InferredType b) {
    if ((a.kind == Kind.DOUBLE && b.kind == Kind.DECIMAL)
        || (b.kind == Kind.DOUBLE && a.kind == Kind.DECIMAL)) {
      return DOUBLE;
    }
    boolean aNumeric = a.isIntegral() || a.kind == Kind.DECIMAL;
    boolean bNumeric = b.isIntegral() || b.kind == Kind.DECIMAL;
    return aNumeric && bNumeric ? widenDecimals(a, b) : null;
  }

  /**
   * Spark's widening of two decimals (integral types as their decimal): the larger integer part and
   * scale, or double past 38 digits.
   */
  static InferredType widenDecimals(InferredType a, InferredType b) {
    InferredType x = a.isIntegral() ? a.asDecimal() : a;
    InferredType y = b.isIntegral() ? b.asDecimal() : b;
    int scale = Math.max(x.scale, y.scale);
    int range = Math.max(x.precision - x.scale, y.precision - y.scale);
    if (range + scale > SparkTypes.MAX_DECIMAL_PRECISION) {
      return DOUBLE;
    }
    return decimal(range + scale, scale);
  }

  /**
   * The Beam type of this inferred type, Spark's canonical form: null becomes string, empty structs
   * are dropped (null returned), every field nullable.
   */
  @Nullable
  FieldType toBeam() {
    switch (kind) {
      case NULL:
      case STRING:
        return FieldType.STRING.withNullable(true);
      case BOOLEAN:
        return FieldType.BOOLEAN.withNullable(true);
      case INT:
        return FieldType.INT32.withNullable(true);
      case LONG:
        return FieldType.INT64.withNullable(true);
      case DOUBLE:
        return FieldType.DOUBLE.withNullable(true);
      case DECIMAL:
        return SparkTypes.decimal(Math.max(1, precision), scale).withNullable(true);
      case DATE:
        return SparkTypes.DATE.withNullable(true);
      case TIMESTAMP:
        return SparkTypes.TIMESTAMP.withNullable(true);
      case ARRAY:
        FieldType e = element.toBeam();
        return e == null ? null : FieldType.array(e).withNullable(true);
      case STRUCT:
        Schema schema = toSchema();
        return schema.getFieldCount() == 0 ? null : FieldType.row(schema).withNullable(true);
      default:
        throw new IllegalStateException(kind.toString());
    }
  }

  /** The fields of a struct as a schema, canonical as {@link #toBeam()}. */
  Schema toSchema() {
    Schema.Builder builder = Schema.builder();
    if (fields != null) {
      for (Map.Entry<String, InferredType> f : fields.entrySet()) {
        FieldType t = f.getValue().toBeam();
        if (!f.getKey().isEmpty() && t != null) {
          builder.addField(f.getKey(), t);
        }
      }
    }
    return builder.build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof InferredType)) {
      return false;
    }
    InferredType t = (InferredType) o;
    return kind == t.kind
        && precision == t.precision
        && scale == t.scale
        && Objects.equals(fields, t.fields)
        && Objects.equals(element, t.element);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, precision, scale, fields, element);
  }

  @Override
  public String toString() {
    switch (kind) {
      case DECIMAL:
        return "decimal(" + precision + "," + scale + ")";
      case ARRAY:
        return "array<" + element + ">";
      case STRUCT:
        return "struct" + fields;
      default:
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
