package dev.sluice.io.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Infers the schema of JSON Lines records as Spark's JSON data source does ({@code
 * spark.read.json(path)} without a schema).
 *
 * <ul>
 *   <li>Numbers: integers are {@code bigint} (beyond a long: {@code decimal(n,0)}, or {@code
 *       double} past 38 digits), others {@code double}; with {@code prefersDecimal=true} decimals
 *       that fit (also from strings). Booleans are {@code boolean}; strings are {@code string}
 *       (with {@code inferTimestamp=true}, {@code timestamp} when every value parses as one by
 *       {@code timestampFormat} or Spark's CAST rules); {@code primitivesAsString=true} makes every
 *       value a string.
 *   <li>Objects are structs with their fields sorted by name; arrays are arrays of the merged type
 *       of their elements; {@code null}, {@code ""} and {@code []} elements say nothing.
 *   <li>Merging the records' types widens as Spark: {@code bigint} → {@code decimal} → {@code
 *       double}, structs field by field, arrays by element; any other conflict is {@code string}.
 *   <li>A column never seen with a value is {@code string}; empty structs are dropped ({@code
 *       dropFieldIfAllNull=true} drops null-only columns too).
 *   <li>A line that is not valid JSON (or a top-level value that is not an object) adds the {@code
 *       columnNameOfCorruptRecord} column in {@code PERMISSIVE} mode, is ignored in {@code
 *       DROPMALFORMED}, and fails in {@code FAILFAST}.
 *   <li>{@code samplingRatio} (default 1.0) reads that fraction of the records, picked with a fixed
 *       seed.
 * </ul>
 *
 * <pre>{@code
 * Schema schema = JsonSchemaInference.infer(
 *     List.of("{\"id\": 1, \"tags\": [\"a\"]}", "{\"id\": 2.5, \"user\": {\"name\": \"x\"}}"),
 *     Map.of());
 * // id DOUBLE, tags ARRAY<STRING>, user STRUCT<name: STRING>
 * }</pre>
 */
public final class JsonSchemaInference {
  private final JsonRowParser parser;
  private final ParseMode mode;
  private final String corruptColumn;
  private final boolean primitivesAsString;
  private final boolean prefersDecimal;
  private final boolean inferTimestamp;
  private final boolean dropFieldIfAllNull;

  private JsonSchemaInference(Map<String, String> given) {
    Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    options.putAll(given);
    this.parser =
        JsonRowParser.of(Schema.builder().addNullableField("v", Schema.FieldType.STRING).build())
            .withOptions(options);
    this.mode = parser.mode();
    this.corruptColumn = parser.columnNameOfCorruptRecord();
    this.primitivesAsString = parser.booleanOption("primitivesAsString", false);
    this.prefersDecimal = parser.booleanOption("prefersDecimal", false);
    this.inferTimestamp = parser.booleanOption("inferTimestamp", false);
    this.dropFieldIfAllNull = parser.booleanOption("dropFieldIfAllNull", false);
  }

  /**
   * The schema Spark infers for {@code records} (one JSON text each) with the given JSON options.
   *
   * @throws IllegalArgumentException for invalid options, or a malformed record in {@code FAILFAST}
   *     mode
   */
  public static Schema infer(Iterable<String> records, Map<String, String> options) {
    JsonSchemaInference inference = new JsonSchemaInference(options);
    Sampling sampling = Sampling.of(options);
    InferredType root = InferredType.NULL;
    for (String record : records) {
      if (sampling.take()) {
        InferredType type = inference.record(record);
        if (type != null) {
          root = inference.mergeRoot(root, type);
        }
      }
    }
    if (root.kind != InferredType.Kind.STRUCT) {
      return Schema.builder().build();
    }
    return inference.canonical(root).toSchema();
  }

  /** The type of one record; null for a malformed one dropped. */
  private InferredType record(String text) {
    try (JsonParser p = parser.factory().createParser(text)) {
      JsonToken token = p.nextToken();
      InferredType type = field(p, token);
      if (p.nextToken() != null) {
        return malformed(text, "text after the JSON value");
      }
      return type;
    } catch (JsonProcessingException e) {
      return malformed(text, e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private InferredType malformed(String text, String reason) {
    switch (mode) {
      case FAILFAST:
        throw new IllegalArgumentException(
            "Malformed records are detected in schema inference. Parse Mode: FAILFAST. Reasons: "
                + reason
                + " in record: "
                + (text.length() > 200 ? text.substring(0, 200) + "..." : text)
                + ". Fix the record, or read with mode PERMISSIVE or DROPMALFORMED");
      case DROPMALFORMED:
        return null;
      default:
        Map<String, InferredType> corrupt = new LinkedHashMap<>();
        corrupt.put(corruptColumn, InferredType.STRING);
        return InferredType.struct(corrupt);
    }
  }

  private InferredType field(JsonParser p, JsonToken token) throws IOException {
    if (token == null || token == JsonToken.VALUE_NULL) {
      return InferredType.NULL;
    }
    switch (token) {
      case FIELD_NAME:
        return field(p, p.nextToken());
      case VALUE_STRING:
        return string(p.getText());
      case START_OBJECT:
        Map<String, InferredType> fields = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          InferredType value = field(p, p.nextToken());
          fields.merge(name, value, this::compatible);
        }
        return InferredType.struct(fields);
      case START_ARRAY:
        InferredType element = InferredType.NULL;
        JsonToken next;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
          element = compatible(element, field(p, next));
        }
        return InferredType.array(element);
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return primitivesAsString ? InferredType.STRING : number(p);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return primitivesAsString ? InferredType.STRING : InferredType.BOOLEAN;
      default:
        return InferredType.STRING;
    }
  }

  private InferredType string(String text) {
    if (text.isEmpty()) {
      return InferredType.NULL;
    }
    if (prefersDecimal) {
      try {
        BigDecimal d = new BigDecimal(text);
        if (d.scale() >= 0 && d.precision() <= 38 && d.scale() <= d.precision()) {
          return InferredType.decimal(d.precision(), d.scale());
        }
      } catch (NumberFormatException e) {
        // not a decimal
      }
    }
    if (inferTimestamp) {
      try {
        parser.instant(text);
        return InferredType.TIMESTAMP;
      } catch (RowParser.BadValue e) {
        return InferredType.STRING;
      }
    }
    return InferredType.STRING;
  }

  private InferredType number(JsonParser p) throws IOException {
    switch (p.getNumberType()) {
      case INT:
      case LONG:
        return InferredType.LONG;
      case BIG_INTEGER:
      case BIG_DECIMAL:
        return decimalOrDouble(p.getDecimalValue());
      default:
        if (prefersDecimal && !p.getText().matches("(?i).*(nan|inf).*")) {
          return decimalOrDouble(p.getDecimalValue());
        }
        return InferredType.DOUBLE;
    }
  }

  private static InferredType decimalOrDouble(BigDecimal v) {
    int precision = Math.max(v.precision(), v.scale());
    if (precision <= 38 && v.scale() >= 0) {
      return InferredType.decimal(precision, v.scale());
    }
    return InferredType.DOUBLE;
  }

  /** Spark's {@code compatibleType} for JSON. */
  InferredType compatible(InferredType a, InferredType b) {
    InferredType tightest = InferredType.tightest(a, b);
    if (tightest != null) {
      return tightest;
    }
    InferredType number = InferredType.widerNumber(a, b);
    if (number != null) {
      return number;
    }
    if (a.kind == InferredType.Kind.STRUCT && b.kind == InferredType.Kind.STRUCT) {
      Map<String, InferredType> merged = new TreeMap<>(a.fields);
      b.fields.forEach((name, type) -> merged.merge(name, type, this::compatible));
      return InferredType.struct(merged);
    }
    if (a.kind == InferredType.Kind.ARRAY && b.kind == InferredType.Kind.ARRAY) {
      return InferredType.array(compatible(a.element, b.element));
    }
    return InferredType.STRING;
  }

  /** Spark's {@code compatibleRootType}: top-level arrays are rows, other values corrupt. */
  private InferredType mergeRoot(InferredType a, InferredType b) {
    if (a.kind == InferredType.Kind.ARRAY) {
      return mergeRoot(a.element, b);
    }
    if (b.kind == InferredType.Kind.ARRAY) {
      return mergeRoot(a, b.element);
    }
    if (a.kind == InferredType.Kind.STRUCT && b.kind == InferredType.Kind.NULL) {
      return a;
    }
    if (b.kind == InferredType.Kind.STRUCT && a.kind == InferredType.Kind.NULL) {
      return b;
    }
    if (a.kind == InferredType.Kind.STRUCT && b.kind != InferredType.Kind.STRUCT) {
      return withCorruptField(a);
    }
    if (b.kind == InferredType.Kind.STRUCT && a.kind != InferredType.Kind.STRUCT) {
      return withCorruptField(b);
    }
    return compatible(a, b);
  }

  private InferredType withCorruptField(InferredType struct) {
    switch (mode) {
      case FAILFAST:
        throw new IllegalArgumentException(
            "Malformed records are detected in schema inference. Parse Mode: FAILFAST. Reasons:"
                + " a JSON record is not an object. Fix the record, or read with mode PERMISSIVE or"
                + " DROPMALFORMED");
      case DROPMALFORMED:
        return struct;
      default:
        Map<String, InferredType> fields = new TreeMap<>(struct.fields);
        fields.putIfAbsent(corruptColumn, InferredType.STRING);
        return InferredType.struct(fields);
    }
  }

  /** With {@code dropFieldIfAllNull}, null-only fields (and structs left empty) are removed. */
  private InferredType canonical(InferredType type) {
    if (!dropFieldIfAllNull) {
      return type;
    }
    switch (type.kind) {
      case STRUCT:
        Map<String, InferredType> kept = new TreeMap<>();
        type.fields.forEach(
            (name, t) -> {
              InferredType c = canonical(t);
              if (c != null && c.kind != InferredType.Kind.NULL) {
                kept.put(name, c);
              }
            });
        return InferredType.struct(kept);
      case ARRAY:
        return InferredType.array(canonical(type.element));
      default:
        return type;
    }
  }
}
