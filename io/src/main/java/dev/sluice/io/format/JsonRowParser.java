package dev.sluice.io.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.sluice.io.schema.SparkTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.DateTime;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Parses JSON Lines with Jackson the way Spark's JSON data source (Spark 4.0) reads them.
 *
 * <ul>
 *   <li>Each line is one JSON object; a line holding an array of objects gives one row per object;
 *       a blank line gives none. Anything else on a line (a number, {@code null}) is malformed.
 *   <li>Fields are matched by exact name. Missing fields are null, fields not in the schema are
 *       ignored; if a name repeats, the last value wins. Text after the first value on a line is
 *       ignored, as in Spark.
 *   <li>Types are not coerced from strings: {@code "12"} is not an INT, {@code "true"} is not a
 *       BOOLEAN. Exceptions, as in Spark: {@code "NaN"}, {@code "Infinity"}, {@code "-INF"} ... are
 *       read into FLOAT/DOUBLE, numeric strings into DECIMAL (thousands separators dropped), and
 *       dates and timestamps are read from strings ({@link RowParser}'s {@code timestampFormat},
 *       {@code dateFormat}); a JSON integer in a TIMESTAMP field is seconds since the epoch, and a
 *       string of digits in a DATE field (without {@code dateFormat}) days since the epoch.
 *   <li>A STRING field takes any JSON value: non-strings keep their exact text, so {@code 1.50}
 *       gives {@code "1.50"} and {@code {"a": 1}} gives {@code {"a": 1}} (Spark 4's {@code
 *       spark.sql.json.enableExactStringParsing}).
 *   <li>Integers out of the type's range, numbers with a fraction in an integer field, and the
 *       empty string in a non-string field make the record malformed. BINARY fields read base64
 *       strings.
 *   <li>A malformed record keeps the fields that did convert, with null for the others (Spark's
 *       {@code spark.sql.json.enablePartialResults}, true since 3.4), except when the line is not
 *       valid JSON at all: then every field is null.
 * </ul>
 *
 * <p>Jackson options as in Spark: {@code allowComments} (false), {@code allowUnquotedFieldNames}
 * (false), {@code allowSingleQuotes} (true), {@code allowNumericLeadingZeros} (false), {@code
 * allowNonNumericNumbers} (true), {@code allowBackslashEscapingAnyCharacter} (false), {@code
 * allowUnquotedControlChars} (false). MAP fields need STRING keys, as JSON object keys are strings.
 *
 * <pre>{@code
 * JsonRowParser parser =
 *     JsonRowParser.of(DdlSchema.parse("id STRING, action STRING, ts TIMESTAMP"))
 *         .withMode(ParseMode.DROPMALFORMED);
 * ParsedLine parsed =
 *     parser.parse(TextLine.of("file1.json", 1,
 *         "{\"id\":\"phone1\",\"action\":\"open\",\"ts\":\"2018-03-02T10:02:33\"}"));
 * parsed.rows();   // [Row{id=phone1, action=open, ts=2018-03-02T10:02:33.000Z}]
 * }</pre>
 */
public final class JsonRowParser extends RowParser {
  private static final long serialVersionUID = 1L;

  private static final String[][] FEATURES = {
    {"allowComments", "false"},
    {"allowUnquotedFieldNames", "false"},
    {"allowSingleQuotes", "true"},
    {"allowNumericLeadingZeros", "false"},
    {"allowNonNumericNumbers", "true"},
    {"allowBackslashEscapingAnyCharacter", "false"},
    {"allowUnquotedControlChars", "false"},
  };

  private static final JsonReadFeature[] JACKSON_FEATURES = {
    JsonReadFeature.ALLOW_JAVA_COMMENTS,
    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES,
    JsonReadFeature.ALLOW_SINGLE_QUOTES,
    JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS,
    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
  };

  private final boolean[] features = new boolean[FEATURES.length];
  private final boolean allowNonNumericNumbers;
  private transient @Nullable JsonFactory factory;

  private JsonRowParser(Schema schema, Map<String, String> options) {
    super(schema, options);
    for (int i = 0; i < FEATURES.length; i++) {
      features[i] = booleanOption(FEATURES[i][0], Boolean.parseBoolean(FEATURES[i][1]));
    }
    allowNonNumericNumbers = features[4];
    for (Field field : dataSchema().getFields()) {
      checkMapKeys(field.getName(), field.getType());
    }
  }

  /** A parser for {@code schema} with Spark's default options ({@code PERMISSIVE} mode). */
  public static JsonRowParser of(Schema schema) {
    return new JsonRowParser(schema, Map.of());
  }

  private static void checkMapKeys(String path, FieldType type) {
    switch (type.getTypeName()) {
      case MAP:
        if (type.getMapKeyType().getTypeName() != Schema.TypeName.STRING) {
          throw new IllegalArgumentException(
              "Column '"
                  + path
                  + "' is "
                  + SparkTypes.simpleString(type)
                  + ": JSON object keys are strings, so a map read from JSON needs STRING keys,"
                  + " e.g. MAP<STRING, "
                  + SparkTypes.simpleString(type.getMapValueType()).toUpperCase(Locale.ROOT)
                  + ">");
        }
        checkMapKeys(path, type.getMapValueType());
        break;
      case ARRAY:
      case ITERABLE:
        checkMapKeys(path, type.getCollectionElementType());
        break;
      case ROW:
        for (Field f : type.getRowSchema().getFields()) {
          checkMapKeys(path + "." + f.getName(), f.getType());
        }
        break;
      default:
        break;
    }
  }

  @Override
  public JsonRowParser withOption(String name, String value) {
    return new JsonRowParser(schema(), plus(name, value));
  }

  @Override
  public JsonRowParser withOptions(Map<String, String> options) {
    return new JsonRowParser(schema(), plus(options));
  }

  @Override
  public JsonRowParser withMode(ParseMode mode) {
    return withOption("mode", mode.name());
  }

  JsonFactory factory() {
    if (factory == null) {
      var builder = JsonFactory.builder();
      for (int i = 0; i < JACKSON_FEATURES.length; i++) {
        builder.configure(JACKSON_FEATURES[i], features[i]);
      }
      factory = builder.build();
    }
    return factory;
  }

  @Override
  List<Object[]> convert(String text, String location, long lineNumber) throws BadRecord {
    try (JsonParser p = factory().createParser(text)) {
      JsonToken token = p.nextToken();
      if (token == null) {
        return List.of();
      }
      Schema schema = dataSchema();
      if (token == JsonToken.START_OBJECT) {
        Object[] values = new Object[schema.getFieldCount()];
        String reason = object(p, text, schema, "", values);
        if (reason != null) {
          throw new BadRecord(reason, List.<Object[]>of(values));
        }
        return List.<Object[]>of(values);
      }
      if (token == JsonToken.START_ARRAY) {
        List<Object[]> rows = new ArrayList<>();
        String reason = null;
        int index = 0;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
          if (token != JsonToken.START_OBJECT) {
            throw new BadRecord(
                "a line holding a JSON array gives one row per element, so every element must be"
                    + " an object, but element "
                    + index
                    + " is "
                    + describe(token),
                List.of());
          }
          Object[] values = new Object[schema.getFieldCount()];
          String elementReason = object(p, text, schema, "", values);
          reason = reason == null ? elementReason : reason;
          rows.add(values);
          index++;
        }
        if (reason != null) {
          throw new BadRecord(reason, rows);
        }
        return rows;
      }
      throw new BadRecord(
          "a JSON record must be an object (or an array of objects), but the line holds "
              + describe(token),
          List.of());
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      int marker = message.indexOf(" (start marker at");
      throw new BadRecord(
          "invalid JSON at column "
              + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr())
              + ": "
              + (marker > 0 ? message.substring(0, marker) : message),
          List.of());
    } catch (IOException e) {
      throw new BadRecord("cannot read the line as JSON: " + e.getMessage(), List.of());
    }
  }

  /**
   * Reads the object whose START_OBJECT is the current token into {@code values}, through its
   * END_OBJECT. Fields that do not convert stay null (or partial).
   *
   * @return the first conversion problem, or null if there was none
   */
  private String object(JsonParser p, String text, Schema schema, String path, Object[] values)
      throws IOException {
    String reason = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken token = p.nextToken();
      if (!schema.hasField(name)) {
        p.skipChildren();
        continue;
      }
      int index = schema.indexOf(name);
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      try {
        values[index] = value(p, token, text, schema.getField(index).getType(), fieldPath);
      } catch (BadValue e) {
        values[index] = null;
        reason = reason == null ? e.getMessage() : reason;
      } catch (PartialValue e) {
        values[index] = e.value;
        reason = reason == null ? e.getMessage() : reason;
      }
    }
    return reason;
  }

  /**
   * Converts the value whose first token is {@code token}. On return or on {@link BadValue} the
   * whole value has been consumed.
   */
  private Object value(JsonParser p, JsonToken token, String text, FieldType type, String path)
      throws IOException, BadValue, PartialValue {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    switch (type.getTypeName()) {
      case STRING:
        if (token == JsonToken.VALUE_STRING) {
          return p.getText();
        } else if (token.isStructStart()) {
          int start = (int) p.currentTokenLocation().getCharOffset();
          p.skipChildren();
          int end = (int) p.currentLocation().getCharOffset();
          return text.substring(start, end);
        }
        return p.getText();
      case BOOLEAN:
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
          return token == JsonToken.VALUE_TRUE;
        }
        break;
      case BYTE:
      case INT16:
      case INT32:
      case INT64:
        if (token == JsonToken.VALUE_NUMBER_INT) {
          return integer(p, type, path);
        }
        break;
      case FLOAT:
      case DOUBLE:
        return floating(p, token, type, path);
      case DECIMAL:
        return decimalValue(p, token, type, path);
      case BYTES:
        if (token == JsonToken.VALUE_STRING) {
          try {
            return p.getBinaryValue();
          } catch (JsonProcessingException e) {
            throw new BadValue("field '" + path + "': not valid base64 for binary");
          }
        }
        break;
      case DATETIME:
        if (token == JsonToken.VALUE_NUMBER_INT) {
          try {
            return new org.joda.time.Instant(Math.multiplyExact(p.getLongValue(), 1000L));
          } catch (ArithmeticException | InputCoercionException e) {
            throw new BadValue("field '" + path + "': " + p.getText() + " seconds is out of range");
          }
        } else if (nonEmptyString(token, p)) {
          try {
            return timestamp(p.getText());
          } catch (BadValue e) {
            throw new BadValue("field '" + path + "': " + e.getMessage());
          }
        }
        break;
      case LOGICAL_TYPE:
        return logical(p, token, type, path);
      case ROW:
        if (token == JsonToken.START_OBJECT) {
          Schema schema = type.getRowSchema();
          Object[] values = new Object[schema.getFieldCount()];
          String reason = object(p, text, schema, path, values);
          Row row = Row.withSchema(schema).addValues(values).build();
          if (reason != null) {
            throw new PartialValue(row, reason);
          }
          return row;
        }
        break;
      case ARRAY:
      case ITERABLE:
        if (token == JsonToken.START_ARRAY) {
          return array(p, text, type.getCollectionElementType(), path);
        }
        break;
      case MAP:
        if (token == JsonToken.START_OBJECT) {
          return map(p, text, type.getMapValueType(), path);
        }
        break;
      default:
        break;
    }
    throw mismatch(p, token, type, path);
  }

  private Object logical(JsonParser p, JsonToken token, FieldType type, String path)
      throws IOException, BadValue {
    String id = type.getLogicalType().getIdentifier();
    if (SparkTypes.isDecimal(type)) {
      return decimalValue(p, token, type, path);
    } else if (nonEmptyString(token, p)) {
      String text = p.getText();
      try {
        if (id.equals(Date.IDENTIFIER)) {
          try {
            return date(text);
          } catch (BadValue e) {
            if (!defaultDateParsing()) {
              throw e;
            }
            try {
              // Spark 1.5 wrote dates as days since the epoch; Spark still reads them.
              return java.time.LocalDate.ofEpochDay(Integer.parseInt(text));
            } catch (NumberFormatException notDays) {
              throw e;
            }
          }
        } else if (id.equals(DateTime.IDENTIFIER)) {
          return localDateTime(text);
        } else if (id.equals(MicrosInstant.IDENTIFIER)) {
          return instant(text);
        }
      } catch (BadValue e) {
        throw new BadValue("field '" + path + "': " + e.getMessage());
      } catch (java.time.DateTimeException e) {
        throw new BadValue("field '" + path + "': cannot parse " + quote(text) + " as date");
      }
    }
    throw mismatch(p, token, type, path);
  }

  private static boolean nonEmptyString(JsonToken token, JsonParser p) throws IOException {
    return token == JsonToken.VALUE_STRING && p.getTextLength() > 0;
  }

  private static Object integer(JsonParser p, FieldType type, String path)
      throws IOException, BadValue {
    try {
      switch (type.getTypeName()) {
        case BYTE:
          return p.getByteValue();
        case INT16:
          return p.getShortValue();
        case INT32:
          return p.getIntValue();
        default:
          return p.getLongValue();
      }
    } catch (InputCoercionException e) {
      throw new BadValue(
          "field '"
              + path
              + "': "
              + p.getText()
              + " is out of range for "
              + SparkTypes.simpleString(type));
    }
  }

  private Object floating(JsonParser p, JsonToken token, FieldType type, String path)
      throws IOException, BadValue {
    boolean isFloat = type.getTypeName() == Schema.TypeName.FLOAT;
    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
      return isFloat ? (Object) p.getFloatValue() : (Object) p.getDoubleValue();
    }
    if (nonEmptyString(token, p) && allowNonNumericNumbers) {
      double special;
      switch (p.getText()) {
        case "NaN":
          special = Double.NaN;
          break;
        case "+INF":
        case "+Infinity":
        case "Infinity":
          special = Double.POSITIVE_INFINITY;
          break;
        case "-INF":
        case "-Infinity":
          special = Double.NEGATIVE_INFINITY;
          break;
        default:
          throw mismatch(p, token, type, path);
      }
      return isFloat ? (Object) (float) special : (Object) special;
    }
    throw mismatch(p, token, type, path);
  }

  private static Object decimalValue(JsonParser p, JsonToken token, FieldType type, String path)
      throws IOException, BadValue {
    try {
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        return decimal(p.getDecimalValue(), type);
      } else if (nonEmptyString(token, p)) {
        return decimalText(p.getText(), type);
      }
    } catch (NumberFormatException e) {
      throw new BadValue(
          "field '" + path + "': " + p.getText() + " is not a " + SparkTypes.simpleString(type));
    } catch (BadValue e) {
      throw new BadValue("field '" + path + "': " + e.getMessage());
    }
    throw mismatch(p, token, type, path);
  }

  private List<Object> array(JsonParser p, String text, FieldType element, String path)
      throws IOException, BadValue, PartialValue {
    List<Object> values = new ArrayList<>();
    String reason = null;
    BadValue bad = null;
    JsonToken token;
    while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
      String elementPath = path + "[" + values.size() + "]";
      try {
        values.add(value(p, token, text, element, elementPath));
      } catch (PartialValue e) {
        values.add(e.value);
        reason = reason == null ? e.getMessage() : reason;
      } catch (BadValue e) {
        // As in Spark, an element that does not convert voids the whole array; read on to its end.
        bad = bad == null ? e : bad;
        values.add(null);
      }
    }
    if (bad != null) {
      throw bad;
    }
    if (reason != null) {
      throw new PartialValue(values, reason);
    }
    return values;
  }

  private Map<String, Object> map(JsonParser p, String text, FieldType valueType, String path)
      throws IOException, BadValue, PartialValue {
    Map<String, Object> values = new LinkedHashMap<>();
    String reason = null;
    BadValue bad = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken token = p.nextToken();
      try {
        values.put(key, value(p, token, text, valueType, path + "[" + key + "]"));
      } catch (PartialValue e) {
        values.put(key, e.value);
        reason = reason == null ? e.getMessage() : reason;
      } catch (BadValue e) {
        bad = bad == null ? e : bad;
      }
    }
    if (bad != null) {
      throw bad;
    }
    if (reason != null) {
      throw new PartialValue(values, reason);
    }
    return values;
  }

  /** A conversion failure; skips the rest of a mismatched object or array first. */
  private static BadValue mismatch(JsonParser p, JsonToken token, FieldType type, String path)
      throws IOException {
    String found = describe(token);
    if (token == JsonToken.VALUE_STRING) {
      found = p.getTextLength() == 0 ? "an empty string" : "the string " + quote(p.getText());
    } else if (token.isScalarValue()) {
      found = describe(token) + " " + p.getText();
    }
    if (token.isStructStart()) {
      p.skipChildren();
    }
    return new BadValue(
        "field '" + path + "': cannot convert " + found + " to " + SparkTypes.simpleString(type));
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "the number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "the boolean";
      case VALUE_NULL:
        return "null";
      default:
        return token.name();
    }
  }

  /** A nested value parsed in part: some of its fields or elements did not convert. */
  private static final class PartialValue extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Object value;

    PartialValue(Object value, String reason) {
      super(reason, null, false, false);
      this.value = value;
    }
  }
}
