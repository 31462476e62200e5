package dev.sluice.structured.internal.expr;

import dev.sluice.io.schema.SparkTypes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;

/**
 * Values of Spark types held as the Java objects Beam's {@link Row} uses ({@code Integer} for int,
 * Joda {@link Instant} for timestamp, {@code LocalDate} for date, {@code List} for arrays, {@code
 * Row} for structs), with Spark's non-ANSI casts (an impossible cast gives null) and ordering.
 *
 * <pre>{@code
 * Values.cast(" 42 ", FieldType.STRING, FieldType.INT32, ZoneOffset.UTC);  // 42
 * Values.cast("4x", FieldType.STRING, FieldType.INT32, ZoneOffset.UTC);    // null
 * Values.compare(1, 2);                                                    // negative
 * }</pre>
 */
final class Values {
  private Values() {}

  /** True if Spark can cast {@code from} to {@code to} at all. */
  static boolean canCast(FieldType from, FieldType to) {
    if (Types.isNull(from) || Types.isString(to)) {
      return !Types.isInterval(from) || Types.isString(to);
    }
    if (Types.isInterval(from) || Types.isInterval(to)) {
      return Types.isInterval(from) && Types.isInterval(to);
    }
    if (Types.isString(from)) {
      return !Types.isComplex(to) || to.equals(from);
    }
    if (Types.isArray(from) || Types.isArray(to)) {
      return Types.isArray(from)
          && Types.isArray(to)
          && canCast(from.getCollectionElementType(), to.getCollectionElementType());
    }
    if (Types.isStruct(from) || Types.isStruct(to)) {
      return Types.isStruct(from)
          && Types.isStruct(to)
          && from.getRowSchema().getFieldCount() == to.getRowSchema().getFieldCount();
    }
    if (Types.isMap(from) || Types.isMap(to)) {
      return from.withNullable(false).equals(to.withNullable(false));
    }
    if (Types.isDate(to)) {
      return Types.isTimestamp(from) || Types.isTimestampNtz(from) || Types.isDate(from);
    }
    if (Types.isDate(from)) {
      return Types.isTimestamp(to) || Types.isTimestampNtz(to) || Types.isDate(to);
    }
    return true;
  }

  /**
   * Casts a value the way Spark's non-ANSI {@code CAST} does: text that is not a number, timestamp,
   * ... gives null; numbers narrow like Java's casts.
   */
  static Object cast(Object value, FieldType from, FieldType to, ZoneId zone) {
    if (value == null) {
      return null;
    }
    if (Types.isNull(from)) {
      return null;
    }
    if (Types.isString(to)) {
      return toText(value, zone);
    }
    if (Types.isString(from)) {
      return fromString((String) value, to, zone);
    }
    switch (to.getTypeName()) {
      case BOOLEAN:
        if (value instanceof Boolean) {
          return value;
        }
        if (value instanceof ReadableInstant) {
          return ((ReadableInstant) value).getMillis() != 0;
        }
        return value instanceof Number ? ((Number) value).doubleValue() != 0 : null;
      case BYTE:
      case INT16:
      case INT32:
      case INT64:
      case FLOAT:
      case DOUBLE:
      case DECIMAL:
        return toNumber(asNumber(value), to);
      case DATETIME:
        return toInstant(value, zone);
      case ARRAY:
      case ITERABLE:
        {
          List<Object> out = new ArrayList<>();
          for (Object element : (Iterable<?>) value) {
            out.add(
                cast(
                    element, from.getCollectionElementType(), to.getCollectionElementType(), zone));
          }
          return out;
        }
      case ROW:
        {
          Row row = (Row) value;
          Schema target = to.getRowSchema();
          List<Object> out = new ArrayList<>();
          for (int i = 0; i < target.getFieldCount(); i++) {
            out.add(
                cast(
                    row.getValue(i),
                    row.getSchema().getField(i).getType(),
                    target.getField(i).getType(),
                    zone));
          }
          return Row.withSchema(target).attachValues(out);
        }
      case LOGICAL_TYPE:
        if (Types.isDate(to)) {
          if (value instanceof LocalDate) {
            return value;
          }
          if (value instanceof LocalDateTime) {
            return ((LocalDateTime) value).toLocalDate();
          }
          return java.time.Instant.ofEpochMilli(((ReadableInstant) value).getMillis())
              .atZone(zone)
              .toLocalDate();
        }
        if (Types.isTimestampNtz(to)) {
          if (value instanceof LocalDateTime) {
            return value;
          }
          if (value instanceof LocalDate) {
            return ((LocalDate) value).atStartOfDay();
          }
          if (value instanceof ReadableInstant) {
            return LocalDateTime.ofInstant(
                java.time.Instant.ofEpochMilli(((ReadableInstant) value).getMillis()), zone);
          }
          return null;
        }
        if (Types.isDecimal(to)) {
          return toNumber(asNumber(value), to);
        }
        return value;
      default:
        return value;
    }
  }

  private static Number asNumber(Object value) {
    if (value instanceof Number) {
      return (Number) value;
    }
    if (value instanceof Boolean) {
      return ((Boolean) value) ? 1 : 0;
    }
    if (value instanceof ReadableInstant) {
      long millis = ((ReadableInstant) value).getMillis();
      return millis % 1000 == 0 ? (Number) (millis / 1000) : (Number) (millis / 1000.0);
    }
    return null;
  }

  private static Object toInstant(Object value, ZoneId zone) {
    if (value instanceof ReadableInstant) {
      return toInstant(((ReadableInstant) value).getMillis());
    }
    if (value instanceof LocalDate) {
      return toInstant(((LocalDate) value).atStartOfDay(zone).toInstant().toEpochMilli());
    }
    if (value instanceof LocalDateTime) {
      return toInstant(((LocalDateTime) value).atZone(zone).toInstant().toEpochMilli());
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double seconds = ((Number) value).doubleValue();
      return Double.isFinite(seconds) ? toInstant((long) Math.floor(seconds * 1000)) : null;
    }
    if (value instanceof Number) {
      return toInstant(((Number) value).longValue() * 1000);
    }
    return null;
  }

  static Instant toInstant(long millis) {
    return new Instant(millis);
  }

  /** Converts a number to the Java class Beam uses for a numeric type (Java narrowing rules). */
  static Object toNumber(Number n, FieldType to) {
    if (n == null) {
      return null;
    }
    switch (to.getTypeName()) {
      case BYTE:
        return n.byteValue();
      case INT16:
        return n.shortValue();
      case INT32:
        return n.intValue();
      case INT64:
        return n.longValue();
      case FLOAT:
        return n.floatValue();
      case DOUBLE:
        return n.doubleValue();
      default:
        if (Types.isDecimal(to)) {
          BigDecimal d = toBigDecimal(n);
          if (d == null) {
            return null;
          }
          int scale = SparkTypes.decimalScale(to);
          int precision = SparkTypes.decimalPrecision(to);
          if (scale >= 0) {
            d = d.setScale(scale, RoundingMode.HALF_UP);
            if (d.precision() - d.scale() > precision - scale) {
              return null;
            }
          }
          return d;
        }
        throw new IllegalStateException("not a numeric type: " + to);
    }
  }

  static BigDecimal toBigDecimal(Number n) {
    if (n instanceof BigDecimal) {
      return (BigDecimal) n;
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
    }
    return BigDecimal.valueOf(n.longValue());
  }

  private static Object fromString(String text, FieldType to, ZoneId zone) {
    String trimmed = text.trim();
    switch (to.getTypeName()) {
      case BOOLEAN:
        switch (trimmed.toLowerCase(Locale.ROOT)) {
          case "t":
          case "true":
          case "y":
          case "yes":
          case "1":
            return true;
          case "f":
          case "false":
          case "n":
          case "no":
          case "0":
            return false;
          default:
            return null;
        }
      case BYTE:
      case INT16:
      case INT32:
      case INT64:
        {
          Long whole = parseWhole(trimmed);
          if (whole == null) {
            return null;
          }
          Object narrowed = toNumber(whole, to);
          return ((Number) narrowed).longValue() == whole ? narrowed : null;
        }
      case FLOAT:
      case DOUBLE:
        try {
          return toNumber(Double.parseDouble(normalizeSpecial(trimmed)), to);
        } catch (NumberFormatException e) {
          return null;
        }
      case DECIMAL:
        try {
          return new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
          return null;
        }
      case DATETIME:
        {
          Long millis = DateTimes.parseTimestamp(text, zone);
          return millis == null ? null : toInstant(millis);
        }
      case BYTES:
        return text.getBytes(StandardCharsets.UTF_8);
      case LOGICAL_TYPE:
        if (Types.isDate(to)) {
          return DateTimes.parseDate(text);
        }
        if (Types.isTimestampNtz(to)) {
          Long millis = DateTimes.parseTimestamp(text, ZoneOffset.UTC);
          return millis == null
              ? null
              : LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(millis), ZoneOffset.UTC);
        }
        if (Types.isDecimal(to)) {
          try {
            return toNumber(new BigDecimal(trimmed), to);
          } catch (NumberFormatException e) {
            return null;
          }
        }
        return null;
      default:
        return null;
    }
  }

  private static String normalizeSpecial(String s) {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "inf":
      case "+inf":
      case "infinity":
      case "+infinity":
        return "Infinity";
      case "-inf":
      case "-infinity":
        return "-Infinity";
      case "nan":
        return "NaN";
      default:
        if (s.endsWith("d") || s.endsWith("D") || s.endsWith("f") || s.endsWith("F")) {
          return "x"; // Java accepts 1.5d; Spark does not
        }
        return s;
    }
  }

  /** Spark's string-to-integral parse: an optional fraction is truncated; overflow is null. */
  private static Long parseWhole(String s) {
    if (s.isEmpty()) {
      return null;
    }
    int dot = s.indexOf('.');
    String whole = dot >= 0 ? s.substring(0, dot) : s;
    if (dot >= 0 && !s.substring(dot + 1).chars().allMatch(Character::isDigit)) {
      return null;
    }
    if (whole.isEmpty() || whole.equals("-") || whole.equals("+")) {
      return dot >= 0 && s.length() > 1 ? 0L : null;
    }
    try {
      return Long.parseLong(whole);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Spark's string form of a value ({@code CAST(v AS STRING)}). */
  static String toText(Object value, ZoneId zone) {
    if (value == null) {
      return null;
    }
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof ReadableInstant) {
      return DateTimes.timestampToString(((ReadableInstant) value).getMillis(), zone);
    }
    if (value instanceof LocalDateTime) {
      return DateTimes.localToString((LocalDateTime) value);
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    if (value instanceof Double) {
      return doubleToString((Double) value);
    }
    if (value instanceof Float) {
      return Float.toString((Float) value);
    }
    if (value instanceof byte[]) {
      return new String((byte[]) value, StandardCharsets.UTF_8);
    }
    if (value instanceof Row) {
      Row row = (Row) value;
      StringJoiner out = new StringJoiner(", ", "{", "}");
      for (Object v : row.getValues()) {
        out.add(v == null ? "null" : toText(v, zone));
      }
      return out.toString();
    }
    if (value instanceof Map) {
      StringJoiner out = new StringJoiner(", ", "{", "}");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        Object v = e.getValue();
        out.add(toText(e.getKey(), zone) + " -> " + (v == null ? "null" : toText(v, zone)));
      }
      return out.toString();
    }
    if (value instanceof Iterable) {
      StringJoiner out = new StringJoiner(", ", "[", "]");
      for (Object v : (Iterable<?>) value) {
        out.add(v == null ? "null" : toText(v, zone));
      }
      return out.toString();
    }
    return value.toString();
  }

  private static String doubleToString(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    return Double.toString(d);
  }

  /**
   * Spark's ordering of two non-null values of the same Spark type: numbers by value (NaN greatest,
   * -0.0 equal to 0.0), strings and binaries by their bytes, structs and arrays element by element.
   */
  @SuppressWarnings("unchecked")
  static int compare(Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      if (a instanceof BigDecimal || b instanceof BigDecimal) {
        BigDecimal x = toBigDecimal((Number) a);
        BigDecimal y = toBigDecimal((Number) b);
        if (x != null && y != null) {
          return x.compareTo(y);
        }
      }
      if (isWhole(a) && isWhole(b)) {
        return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
      }
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      return x == y ? 0 : Double.compare(x, y);
    }
    if (a instanceof ReadableInstant && b instanceof ReadableInstant) {
      return Long.compare(((ReadableInstant) a).getMillis(), ((ReadableInstant) b).getMillis());
    }
    if (a instanceof String && b instanceof String) {
      return compareStrings((String) a, (String) b);
    }
    if (a instanceof byte[] && b instanceof byte[]) {
      byte[] x = (byte[]) a;
      byte[] y = (byte[]) b;
      for (int i = 0; i < Math.min(x.length, y.length); i++) {
        int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.length, y.length);
    }
    if (a instanceof Row && b instanceof Row) {
      List<Object> x = ((Row) a).getValues();
      List<Object> y = ((Row) b).getValues();
      return compareLists(x, y);
    }
    if (a instanceof Collection && b instanceof Collection) {
      return compareLists((Collection<Object>) a, (Collection<Object>) b);
    }
    if (a instanceof Comparable && a.getClass().equals(b.getClass())) {
      return ((Comparable<Object>) a).compareTo(b);
    }
    throw new IllegalArgumentException(
        "cannot compare " + a.getClass().getSimpleName() + " with " + b.getClass().getSimpleName());
  }

  private static boolean isWhole(Object n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }

  /** Compares by Unicode code points, which orders like Spark's comparison of UTF-8 bytes. */
  private static int compareStrings(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static int compareLists(Collection<Object> a, Collection<Object> b) {
    Iterator<Object> x = a.iterator();
    Iterator<Object> y = b.iterator();
    while (x.hasNext() && y.hasNext()) {
      Object u = x.next();
      Object v = y.next();
      int c = u == null ? (v == null ? 0 : -1) : v == null ? 1 : compare(u, v);
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(x.hasNext(), y.hasNext());
  }

  /** Normalizes a value read from a Row: any Joda instant becomes an {@link Instant}. */
  static Object normalize(Object value) {
    if (value instanceof ReadableInstant && !(value instanceof Instant)) {
      return toInstant(((ReadableInstant) value).getMillis());
    }
    return value;
  }
}
