package dev.sluice.io.console;

import com.google.auto.value.AutoValue;
import dev.sluice.io.schema.SparkTypes;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.DateTime;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Formats rows the way Spark's {@code Dataset.show()} and console sink print them, character for
 * character (Spark 4.0, the version the mobile fixture's output comes from).
 *
 * <ul>
 *   <li>A {@code +---+} bordered table; each column is as wide as its widest cell (at least 3; East
 *       Asian full-width characters count twice). With truncation on (the default, 20 characters)
 *       cells are right-aligned and longer values cut to 17 characters plus {@code ...} (for a
 *       limit N: N-3 plus {@code ...}, or just N characters when N &lt; 4); with truncation off,
 *       cells are left-aligned and whole. Column names are never cut.
 *   <li>At most {@code numRows} rows (default 20), then {@code only showing top N rows}.
 *   <li>Values as Spark 4 shows them: {@code NULL} for null at any depth (Spark 3 printed {@code
 *       null}); timestamps as {@code 2018-03-02 10:00:00} in the time zone ({@code UTC} by default;
 *       Spark uses the session zone) with fractional seconds only when non-zero; dates as {@code
 *       2018-03-02}; structs as {@code {v1, v2}}, so a window column prints as {@code {2018-03-02
 *       10:00:00, 2018-03-02 10:10:00}}; arrays as {@code [a, b]}; maps as {@code {k1 -> v1, k2 ->
 *       v2}}; binary as {@code [0A 1B]}; decimals in plain notation at their scale; doubles and
 *       floats as Java prints them ({@code 1.0E10}, {@code NaN}). Control characters show as
 *       escapes ({@code \n}).
 * </ul>
 *
 * <pre>{@code
 * ConsoleTable table = ConsoleTable.of(schema).withTruncate(false);
 * System.out.print(table.batch(0, rows));
 * // -------------------------------------------
 * // Batch: 0
 * // -------------------------------------------
 * // +------------------------------------------+------+-----+
 * // |window                                    |action|count|
 * // +------------------------------------------+------+-----+
 * // |{2018-03-02 10:00:00, 2018-03-02 10:10:00}|close |1    |
 * // |{2018-03-02 10:00:00, 2018-03-02 10:10:00}|open  |3    |
 * // +------------------------------------------+------+-----+
 * //
 * }</pre>
 */
@AutoValue
public abstract class ConsoleTable implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Spark's default number of rows shown. */
  public static final int DEFAULT_NUM_ROWS = 20;

  /** Spark's cell width limit when truncation is on. */
  public static final int DEFAULT_TRUNCATE = 20;

  /**
   * The option a facade sets to head the columns with the names the user knows (which may repeat,
   * where the schema's cannot): the names joined by {@link #HEADER_SEPARATOR}.
   */
  public static final String HEADER_OPTION = "sluice.header";

  /** Separates the names in {@link #HEADER_OPTION} (the ASCII unit separator). */
  public static final String HEADER_SEPARATOR = "\u001F";

  private static final String RULE = "-------------------------------------------";
  private static final int MIN_COLUMN_WIDTH = 3;

  /** The schema of the rows: its field names head the columns. */
  public abstract Schema schema();

  /** The most rows shown. */
  public abstract int numRows();

  /** Cells longer than this are cut; 0 shows whole, left-aligned cells. */
  public abstract int truncate();

  /** The time zone timestamps are shown in. */
  public abstract ZoneId zone();

  /** True to show one line per value ({@code show(n, truncate, vertical = true)}). */
  public abstract boolean vertical();

  /**
   * The column names shown, or null for the schema's field names (a frame whose names repeat, as a
   * join's can, shows them as the user knows them).
   */
  @Nullable
  public abstract List<String> header();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setSchema(Schema schema);

    abstract Builder setNumRows(int numRows);

    abstract Builder setTruncate(int truncate);

    abstract Builder setZone(ZoneId zone);

    abstract Builder setVertical(boolean vertical);

    abstract Builder setHeader(@Nullable List<String> header);

    abstract ConsoleTable build();
  }

  /** A table of {@code schema}'s rows with Spark's defaults: 20 rows, truncated at 20, UTC. */
  public static ConsoleTable of(Schema schema) {
    if (schema == null) {
      throw new IllegalArgumentException("ConsoleTable.of needs the schema of the rows to show");
    }
    return new AutoValue_ConsoleTable.Builder()
        .setSchema(schema)
        .setNumRows(DEFAULT_NUM_ROWS)
        .setTruncate(DEFAULT_TRUNCATE)
        .setZone(ZoneOffset.UTC)
        .setVertical(false)
        .build();
  }

  /**
   * A table configured from the console sink's options, as Spark reads them: {@code numRows} (an
   * integer, default 20) and {@code truncate} ({@code true} or {@code false}, default true). Other
   * options are ignored; names are case-insensitive.
   *
   * @throws IllegalArgumentException for a value Spark would reject
   */
  public static ConsoleTable fromOptions(Schema schema, Map<String, String> options) {
    Map<String, String> lookup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    lookup.putAll(options);
    ConsoleTable table = of(schema);
    String numRows = lookup.get("numRows");
    if (numRows != null) {
      try {
        table = table.withNumRows(Integer.parseInt(numRows.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "Console option numRows must be a whole number, e.g. 20, but is '" + numRows + "'");
      }
    }
    String header = lookup.get(HEADER_OPTION);
    if (header != null && header.split(HEADER_SEPARATOR, -1).length == schema.getFieldCount()) {
      table = table.withHeader(List.of(header.split(HEADER_SEPARATOR, -1)));
    }
    String truncate = lookup.get("truncate");
    if (truncate != null) {
      if (truncate.trim().equalsIgnoreCase("true") || truncate.trim().equalsIgnoreCase("false")) {
        table = table.withTruncate(Boolean.parseBoolean(truncate.trim()));
      } else {
        throw new IllegalArgumentException(
            "Console option truncate must be true or false, but is '"
                + truncate
                + "' (Dataset.show(n, truncate) takes a width; the console sink does not)");
      }
    }
    return table;
  }

  /**
   * A copy showing at most {@code numRows} rows.
   *
   * @throws IllegalArgumentException if {@code numRows} is negative
   */
  public ConsoleTable withNumRows(int numRows) {
    if (numRows < 0) {
      throw new IllegalArgumentException(
          "numRows must be 0 or more (how many rows to show), but is " + numRows);
    }
    return toBuilder().setNumRows(numRows).build();
  }

  /** A copy that cuts cells at 20 characters ({@code true}) or shows them whole ({@code false}). */
  public ConsoleTable withTruncate(boolean truncate) {
    return withTruncate(truncate ? DEFAULT_TRUNCATE : 0);
  }

  /**
   * A copy that cuts cells longer than {@code width} characters ({@code Dataset.show(n, width)}); 0
   * shows them whole.
   *
   * @throws IllegalArgumentException if {@code width} is negative
   */
  public ConsoleTable withTruncate(int width) {
    if (width < 0) {
      throw new IllegalArgumentException(
          "truncate must be 0 (show whole cells) or a width, but is " + width);
    }
    return toBuilder().setTruncate(width).build();
  }

  /** A copy showing timestamps in {@code zone} (Spark's {@code spark.sql.session.timeZone}). */
  public ConsoleTable withZone(ZoneId zone) {
    if (zone == null) {
      throw new IllegalArgumentException("withZone needs a zone, e.g. ZoneOffset.UTC");
    }
    return toBuilder().setZone(zone).build();
  }

  /**
   * A copy that shows each row as a block of {@code name | value} lines under a {@code -RECORD n-}
   * rule, as Spark's {@code show(n, truncate, vertical = true)}; no rows print {@code (0 rows)}.
   */
  public ConsoleTable withVertical(boolean vertical) {
    return toBuilder().setVertical(vertical).build();
  }

  /**
   * A copy that heads the columns with {@code names} instead of the schema's field names.
   *
   * @throws IllegalArgumentException unless there is one name per field
   */
  public ConsoleTable withHeader(List<String> names) {
    if (names.size() != schema().getFieldCount()) {
      throw new IllegalArgumentException(
          "withHeader needs one name per column: "
              + schema().getFieldCount()
              + " columns, "
              + names.size()
              + " names "
              + names);
    }
    return toBuilder().setHeader(List.copyOf(names)).build();
  }

  /**
   * What the console sink prints for one micro-batch: the {@code Batch: N} banner, the table, and
   * the blank line {@code show()}'s {@code println} leaves.
   */
  public String batch(long batchId, Collection<Row> rows) {
    return RULE + "\n" + "Batch: " + batchId + "\n" + RULE + "\n" + show(rows) + "\n";
  }

  /** The table, as Spark's {@code Dataset.showString}: ends with a newline. */
  public String show(Collection<Row> rows) {
    List<String> names = header() != null ? header() : schema().getFieldNames();
    int columns = names.size();
    List<List<String>> cells = new ArrayList<>();
    List<String> header = new ArrayList<>();
    for (String name : names) {
      header.add(SparkTypes.escapeMetaCharacters(name));
    }
    cells.add(header);
    int shown = 0;
    for (Row row : rows) {
      if (shown == numRows()) {
        break;
      }
      if (row.getFieldCount() != columns) {
        throw new IllegalArgumentException(
            "Row "
                + shown
                + " has "
                + row.getFieldCount()
                + " fields but the table's schema has "
                + columns
                + " ("
                + String.join(", ", names)
                + "); make the table with the rows' schema: ConsoleTable.of(row.getSchema())");
      }
      List<String> line = new ArrayList<>(columns);
      for (int i = 0; i < columns; i++) {
        String text =
            SparkTypes.escapeMetaCharacters(cell(row.getValue(i), schema().getField(i).getType()));
        line.add(truncated(text));
      }
      cells.add(line);
      shown++;
    }
    boolean hasMore = rows.size() > shown;
    if (vertical()) {
      return vertical(cells, hasMore);
    }

    int[] widths = new int[columns];
    for (List<String> line : cells) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(Math.max(widths[i], MIN_COLUMN_WIDTH), halfWidth(line.get(i)));
      }
    }
    StringBuilder rule = new StringBuilder("+");
    for (int width : widths) {
      rule.append("-".repeat(width)).append('+');
    }
    rule.append('\n');

    StringBuilder out = new StringBuilder(rule);
    appendLine(out, cells.get(0), widths);
    out.append(rule);
    for (List<String> line : cells.subList(1, cells.size())) {
      appendLine(out, line, widths);
    }
    out.append(rule);
    if (hasMore) {
      out.append("only showing top ")
          .append(numRows())
          .append(numRows() == 1 ? " row\n" : " rows\n");
    }
    return out.toString();
  }

  /** Spark's vertical layout: a rule per record, then one padded {@code name | value} line each. */
  private String vertical(List<List<String>> cells, boolean hasMore) {
    List<String> names = cells.get(0);
    List<List<String>> records = cells.subList(1, cells.size());
    int nameWidth = MIN_COLUMN_WIDTH;
    for (String name : names) {
      nameWidth = Math.max(nameWidth, halfWidth(name));
    }
    int valueWidth = MIN_COLUMN_WIDTH;
    for (List<String> record : records) {
      for (String value : record) {
        valueWidth = Math.max(valueWidth, halfWidth(value));
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < records.size(); r++) {
      String title = "-RECORD " + r;
      out.append(title)
          .append("-".repeat(Math.max(0, nameWidth + valueWidth + 5 - title.length())));
      out.append('\n');
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        String value = records.get(r).get(i);
        out.append(' ')
            .append(name)
            .append(" ".repeat(nameWidth - halfWidth(name)))
            .append(" | ")
            .append(value)
            .append(" ".repeat(valueWidth - halfWidth(value)))
            .append(" \n");
      }
    }
    if (records.isEmpty()) {
      out.append("(0 rows)\n");
    } else if (hasMore) {
      out.append("only showing top ")
          .append(numRows())
          .append(numRows() == 1 ? " row\n" : " rows\n");
    }
    return out.toString();
  }

  private void appendLine(StringBuilder out, List<String> line, int[] widths) {
    out.append('|');
    for (int i = 0; i < line.size(); i++) {
      String cell = line.get(i);
      String pad = " ".repeat(widths[i] - halfWidth(cell));
      out.append(truncate() > 0 ? pad + cell : cell + pad).append('|');
    }
    out.append('\n');
  }

  private String truncated(String text) {
    int limit = truncate();
    if (limit <= 0 || text.length() <= limit) {
      return text;
    }
    return limit < 4 ? text.substring(0, limit) : text.substring(0, limit - 3) + "...";
  }

  /** Spark's {@code Utils.stringHalfWidth}: full-width (East Asian) characters count twice. */
  static int halfWidth(String s) {
    int width = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= '\u1100' && c <= '\u115F')
          || (c >= '\u2E80' && c <= '\uA4CF')
          || (c >= '\uAC00' && c <= '\uD7A3')
          || (c >= '\uF900' && c <= '\uFAFF')
          || (c >= '\uFE10' && c <= '\uFE19')
          || (c >= '\uFE30' && c <= '\uFE6F')
          || (c >= '\uFF00' && c <= '\uFF60')
          || (c >= '\uFFE0' && c <= '\uFFE6')) {
        width++;
      }
    }
    return width;
  }

  // ---- values as Spark's ToPrettyString shows them --------------------------------------------

  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .toFormatter();

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  private String cell(Object value, FieldType type) {
    if (value == null) {
      return "NULL";
    }
    switch (type.getTypeName()) {
      case DATETIME:
        return timestamp(java.time.Instant.ofEpochMilli(((ReadableInstant) value).getMillis()));
      case DECIMAL:
        return ((BigDecimal) value).toPlainString();
      case BYTES:
        return hex((byte[]) value);
      case ARRAY:
      case ITERABLE:
        return iterable((Iterable<?>) value, type.getCollectionElementType());
      case MAP:
        return map((Map<?, ?>) value, type.getMapKeyType(), type.getMapValueType());
      case ROW:
        return struct((Row) value, type.getRowSchema());
      case LOGICAL_TYPE:
        return logical(value, type);
      default:
        return String.valueOf(value);
    }
  }

  private String logical(Object value, FieldType type) {
    String id = type.getLogicalType().getIdentifier();
    if (id.equals(Date.IDENTIFIER)) {
      return DATE.format((LocalDate) value);
    } else if (id.equals(DateTime.IDENTIFIER)) {
      return TIMESTAMP.format((LocalDateTime) value);
    } else if (id.equals(MicrosInstant.IDENTIFIER)) {
      return timestamp((java.time.Instant) value);
    } else if (SparkTypes.isDecimal(type)) {
      BigDecimal decimal = (BigDecimal) value;
      int scale = SparkTypes.decimalScale(type);
      if (scale >= 0 && decimal.scale() < scale) {
        decimal = decimal.setScale(scale, RoundingMode.UNNECESSARY);
      }
      return decimal.toPlainString();
    }
    // No Spark counterpart: show the value as Beam holds it.
    return String.valueOf(value);
  }

  private String timestamp(java.time.Instant instant) {
    return TIMESTAMP.format(LocalDateTime.ofInstant(instant, zone()));
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < bytes.length; i++) {
      out.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i]));
    }
    return out.append(']').toString();
  }

  private String iterable(Iterable<?> values, FieldType element) {
    StringBuilder out = new StringBuilder("[");
    boolean first = true;
    for (Object value : values) {
      out.append(first ? "" : ", ").append(cell(value, element));
      first = false;
    }
    return out.append(']').toString();
  }

  private String map(Map<?, ?> values, FieldType key, FieldType value) {
    StringBuilder out = new StringBuilder("{");
    boolean first = true;
    for (Map.Entry<?, ?> entry : values.entrySet()) {
      out.append(first ? "" : ", ")
          .append(cell(entry.getKey(), key))
          .append(" -> ")
          .append(cell(entry.getValue(), value));
      first = false;
    }
    return out.append('}').toString();
  }

  private String struct(Row row, Schema schema) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < schema.getFieldCount(); i++) {
      out.append(i == 0 ? "" : ", ").append(cell(row.getValue(i), schema.getField(i).getType()));
    }
    return out.append('}').toString();
  }
}
