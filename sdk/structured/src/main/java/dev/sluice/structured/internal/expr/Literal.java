package dev.sluice.structured.internal.expr;

import dev.sluice.io.schema.SparkTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.joda.time.ReadableInstant;

/**
 * A constant: {@code lit(1)}, {@code lit("_")}, {@code NULL}, {@code INTERVAL '5 minutes'}. Its
 * column name is the value as Spark prints it ({@code 1}, {@code _}, {@code NULL}).
 *
 * <pre>{@code
 * Literal.of(42).bind(schema).type();   // INT32, not nullable
 * Literal.of(null).sql();               // "NULL"
 * }</pre>
 */
public final class Literal extends Expression {
  private static final long serialVersionUID = 1L;
  private final Object value;
  private final FieldType type;

  private Literal(Object value, FieldType type) {
    this.value = value;
    this.type = type;
  }

  /**
   * A literal of a Java value: String, Integer, Long, Short, Byte, Double, Float, Boolean,
   * BigDecimal, Joda or java.time Instant (timestamp), LocalDate (date), LocalDateTime
   * (timestamp_ntz), byte[] (binary) or null.
   *
   * @throws IllegalArgumentException for other classes
   */
  public static Literal of(Object value) {
    if (value == null) {
      return new Literal(null, Types.NULL);
    }
    if (value instanceof String) {
      return new Literal(value, FieldType.STRING);
    }
    if (value instanceof Integer) {
      return new Literal(value, FieldType.INT32);
    }
    if (value instanceof Long) {
      return new Literal(value, FieldType.INT64);
    }
    if (value instanceof Double) {
      return new Literal(value, FieldType.DOUBLE);
    }
    if (value instanceof Float) {
      return new Literal(value, FieldType.FLOAT);
    }
    if (value instanceof Boolean) {
      return new Literal(value, FieldType.BOOLEAN);
    }
    if (value instanceof Short) {
      return new Literal(value, FieldType.INT16);
    }
    if (value instanceof Byte) {
      return new Literal(value, FieldType.BYTE);
    }
    if (value instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) value;
      int scale = Math.max(0, d.scale());
      int precision = Math.min(SparkTypes.MAX_DECIMAL_PRECISION, Math.max(d.precision(), scale));
      return new Literal(
          d.setScale(scale),
          SparkTypes.decimal(Math.max(precision, 1), Math.min(scale, precision)));
    }
    if (value instanceof ReadableInstant) {
      return new Literal(
          Values.toInstant(((ReadableInstant) value).getMillis()), FieldType.DATETIME);
    }
    if (value instanceof java.time.Instant) {
      return new Literal(
          Values.toInstant(((java.time.Instant) value).toEpochMilli()), FieldType.DATETIME);
    }
    if (value instanceof LocalDate) {
      return new Literal(value, SparkTypes.DATE);
    }
    if (value instanceof LocalDateTime) {
      return new Literal(value, SparkTypes.TIMESTAMP_NTZ);
    }
    if (value instanceof byte[]) {
      return new Literal(((byte[]) value).clone(), FieldType.BYTES);
    }
    throw new IllegalArgumentException(
        "Unsupported literal type "
            + value.getClass().getName()
            + " "
            + value
            + "; use a String, number, Boolean, BigDecimal, Instant, LocalDate, LocalDateTime or"
            + " byte[]");
  }

  /** An interval of {@code millis} milliseconds ({@code INTERVAL '5 minutes'}). */
  public static Literal interval(long millis) {
    return new Literal(millis, Types.INTERVAL);
  }

  /** The value (null for NULL). */
  public Object value() {
    return value;
  }

  /** The Beam type of the value. */
  public FieldType type() {
    return type;
  }

  @Override
  public String sql() {
    if (value == null) {
      return "NULL";
    }
    if (Types.isInterval(type)) {
      return Intervals.toSql((Long) value);
    }
    if (value instanceof ReadableInstant) {
      return "TIMESTAMP '"
          + DateTimes.timestampToString(((ReadableInstant) value).getMillis(), ZoneOffset.UTC)
          + "'";
    }
    if (value instanceof LocalDate) {
      return "DATE '" + value + "'";
    }
    if (value instanceof LocalDateTime) {
      return "TIMESTAMP_NTZ '" + DateTimes.localToString((LocalDateTime) value) + "'";
    }
    if (value instanceof byte[]) {
      StringBuilder hex = new StringBuilder("X'");
      for (byte b : (byte[]) value) {
        hex.append(String.format("%02X", b));
      }
      return hex.append("'").toString();
    }
    return Values.toText(value, ZoneOffset.UTC);
  }

  @Override
  public List<Expression> children() {
    return Collections.emptyList();
  }

  @Override
  List<Object> parameters() {
    Object v = value instanceof byte[] ? Arrays.toString((byte[]) value) : value;
    return Arrays.asList(v, Types.sparkName(type));
  }

  @Override
  Expression withChildren(List<Expression> children) {
    return this;
  }

  @Override
  public Bound bind(Schema input) {
    FieldType t = value == null ? type.withNullable(true) : type.withNullable(false);
    Object v = value;
    return Bounds.of(t, sql(), (row, ctx) -> v);
  }
}
