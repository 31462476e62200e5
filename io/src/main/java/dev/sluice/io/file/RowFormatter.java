package dev.sluice.io.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.io.schema.SparkTypes;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.DateTime;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Writes rows as lines of JSON, CSV or text the way Spark's file sinks write them, with Spark's
 * write options: {@code timeZone} (default UTC), {@code timestampFormat} (default {@code
 * yyyy-MM-dd'T'HH:mm:ss.SSSXXX}), {@code timestampNTZFormat} ({@code yyyy-MM-dd'T'HH:mm:ss.SSS}),
 * {@code dateFormat} ({@code yyyy-MM-dd}); for CSV {@code header} (false) and {@code sep} (",").
 */
final class RowFormatter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final JsonFactory JSON = new JsonFactory();

  private final FileFormat format;
  private final String timestampPattern;
  private final String timestampNtzPattern;
  private final String datePattern;
  private final String zone;
  final boolean header;
  private final String sep;
  private transient DateTimeFormatter timestamp;
  private transient DateTimeFormatter timestampNtz;
  private transient DateTimeFormatter date;

  RowFormatter(FileFormat format, Map<String, String> given) {
    Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    options.putAll(given);
    this.format = format;
    this.timestampPattern = options.getOrDefault("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    this.timestampNtzPattern =
        options.getOrDefault("timestampNTZFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
    this.datePattern = options.getOrDefault("dateFormat", "yyyy-MM-dd");
    this.zone = options.getOrDefault("timeZone", "UTC");
    String headerOption = options.getOrDefault("header", "false").trim();
    if (!headerOption.equalsIgnoreCase("true") && !headerOption.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException(
          "Option header must be true or false, but is '" + headerOption + "'");
    }
    this.header = Boolean.parseBoolean(headerOption.toLowerCase(Locale.ROOT));
    this.sep = options.getOrDefault("sep", options.getOrDefault("delimiter", ","));
    if (sep.isEmpty()) {
      throw new IllegalArgumentException("Option sep cannot be empty; use e.g. ',' or ';'");
    }
    formatters(); // validates the patterns and the zone now
  }

  private void formatters() {
    if (timestamp == null) {
      ZoneId z;
      try {
        z = ZoneId.of(zone);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "Invalid option timeZone '" + zone + "': use e.g. 'UTC' or 'Europe/Paris'", e);
      }
      timestamp = pattern(timestampPattern, "timestampFormat").withZone(z);
      timestampNtz = pattern(timestampNtzPattern, "timestampNTZFormat");
      date = pattern(datePattern, "dateFormat");
    }
  }

  private static DateTimeFormatter pattern(String pattern, String option) {
    try {
      return DateTimeFormatter.ofPattern(pattern, Locale.US);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Invalid option " + option + " '" + pattern + "': " + e.getMessage(), e);
    }
  }

  /** Rejects a schema the format cannot write, naming the column and what to do. */
  void check(Schema schema) {
    if (format == FileFormat.TEXT) {
      if (schema.getFieldCount() != 1
          || schema.getField(0).getType().getTypeName() != Schema.TypeName.STRING) {
        throw new IllegalArgumentException(
            "The text file sink writes exactly one STRING column, but the rows are "
                + SparkTypes.simpleString(schema)
                + ": select one string column (e.g. concatenate the columns), or write json or"
                + " csv");
      }
    } else if (format == FileFormat.CSV) {
      for (Schema.Field field : schema.getFields()) {
        switch (field.getType().getTypeName()) {
          case ROW:
          case ARRAY:
          case ITERABLE:
          case MAP:
            throw new IllegalArgumentException(
                "The csv file sink cannot write column '"
                    + field.getName()
                    + "' of type "
                    + SparkTypes.simpleString(field.getType())
                    + " (CSV holds flat values only): flatten it, e.g. select its fields, or write"
                    + " json");
          default:
        }
      }
    }
  }

  /** The header line of a CSV file; null if none is written. */
  String headerLine(Schema schema) {
    if (format != FileFormat.CSV || !header) {
      return null;
    }
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      line.append(i == 0 ? "" : sep).append(csvCell(schema.getField(i).getName()));
    }
    return line.toString();
  }

  /** One row as one line, without its terminator. */
  String line(Row row) {
    formatters();
    switch (format) {
      case JSON:
        return json(row);
      case CSV:
        return csv(row);
      default:
        Object value = row.getValue(0);
        return value == null ? "" : value.toString();
    }
  }

  private String json(Row row) {
    StringWriter out = new StringWriter();
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      writeRow(gen, row, row.getSchema());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private void writeRow(JsonGenerator gen, Row row, Schema schema) throws IOException {
    gen.writeStartObject();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      Object value = row.getValue(i);
      if (value != null) {
        gen.writeFieldName(schema.getField(i).getName());
        writeValue(gen, value, schema.getField(i).getType());
      }
    }
    gen.writeEndObject();
  }

  private void writeValue(JsonGenerator gen, Object value, FieldType type) throws IOException {
    if (value == null) {
      gen.writeNull();
      return;
    }
    switch (type.getTypeName()) {
      case BYTE:
      case INT16:
      case INT32:
        gen.writeNumber(((Number) value).intValue());
        return;
      case INT64:
        gen.writeNumber((Long) value);
        return;
      case FLOAT:
        gen.writeNumber((Float) value);
        return;
      case DOUBLE:
        gen.writeNumber((Double) value);
        return;
      case DECIMAL:
        gen.writeNumber((BigDecimal) value);
        return;
      case BOOLEAN:
        gen.writeBoolean((Boolean) value);
        return;
      case BYTES:
        gen.writeString(Base64.getEncoder().encodeToString((byte[]) value));
        return;
      case ARRAY:
      case ITERABLE:
        gen.writeStartArray();
        for (Object element : (Iterable<?>) value) {
          writeValue(gen, element, type.getCollectionElementType());
        }
        gen.writeEndArray();
        return;
      case MAP:
        gen.writeStartObject();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          gen.writeFieldName(scalar(entry.getKey(), type.getMapKeyType()));
          writeValue(gen, entry.getValue(), type.getMapValueType());
        }
        gen.writeEndObject();
        return;
      case ROW:
        writeRow(gen, (Row) value, type.getRowSchema());
        return;
      case LOGICAL_TYPE:
        if (SparkTypes.isDecimal(type)) {
          gen.writeNumber((BigDecimal) value);
          return;
        }
        gen.writeString(scalar(value, type));
        return;
      default:
        gen.writeString(scalar(value, type));
    }
  }

  /** A flat value as text: timestamps and dates by the patterns, decimals in plain notation. */
  private String scalar(Object value, FieldType type) {
    switch (type.getTypeName()) {
      case DATETIME:
        return timestamp.format(
            java.time.Instant.ofEpochMilli(((ReadableInstant) value).getMillis()));
      case DECIMAL:
        return ((BigDecimal) value).toPlainString();
      case BYTES:
        return Base64.getEncoder().encodeToString((byte[]) value);
      case LOGICAL_TYPE:
        String id = type.getLogicalType().getIdentifier();
        if (id.equals(Date.IDENTIFIER)) {
          return date.format((LocalDate) value);
        } else if (id.equals(DateTime.IDENTIFIER)) {
          return timestampNtz.format((LocalDateTime) value);
        } else if (id.equals(MicrosInstant.IDENTIFIER)) {
          return timestamp.format((java.time.Instant) value);
        } else if (value instanceof BigDecimal) {
          return ((BigDecimal) value).toPlainString();
        }
        return String.valueOf(value);
      default:
        return String.valueOf(value);
    }
  }

  private String csv(Row row) {
    Schema schema = row.getSchema();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      line.append(i == 0 ? "" : sep);
      Object value = row.getValue(i);
      if (value != null) {
        FieldType type = schema.getField(i).getType();
        boolean text = type.getTypeName() == Schema.TypeName.STRING;
        line.append(text ? csvCell((String) value) : scalar(value, type));
      }
    }
    return line.toString();
  }

  /**
   * A string cell: quoted when empty (so it differs from null), or when it holds the separator, a
   * quote, a backslash, a line break or leading/trailing spaces; quotes and backslashes inside are
   * escaped with a backslash, as Spark's default {@code escape}.
   */
  private String csvCell(String value) {
    boolean quote =
        value.isEmpty()
            || value.contains(sep)
            || value.indexOf('"') >= 0
            || value.indexOf('\\') >= 0
            || value.indexOf('\n') >= 0
            || value.indexOf('\r') >= 0
            || Character.isWhitespace(value.charAt(0))
            || Character.isWhitespace(value.charAt(value.length() - 1));
    if (!quote) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
