package dev.sluice.io.format;

import dev.sluice.io.schema.SparkTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Infers the schema of CSV lines as Spark's CSV data source does ({@code spark.read.csv(path)}
 * without a schema).
 *
 * <ul>
 *   <li>Columns: the first record (the first line that is not blank or a comment) gives their
 *       number; with {@code header=true} also their names (empty ones {@code _c<i>}, duplicates
 *       suffixed with their position), else {@code _c0, _c1, ...}. Lines equal to the header line
 *       are skipped.
 *   <li>Without {@code inferSchema=true} every column is {@code string}.
 *   <li>With it, each column takes the narrowest type all its values parse as, in Spark's order:
 *       {@code int}, {@code bigint}, {@code decimal(n,0)} (integers beyond a long), {@code double}
 *       (also {@code nanValue}/{@code positiveInf}/{@code negativeInf}), {@code date} ({@code
 *       preferDate}, default true: values of {@code dateFormat}, default {@code yyyy-MM-dd}),
 *       {@code timestamp} ({@code timestampFormat}, or Spark's CAST rules when unset), {@code
 *       boolean}, else {@code string}. Empty values and {@code nullValue} say nothing; a column
 *       with no value is {@code string}. Mixed dates and timestamps are {@code timestamp} ({@code
 *       string} when {@code timestampFormat} is set).
 *   <li>{@code samplingRatio} (default 1.0) reads that fraction of the lines, picked with a fixed
 *       seed.
 * </ul>
 *
 * <pre>{@code
 * Schema schema = CsvSchemaInference.infer(
 *     List.of("name,age,joined", "Ann,42,2024-05-01", "Bob,,2024-05-02"),
 *     Map.of("header", "true", "inferSchema", "true"));
 * // name STRING, age INT, joined DATE
 * }</pre>
 */
public final class CsvSchemaInference {
  private final CsvRowParser parser;
  private final boolean header;
  private final boolean inferSchema;
  private final boolean preferDate;
  private final boolean timestampFormatSet;
  @Nullable private final DateTimeFormatter dateFormat;

  private CsvSchemaInference(Map<String, String> given) {
    Map<String, String> options = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    options.putAll(given);
    this.inferSchema = bool(options.remove("inferSchema"), "inferSchema", false);
    this.preferDate = bool(options.remove("preferDate"), "preferDate", true);
    options.remove("samplingRatio");
    this.parser =
        CsvRowParser.of(Schema.builder().addNullableField("v", Schema.FieldType.STRING).build())
            .withOptions(options);
    this.header = parser.booleanOption("header", false);
    this.timestampFormatSet = options.containsKey("timestampFormat");
    String date = options.get("dateFormat");
    this.dateFormat = date == null ? null : SparkDateTimes.formatter(date, "dateFormat");
  }

  /** The options a CSV parser takes after inference: without the inference-only ones. */
  public static Map<String, String> parserOptions(Map<String, String> options) {
    Map<String, String> out = new HashMap<>();
    options.forEach(
        (k, v) -> {
          String name = k.toLowerCase(Locale.ROOT);
          if (!name.equals("inferschema")
              && !name.equals("samplingratio")
              && !name.equals("preferdate")) {
            out.put(k, v);
          }
        });
    return out;
  }

  /**
   * The schema Spark infers for CSV {@code lines} (every line of every file, in order).
   *
   * @throws IllegalArgumentException for invalid options
   */
  public static Schema infer(Iterable<String> lines, Map<String, String> options) {
    CsvSchemaInference inference = new CsvSchemaInference(options);
    Sampling sampling = Sampling.of(options);
    String firstLine = null;
    List<String> first = null;
    InferredType[] types = null;
    for (String line : lines) {
      List<String> tokens;
      try {
        tokens = inference.parser.record(line);
      } catch (RowParser.BadRecord e) {
        continue; // a line the tokenizer rejects says nothing about the types
      }
      if (tokens == null) {
        continue;
      }
      if (first == null) {
        first = tokens;
        firstLine = line;
        types = new InferredType[tokens.size()];
        java.util.Arrays.fill(types, InferredType.NULL);
        if (inference.header) {
          continue;
        }
      } else if (inference.header && line.equals(firstLine)) {
        continue;
      }
      if (inference.inferSchema && sampling.take()) {
        for (int i = 0; i < Math.min(types.length, tokens.size()); i++) {
          types[i] = inference.field(types[i], tokens.get(i));
        }
      }
    }
    Schema.Builder schema = Schema.builder();
    if (first == null) {
      return schema.build();
    }
    List<String> names = inference.names(first);
    for (int i = 0; i < names.size(); i++) {
      schema.addField(names.get(i), types[i].toBeam());
    }
    return schema.build();
  }

  /** Spark's {@code makeSafeHeader}. */
  private List<String> names(List<String> first) {
    List<String> names = new ArrayList<>();
    if (!header) {
      for (int i = 0; i < first.size(); i++) {
        names.add("_c" + i);
      }
      return names;
    }
    Set<String> seen = new HashSet<>();
    Set<String> duplicates = new HashSet<>();
    for (String name : first) {
      if (name != null && !seen.add(name.toLowerCase(Locale.ROOT))) {
        duplicates.add(name.toLowerCase(Locale.ROOT));
      }
    }
    for (int i = 0; i < first.size(); i++) {
      String value = first.get(i);
      if (value == null || value.isEmpty() || value.equals(parser.nullValue())) {
        names.add("_c" + i);
      } else if (duplicates.contains(value.toLowerCase(Locale.ROOT))) {
        names.add(value + i);
      } else {
        names.add(value);
      }
    }
    return names;
  }

  /** Spark's {@code inferField}: the type so far, widened by one value. */
  private InferredType field(InferredType soFar, @Nullable String value) {
    if (value == null || value.isEmpty() || value.equals(parser.nullValue())) {
      return soFar;
    }
    InferredType next;
    switch (soFar.kind) {
      case NULL:
      case INT:
        next = tryInt(value);
        break;
      case LONG:
        next = tryLong(value);
        break;
      case DECIMAL:
        next = tryDecimal(value);
        break;
      case DOUBLE:
        next = tryDouble(value);
        break;
      case DATE:
        next = tryDateTime(value);
        break;
      case TIMESTAMP:
        next = tryTimestamp(value);
        break;
      case BOOLEAN:
        next = tryBoolean(value);
        break;
      default:
        next = InferredType.STRING;
    }
    InferredType merged = compatible(soFar, next);
    return merged == null ? InferredType.STRING : merged;
  }

  private InferredType tryInt(String v) {
    try {
      Integer.parseInt(v);
      return InferredType.INT;
    } catch (NumberFormatException e) {
      return tryLong(v);
    }
  }

  private InferredType tryLong(String v) {
    try {
      Long.parseLong(v);
      return InferredType.LONG;
    } catch (NumberFormatException e) {
      return tryDecimal(v);
    }
  }

  private InferredType tryDecimal(String v) {
    try {
      BigDecimal d = new BigDecimal(v.replace(",", ""));
      if (d.scale() == 0 && d.precision() <= SparkTypes.MAX_DECIMAL_PRECISION) {
        return InferredType.decimal(d.precision(), 0);
      }
    } catch (NumberFormatException e) {
      // not a decimal
    }
    return tryDouble(v);
  }

  private InferredType tryDouble(String v) {
    try {
      Double.parseDouble(v);
      return InferredType.DOUBLE;
    } catch (NumberFormatException e) {
      if (parser.isInfOrNan(v)) {
        return InferredType.DOUBLE;
      }
    }
    return preferDate ? tryDateTime(v) : tryTimestamp(v);
  }

  private InferredType tryDateTime(String v) {
    return isDate(v) ? InferredType.DATE : tryTimestamp(v);
  }

  private boolean isDate(String v) {
    try {
      if (dateFormat != null) {
        SparkDateTimes.parseDate(v, dateFormat);
        return true;
      }
      if (!v.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return false;
      }
      LocalDate.parse(v);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private InferredType tryTimestamp(String v) {
    try {
      parser.instant(v);
      return InferredType.TIMESTAMP;
    } catch (RowParser.BadValue e) {
      return tryBoolean(v);
    }
  }

  private static InferredType tryBoolean(String v) {
    return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")
        ? InferredType.BOOLEAN
        : InferredType.STRING;
  }

  /** Spark's {@code compatibleType} for CSV; null where Spark finds none. */
  @Nullable
  private InferredType compatible(InferredType a, InferredType b) {
    if ((a.kind == InferredType.Kind.DATE && b.kind == InferredType.Kind.TIMESTAMP)
        || (a.kind == InferredType.Kind.TIMESTAMP && b.kind == InferredType.Kind.DATE)) {
      return timestampFormatSet ? InferredType.STRING : InferredType.TIMESTAMP;
    }
    InferredType tightest = InferredType.tightest(a, b);
    if (tightest != null) {
      return tightest;
    }
    if (a.kind == InferredType.Kind.STRING || b.kind == InferredType.Kind.STRING) {
      return InferredType.STRING;
    }
    InferredType number = InferredType.widerNumber(a, b);
    if (number != null) {
      return number;
    }
    return null;
  }

  private static boolean bool(@Nullable String value, String name, boolean absent) {
    if (value == null) {
      return absent;
    }
    if (value.trim().equalsIgnoreCase("true") || value.trim().equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value.trim());
    }
    throw new IllegalArgumentException(
        "Option " + name + " must be true or false, but is '" + value + "'");
  }
}
