package dev.sluice.io.file;

import dev.sluice.io.format.SparkDateTimes;
import dev.sluice.io.schema.SparkTypes;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * Hive-style partition directories as Spark writes and reads them: {@code day=2024-05-01/}, names
 * and values escaped with {@code %XX} for the characters Spark escapes ({@code / : = % # ? *} and
 * others), {@code __HIVE_DEFAULT_PARTITION__} for a null or empty value. Timestamps are written and
 * read in UTC as {@code yyyy-MM-dd HH:mm:ss[.SSSSSS]}.
 *
 * <pre>{@code
 * PartitionPaths.escape("a/b:c");                                   // a%2Fb%3Ac
 * PartitionPaths.values(Paths.get("/out"), Paths.get("/out/day=2024-05-01/part-0.parquet"));
 * // {day=2024-05-01}
 * }</pre>
 */
public final class PartitionPaths {
  /** Spark's (and Hive's) directory value for null and the empty string. */
  public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private static final String ESCAPED = "\"#%'*/:=?\\\u007F{[]^";

  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private PartitionPaths() {}

  /** Spark's {@code escapePathName}: {@code %XX} for control characters and {@code "#%'*:=?\{[]^}. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= '\u0001' && c <= '\u001F') || ESCAPED.indexOf(c) >= 0) {
        out.append(String.format(Locale.ROOT, "%%%02X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Spark's {@code unescapePathName}: decodes {@code %XX}, leaves anything else as it is. */
  public static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) {
        int high = hex(text.charAt(i + 1));
        int low = hex(text.charAt(i + 2));
        if (high >= 0 && low >= 0) {
          out.append((char) (high * 16 + low));
          i += 3;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static int hex(char c) {
    return Character.digit(c, 16);
  }

  /**
   * Checks that {@code columns} can partition rows of {@code schema}: they exist, are distinct,
   * leave at least one data column, and are of a type with a directory form.
   *
   * @throws IllegalArgumentException naming the column otherwise
   */
  public static void check(Schema schema, List<String> columns) {
    for (String column : columns) {
      if (!schema.hasField(column)) {
        throw new IllegalArgumentException(
            "Partition column "
                + column
                + " is not a column of the output "
                + SparkTypes.simpleString(schema)
                + "; partitionBy takes output column names");
      }
      FieldType type = schema.getField(column).getType();
      switch (type.getTypeName()) {
        case ARRAY:
        case ITERABLE:
        case MAP:
        case ROW:
        case BYTES:
          throw new IllegalArgumentException(
              "Cannot use "
                  + SparkTypes.simpleString(type)
                  + " for partition column "
                  + column
                  + ": partition columns must be of an atomic type (string, numbers, boolean,"
                  + " date, timestamp)");
        default:
          break;
      }
    }
    if (columns.stream().distinct().count() != columns.size()) {
      throw new IllegalArgumentException("Partition columns " + columns + " repeat a column");
    }
    if (columns.size() >= schema.getFieldCount()) {
      throw new IllegalArgumentException(
          "Cannot partition by every column "
              + columns
              + ": at least one column must be left for the data files");
    }
  }

  /** The relative directory of {@code row}'s partition, e.g. {@code day=2024-05-01/kind=a}. */
  public static String directory(Row row, List<String> columns) {
    StringBuilder dir = new StringBuilder();
    for (String column : columns) {
      if (dir.length() > 0) {
        dir.append('/');
      }
      String value = format(row.getValue(column));
      dir.append(escape(column))
          .append('=')
          .append(value == null || value.isEmpty() ? DEFAULT_PARTITION : escape(value));
    }
    return dir.toString();
  }

  /** A partition value as Spark casts it to a string; null for null. */
  @Nullable
  static String format(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof org.joda.time.ReadableInstant) {
      Instant instant = Instant.ofEpochMilli(((org.joda.time.ReadableInstant) value).getMillis());
      return TIMESTAMP.format(instant.atOffset(ZoneOffset.UTC));
    }
    if (value instanceof LocalDateTime) {
      return TIMESTAMP.format((LocalDateTime) value);
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    return value.toString();
  }

  /**
   * The partition values in the directories between {@code base} and {@code file}, unescaped, in
   * path order: {@code base/a=1/b=x/f} gives {@code {a=1, b=x}}; null for {@code
   * __HIVE_DEFAULT_PARTITION__}. Directories that are not {@code name=value} are passed over.
   */
  public static Map<String, String> values(Path base, Path file) {
    Map<String, String> values = new LinkedHashMap<>();
    Path relative = base.relativize(file).getParent();
    if (relative == null || !file.startsWith(base)) {
      return values;
    }
    for (Path part : relative) {
      String name = part.toString();
      int eq = name.indexOf('=');
      if (eq > 0) {
        String raw = name.substring(eq + 1);
        values.put(
            unescape(name.substring(0, eq)), raw.equals(DEFAULT_PARTITION) ? null : unescape(raw));
      }
    }
    return values;
  }

  /**
   * A directory value as a value of {@code type}.
   *
   * @throws IllegalArgumentException naming the column and the value if it is not of the type
   */
  @Nullable
  public static Object parse(String column, @Nullable String raw, FieldType type) {
    if (raw == null) {
      return null;
    }
    Object value;
    try {
      value = parseOrNull(raw, type);
    } catch (RuntimeException e) {
      value = null;
    }
    if (value == null && type.getTypeName() != Schema.TypeName.STRING) {
      throw new IllegalArgumentException(
          "Partition directory "
              + column
              + "="
              + raw
              + " does not hold a "
              + SparkTypes.simpleString(type)
              + " value as the schema declares column "
              + column
              + "; fix the directory name or declare the column as STRING");
    }
    return value;
  }

  @Nullable
  private static Object parseOrNull(String raw, FieldType type) {
    String s = raw.trim();
    FieldType plain = type.withNullable(false);
    switch (type.getTypeName()) {
      case STRING:
        return raw;
      case BOOLEAN:
        return s.equalsIgnoreCase("true")
            ? Boolean.TRUE
            : s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
      case BYTE:
        return Byte.parseByte(s);
      case INT16:
        return Short.parseShort(s);
      case INT32:
        return Integer.parseInt(s);
      case INT64:
        return Long.parseLong(s);
      case FLOAT:
        return Float.parseFloat(s);
      case DOUBLE:
        return Double.parseDouble(s);
      case DECIMAL:
        return new BigDecimal(s);
      case DATETIME:
        Instant instant = SparkDateTimes.parseTimestamp(s, ZoneOffset.UTC);
        return instant == null ? null : new org.joda.time.Instant(instant.toEpochMilli());
      case LOGICAL_TYPE:
        if (SparkTypes.isDecimal(type)) {
          return new BigDecimal(s).setScale(SparkTypes.decimalScale(type));
        }
        if (plain.equals(SparkTypes.DATE)) {
          return SparkDateTimes.parseDate(s);
        }
        if (plain.equals(SparkTypes.TIMESTAMP_NTZ)) {
          return SparkDateTimes.parseTimestampNtz(s);
        }
        return null;
      default:
        return null;
    }
  }

  /**
   * Spark's partition type inference over the values one column has in the directories: int, then
   * bigint, double, date, timestamp, else string; null-only columns are strings.
   */
  public static FieldType inferType(Collection<String> rawValues) {
    int rank = -1; // 0 int, 1 bigint, 2 double, 3 date, 4 timestamp, 5 string
    for (String raw : rawValues) {
      if (raw == null) {
        continue;
      }
      int r = rankOf(raw);
      if (rank < 0) {
        rank = r;
      } else if (rank != r) {
        rank = (rank <= 2 && r <= 2) ? Math.max(rank, r) : 5;
      }
    }
    switch (rank) {
      case 0:
        return FieldType.INT32;
      case 1:
        return FieldType.INT64;
      case 2:
        return FieldType.DOUBLE;
      case 3:
        return SparkTypes.DATE;
      case 4:
        return SparkTypes.TIMESTAMP;
      default:
        return FieldType.STRING;
    }
  }

  private static int rankOf(String raw) {
    String s = raw.trim();
    if (s.matches("[+-]?\\d+")) {
      try {
        Integer.parseInt(s);
        return 0;
      } catch (NumberFormatException e) {
        try {
          Long.parseLong(s);
          return 1;
        } catch (NumberFormatException e2) {
          return 5;
        }
      }
    }
    if (s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      return 2;
    }
    if (s.matches("\\d{4}-\\d{2}-\\d{2}") && SparkDateTimes.parseDate(s) != null) {
      return 3;
    }
    if (s.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")
        && SparkDateTimes.parseTimestamp(s, ZoneOffset.UTC) != null) {
      return 4;
    }
    return 5;
  }
}
