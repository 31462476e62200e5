package dev.sluice.io.format;

import dev.sluice.io.schema.SparkTypes;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Turns one line of text into rows of a Beam {@link Schema}, following a Spark data source's
 * options: the part shared by {@link JsonRowParser} and {@link CsvRowParser}.
 *
 * <p>Options are Spark's, with case-insensitive names. Shared ones:
 *
 * <ul>
 *   <li>{@code mode}: {@link ParseMode}, default {@code PERMISSIVE}.
 *   <li>{@code columnNameOfCorruptRecord}: default {@code _corrupt_record}. If the schema has a
 *       {@code STRING} column of this name, {@code PERMISSIVE} mode puts a malformed record's raw
 *       text there (and null for well-formed records); it is not read from the data.
 *   <li>{@code timeZone}: zone for timestamps written without one, default {@code UTC} (Spark uses
 *       the session time zone).
 *   <li>{@code timestampFormat}, {@code timestampNTZFormat}, {@code dateFormat}: Spark datetime
 *       patterns; unset (the default), Spark's CAST parsing is used, which accepts {@code
 *       2018-03-02T10:02:33}, {@code 2018-03-02 10:02:33.123+01:00}, {@code 2018-03-02}, ...
 *   <li>{@code enableDateTimeParsingFallback}: with a pattern set, also try CAST parsing when the
 *       pattern does not match (default false).
 * </ul>
 *
 * <p>Options a parser does not know are ignored, as in Spark, so a source's options ({@code path},
 * {@code maxFilesPerTrigger}, ...) can share the map. Known options with bad values, and Spark
 * options Sluice does not implement ({@code multiLine=true}, a non-US {@code locale}, ...), are
 * rejected when the parser is configured.
 *
 * <p>Rows follow {@link #outputSchema()}: the given schema made nullable at every depth, as Spark's
 * streaming file sources do ({@code spark.sql.streaming.fileSource.schema.forceNullable}). Parsers
 * are immutable and thread-safe.
 *
 * <pre>{@code
 * RowParser parser = JsonRowParser.of(DdlSchema.parse("id STRING, ts TIMESTAMP, _corrupt_record STRING"))
 *     .withOption("mode", "permissive");
 * ParsedLine parsed = parser.parse(TextLine.of("in.json", 1, "{\"id\": \"a\", \"ts\": \"noon\"}"));
 * parsed.rows();   // [Row{id=a, ts=null, _corrupt_record={"id": "a", "ts": "noon"}}]
 * }</pre>
 */
public abstract class RowParser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Spark's default {@code columnNameOfCorruptRecord}. */
  public static final String DEFAULT_CORRUPT_RECORD_COLUMN = "_corrupt_record";

  private final Schema schema;
  private final TreeMap<String, String> options;
  private final Schema outputSchema;
  private final Schema dataSchema;
  private final int corruptIndex;
  private final ParseMode mode;
  private final String corruptColumn;
  private final ZoneId zone;
  private final @Nullable String timestampFormat;
  private final @Nullable String timestampNtzFormat;
  private final @Nullable String dateFormat;
  private final boolean dateTimeFallback;
  private transient @Nullable DateTimeFormatter timestampFormatter;
  private transient @Nullable DateTimeFormatter timestampNtzFormatter;
  private transient @Nullable DateTimeFormatter dateFormatter;

  RowParser(Schema schema, Map<String, String> options) {
    if (schema == null) {
      throw new IllegalArgumentException(
          "A parser needs a schema, e.g. DdlSchema.parse(\"id STRING\")");
    }
    for (Field field : schema.getFields()) {
      try {
        SparkTypes.simpleString(field.getType());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Column '" + field.getName() + "' cannot be read: " + e.getMessage(), e);
      }
    }
    this.schema = schema;
    this.options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    this.options.putAll(options);
    this.mode = ParseMode.fromString(option("mode", "PERMISSIVE"));
    this.corruptColumn = option("columnNameOfCorruptRecord", DEFAULT_CORRUPT_RECORD_COLUMN);
    String zoneName = option("timeZone", "UTC");
    try {
      this.zone = SparkDateTimes.zoneId(zoneName);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "Invalid option timeZone '"
              + zoneName
              + "': use a region id such as 'Europe/Paris', an offset such as '+01:00', or 'UTC'",
          e);
    }
    this.timestampFormat =
        this.options.containsKey("timestampFormat") ? option("timestampFormat", "") : null;
    this.timestampNtzFormat =
        this.options.containsKey("timestampNTZFormat") ? option("timestampNTZFormat", "") : null;
    this.dateFormat = this.options.containsKey("dateFormat") ? option("dateFormat", "") : null;
    this.dateTimeFallback = booleanOption("enableDateTimeParsingFallback", false);
    validatePatterns();
    if (booleanOption("multiLine", false)) {
      throw new IllegalArgumentException(
          "Option multiLine=true is not supported: Sluice parses one record per line. Put each"
              + " record on its own line (JSON Lines), or remove the option.");
    }
    String locale = option("locale", "en-US");
    if (!Locale.forLanguageTag(locale).equals(Locale.US)) {
      throw new IllegalArgumentException(
          "Option locale='" + locale + "' is not supported: Sluice parses with en-US; remove it");
    }

    this.outputSchema = SparkTypes.asNullable(schema);
    this.corruptIndex =
        outputSchema.hasField(corruptColumn) ? outputSchema.indexOf(corruptColumn) : -1;
    if (corruptIndex >= 0) {
      FieldType type = outputSchema.getField(corruptIndex).getType();
      if (type.getTypeName() != Schema.TypeName.STRING) {
        throw new IllegalArgumentException(
            "The corrupt record column '"
                + corruptColumn
                + "' must be STRING but is "
                + SparkTypes.simpleString(type)
                + ": declare it as `"
                + corruptColumn
                + "` STRING, or name another column with option columnNameOfCorruptRecord");
      }
      List<Field> data = new ArrayList<>(outputSchema.getFields());
      data.remove(corruptIndex);
      this.dataSchema = new Schema(data);
    } else {
      this.dataSchema = outputSchema;
    }
  }

  private void validatePatterns() {
    if (timestampFormat != null) {
      SparkDateTimes.formatter(timestampFormat, "timestampFormat");
    }
    if (timestampNtzFormat != null) {
      SparkDateTimes.formatter(timestampNtzFormat, "timestampNTZFormat");
    }
    if (dateFormat != null) {
      SparkDateTimes.formatter(dateFormat, "dateFormat");
    }
  }

  /** The value of an option, or {@code absent}. */
  final String option(String name, String absent) {
    String value = options.get(name);
    return value == null ? absent : value;
  }

  /** A boolean option, {@code true}/{@code false} ignoring case as in Spark. */
  final boolean booleanOption(String name, boolean absent) {
    String value = options.get(name);
    if (value == null) {
      return absent;
    }
    if (value.trim().equalsIgnoreCase("true")) {
      return true;
    } else if (value.trim().equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(
        "Option " + name + " must be true or false, but is '" + value + "'");
  }

  /** The schema the parser was made with. */
  public Schema schema() {
    return schema;
  }

  /** The schema of the rows produced: {@link #schema()} made nullable at every depth. */
  public Schema outputSchema() {
    return outputSchema;
  }

  /** The columns read from the data: the output schema without the corrupt-record column. */
  Schema dataSchema() {
    return dataSchema;
  }

  /** What happens to malformed records. */
  public ParseMode mode() {
    return mode;
  }

  /** The column that receives a malformed record's text in {@code PERMISSIVE} mode. */
  public String columnNameOfCorruptRecord() {
    return corruptColumn;
  }

  /** The options set so far, keys as given. */
  public Map<String, String> options() {
    return Collections.unmodifiableMap(options);
  }

  /**
   * A copy with an option set (Spark's option names, case-insensitive).
   *
   * @throws IllegalArgumentException if the value is invalid for a known option
   */
  public abstract RowParser withOption(String name, String value);

  /** A copy with the given options set. */
  public abstract RowParser withOptions(Map<String, String> options);

  /** A copy with the given parse mode. */
  public abstract RowParser withMode(ParseMode mode);

  /** The options with one more set, for the subclasses' copies. */
  final Map<String, String> plus(String name, String value) {
    if (name == null || value == null) {
      throw new IllegalArgumentException(
          "Option names and values cannot be null (got " + name + " = " + value + ")");
    }
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(options);
    copy.put(name, value);
    return copy;
  }

  final Map<String, String> plus(Map<String, String> more) {
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(options);
    more.forEach(
        (name, value) -> {
          if (name == null || value == null) {
            throw new IllegalArgumentException(
                "Option names and values cannot be null (got " + name + " = " + value + ")");
          }
          copy.put(name, value);
        });
    return copy;
  }

  /**
   * Parses one line read from a file. Throws in {@code FAILFAST} mode; see {@link ParsedLine}.
   *
   * @throws MalformedRecordException in {@code FAILFAST} mode, for a malformed record
   */
  public final ParsedLine parse(TextLine line) {
    return parse(line.text(), line.location(), line.lineNumber());
  }

  /**
   * Parses one record; {@code location} names it in errors (e.g. {@code "input/a.json:3"}). The
   * line is never taken for a CSV header.
   *
   * @throws MalformedRecordException in {@code FAILFAST} mode, for a malformed record
   */
  public final ParsedLine parse(String text, String location) {
    return parse(text, location, 0);
  }

  private ParsedLine parse(String text, String location, long lineNumber) {
    try {
      List<Row> rows = new ArrayList<>();
      for (Object[] values : convert(text, location, lineNumber)) {
        rows.add(row(values, null));
      }
      return ParsedLine.wellFormed(rows);
    } catch (BadRecord bad) {
      switch (mode) {
        case FAILFAST:
          throw new MalformedRecordException(location, bad.getMessage(), text, corruptColumn);
        case DROPMALFORMED:
          return ParsedLine.malformed(List.of(), bad.getMessage());
        default:
          List<Object[]> partial =
              bad.partialRows.isEmpty()
                  ? List.<Object[]>of(new Object[dataSchema.getFieldCount()])
                  : bad.partialRows;
          List<Row> rows = new ArrayList<>();
          for (Object[] values : partial) {
            rows.add(row(values, text));
          }
          return ParsedLine.malformed(rows, bad.getMessage());
      }
    }
  }

  private Row row(Object[] dataValues, @Nullable String corruptText) {
    if (corruptIndex < 0) {
      return Row.withSchema(outputSchema).addValues(Arrays.asList(dataValues)).build();
    }
    List<Object> values = new ArrayList<>(dataValues.length + 1);
    values.addAll(Arrays.asList(dataValues));
    values.add(corruptIndex, corruptText);
    return Row.withSchema(outputSchema).addValues(values).build();
  }

  /**
   * The values of each row in the line, in {@link #dataSchema()} order: none for a line that holds
   * no record (blank, or a CSV header).
   *
   * @throws BadRecord if the line does not fit the schema
   */
  abstract List<Object[]> convert(String text, String location, long lineNumber) throws BadRecord;

  // ---- conversions shared by the formats ------------------------------------------------------

  /** A timestamp from text, by {@code timestampFormat} or Spark's CAST rules. */
  final org.joda.time.Instant timestamp(String text) throws BadValue {
    return new org.joda.time.Instant(instant(text).toEpochMilli());
  }

  /** A timestamp from text as a {@code java.time.Instant} truncated to microseconds. */
  final Instant instant(String text) throws BadValue {
    Instant parsed = null;
    if (timestampFormat != null) {
      try {
        if (timestampFormatter == null) {
          timestampFormatter = SparkDateTimes.formatter(timestampFormat, "timestampFormat");
        }
        parsed = SparkDateTimes.parseTimestamp(text, timestampFormatter, zone);
      } catch (DateTimeException e) {
        if (!dateTimeFallback) {
          throw new BadValue(
              "cannot parse "
                  + quote(text)
                  + " as timestamp with pattern '"
                  + timestampFormat
                  + "'");
        }
      }
    }
    if (parsed == null) {
      parsed = SparkDateTimes.parseTimestamp(text, zone);
    }
    if (parsed == null) {
      throw new BadValue(
          "cannot parse "
              + quote(text)
              + " as timestamp (expected e.g. 2018-03-02T10:02:33, 2018-03-02 10:02:33.5Z or"
              + " 2018-03-02, or set option timestampFormat)");
    }
    return parsed.truncatedTo(ChronoUnit.MICROS);
  }

  /** A timestamp without time zone from text, by {@code timestampNTZFormat} or CAST rules. */
  final LocalDateTime localDateTime(String text) throws BadValue {
    LocalDateTime parsed = null;
    if (timestampNtzFormat != null) {
      try {
        if (timestampNtzFormatter == null) {
          timestampNtzFormatter =
              SparkDateTimes.formatter(timestampNtzFormat, "timestampNTZFormat");
        }
        parsed = SparkDateTimes.parseTimestampNtz(text, timestampNtzFormatter);
      } catch (DateTimeException e) {
        throw new BadValue(
            "cannot parse "
                + quote(text)
                + " as timestamp_ntz with pattern '"
                + timestampNtzFormat
                + "'");
      }
    } else {
      parsed = SparkDateTimes.parseTimestampNtz(text);
    }
    if (parsed == null) {
      throw new BadValue(
          "cannot parse "
              + quote(text)
              + " as timestamp_ntz (expected e.g. 2018-03-02T10:02:33, without a time zone)");
    }
    return parsed.truncatedTo(ChronoUnit.MICROS);
  }

  /** A date from text, by {@code dateFormat} or Spark's CAST rules. */
  final LocalDate date(String text) throws BadValue {
    LocalDate parsed = null;
    if (dateFormat != null) {
      try {
        if (dateFormatter == null) {
          dateFormatter = SparkDateTimes.formatter(dateFormat, "dateFormat");
        }
        parsed = SparkDateTimes.parseDate(text, dateFormatter);
      } catch (DateTimeException e) {
        if (!dateTimeFallback) {
          throw new BadValue(
              "cannot parse " + quote(text) + " as date with pattern '" + dateFormat + "'");
        }
      }
    }
    if (parsed == null) {
      parsed = SparkDateTimes.parseDate(text);
    }
    if (parsed == null) {
      throw new BadValue(
          "cannot parse "
              + quote(text)
              + " as date (expected e.g. 2018-03-02, or set option dateFormat)");
    }
    return parsed;
  }

  /** True if no date pattern is set: Spark then also reads a string of digits as epoch days. */
  final boolean defaultDateParsing() {
    return dateFormat == null || dateTimeFallback;
  }

  /**
   * A decimal rounded (half up) to the type's scale, as Spark's {@code Decimal(value, p, s)}.
   *
   * @throws BadValue if it needs more digits than the type's precision
   */
  static BigDecimal decimal(BigDecimal value, FieldType type) throws BadValue {
    int precision = SparkTypes.decimalPrecision(type);
    int scale = SparkTypes.decimalScale(type);
    if (scale < 0) {
      return value;
    }
    BigDecimal scaled = value.setScale(scale, RoundingMode.HALF_UP);
    if (precision > 0 && scaled.precision() > precision) {
      throw new BadValue(
          "value "
              + value.toPlainString()
              + " does not fit "
              + SparkTypes.simpleString(type)
              + " (at most "
              + (precision - scale)
              + " digits before the decimal point)");
    }
    return scaled;
  }

  /** Spark's decimal parsing of text for the en-US locale: thousands separators are dropped. */
  static BigDecimal decimalText(String text, FieldType type) throws BadValue {
    try {
      return decimal(new BigDecimal(text.replace(",", "")), type);
    } catch (NumberFormatException e) {
      throw new BadValue("cannot parse " + quote(text) + " as " + SparkTypes.simpleString(type));
    }
  }

  static String quote(String text) {
    String shown = text.length() <= 60 ? text : text.substring(0, 57) + "...";
    return "\"" + shown + "\"";
  }

  /** A value that does not convert to its field's type. Cheap: no stack trace. */
  static final class BadValue extends Exception {
    private static final long serialVersionUID = 1L;

    BadValue(String message) {
      super(message, null, false, false);
    }
  }

  /** A record that does not fit the schema, with whatever could be parsed of it. */
  static final class BadRecord extends Exception {
    private static final long serialVersionUID = 1L;
    final List<Object[]> partialRows;

    BadRecord(String message, List<Object[]> partialRows) {
      super(message, null, false, false);
      this.partialRows = partialRows;
    }
  }
}
