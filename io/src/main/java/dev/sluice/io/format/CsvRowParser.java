package dev.sluice.io.format;

import dev.sluice.io.schema.SparkTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.Date;
import org.apache.beam.sdk.schemas.logicaltypes.DateTime;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses CSV lines with Apache Commons CSV the way Spark's CSV data source reads them.
 *
 * <ul>
 *   <li>Columns are taken by position. A line with fewer or more values than the schema is
 *       malformed; in {@code PERMISSIVE} mode its row keeps the values there are (missing ones
 *       null, extra ones dropped).
 *   <li>A value equal to {@code nullValue} is null. An empty unquoted value counts as {@code
 *       nullValue}, an empty quoted value ({@code ""}) as {@code emptyValue}; both default to the
 *       empty string, so with the defaults both are null, as in Spark.
 *   <li>Values convert as Spark converts them: {@code Integer.parseInt}-style integers, {@code
 *       true}/{@code false} in any case, {@code nanValue}/{@code positiveInf}/{@code negativeInf}
 *       ({@code NaN}, {@code Inf}, {@code -Inf}) for FLOAT/DOUBLE, decimals with thousands
 *       separators dropped, dates and timestamps as described in {@link RowParser}, BINARY as the
 *       text's UTF-8 bytes. At the first value that does not convert, the record is malformed and
 *       it and the later values are null.
 *   <li>Blank lines, and lines starting with the {@code comment} character, hold no record. With
 *       {@code header=true}, line 1 of each file is the header and is skipped; by default ({@code
 *       enforceSchema=true}) its names are not checked (a mismatch is logged); with {@code
 *       enforceSchema=false} they must equal the schema's column names, ignoring case.
 * </ul>
 *
 * <p>Options: {@code header} (false), {@code sep} or {@code delimiter} (",", may be several
 * characters; {@code \t} for a tab), {@code quote} ("\"", empty for none), {@code escape} ("\\",
 * empty for none), {@code comment} (none), {@code nullValue}, {@code emptyValue}, {@code nanValue},
 * {@code positiveInf}, {@code negativeInf}, {@code enforceSchema}, plus the shared ones in {@link
 * RowParser}. Not supported, and rejected: {@code inferSchema=true} (give a schema), {@code
 * ignoreLeadingWhiteSpace}/{@code ignoreTrailingWhiteSpace=true}, {@code
 * charToEscapeQuoteEscaping}, {@code unescapedQuoteHandling}. Nested types (ARRAY, MAP, STRUCT)
 * cannot be read from CSV, as in Spark.
 *
 * <p>Where Commons CSV differs from Spark's parser (univocity): the escape character also works
 * outside quotes and decodes {@code \t}, {@code \n}, {@code \r} ({@code a\,b} is one value {@code
 * a,b}; Spark keeps backslashes outside quotes); a line with an unclosed quote or text after a
 * closing quote is malformed. Set {@code escape} to the empty string to keep backslashes as they
 * are.
 *
 * <pre>{@code
 * CsvRowParser parser =
 *     CsvRowParser.of(DdlSchema.parse("name STRING, age INT"))
 *         .withOption("header", "true")
 *         .withMode(ParseMode.DROPMALFORMED);
 * parser.parse(TextLine.of("people.csv", 1, "name,age")).rows();   // [] (header)
 * parser.parse(TextLine.of("people.csv", 2, "Ann,42")).rows();     // [Row{name=Ann, age=42}]
 * parser.parse(TextLine.of("people.csv", 3, "Bob,old")).rows();    // [] (malformed, dropped)
 * }</pre>
 */
public final class CsvRowParser extends RowParser {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(CsvRowParser.class);

  private final boolean header;
  private final boolean enforceSchema;
  private final String delimiter;
  private final @Nullable Character quote;
  private final @Nullable Character escape;
  private final @Nullable Character comment;
  private final String nullValue;
  private final String emptyValue;
  private final String nanValue;
  private final String positiveInf;
  private final String negativeInf;
  private transient @Nullable CSVFormat format;

  private CsvRowParser(Schema schema, Map<String, String> options) {
    super(schema, options);
    header = booleanOption("header", false);
    enforceSchema = booleanOption("enforceSchema", true);
    delimiter = delimiter(option("sep", option("delimiter", ",")));
    quote = optionalChar("quote", "\"");
    escape = optionalChar("escape", "\\");
    comment = optionalChar("comment", "");
    nullValue = option("nullValue", "");
    emptyValue = option("emptyValue", "");
    nanValue = option("nanValue", "NaN");
    positiveInf = option("positiveInf", "Inf");
    negativeInf = option("negativeInf", "-Inf");
    rejectUnsupported();
    for (Field field : dataSchema().getFields()) {
      switch (field.getType().getTypeName()) {
        case ARRAY:
        case ITERABLE:
        case MAP:
        case ROW:
          throw new IllegalArgumentException(
              "CSV cannot hold column '"
                  + field.getName()
                  + "' of type "
                  + SparkTypes.simpleString(field.getType())
                  + ": CSV values are flat. Read it as STRING and parse it later, or use JSON for"
                  + " nested data.");
        default:
          break;
      }
    }
    csvFormat();
  }

  /** A parser for {@code schema} with Spark's default options (no header, comma-separated). */
  public static CsvRowParser of(Schema schema) {
    return new CsvRowParser(schema, Map.of());
  }

  @Override
  public CsvRowParser withOption(String name, String value) {
    return new CsvRowParser(schema(), plus(name, value));
  }

  @Override
  public CsvRowParser withOptions(Map<String, String> options) {
    return new CsvRowParser(schema(), plus(options));
  }

  @Override
  public CsvRowParser withMode(ParseMode mode) {
    return withOption("mode", mode.name());
  }

  private void rejectUnsupported() {
    if (booleanOption("inferSchema", false)) {
      throw new IllegalArgumentException(
          "Option inferSchema=true is not supported: give the schema, e.g."
              + " DdlSchema.parse(\"name STRING, age INT\"), and remove the option");
    }
    for (String name : new String[] {"ignoreLeadingWhiteSpace", "ignoreTrailingWhiteSpace"}) {
      if (booleanOption(name, false)) {
        throw new IllegalArgumentException(
            "Option " + name + "=true is not supported; values are read as they are written");
      }
    }
    for (String name : new String[] {"charToEscapeQuoteEscaping", "unescapedQuoteHandling"}) {
      if (options().containsKey(name)) {
        throw new IllegalArgumentException(
            "Option "
                + name
                + " is not supported by Sluice's CSV parser (Apache Commons CSV); remove it");
      }
    }
  }

  /** Spark's delimiter: one or more characters, with backslash escapes for special ones. */
  private static String delimiter(String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(
          "Option sep (delimiter) cannot be empty; use e.g. ',' or '\\t'");
    }
    if (value.equals("\\")) {
      throw new IllegalArgumentException(
          "Option sep (delimiter) cannot be a single backslash, which starts an escape"
              + " sequence; write '\\\\' for a backslash delimiter");
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\' || i + 1 == value.length()) {
        out.append(c);
        continue;
      }
      char next = value.charAt(++i);
      switch (next) {
        case 't':
          out.append('\t');
          break;
        case 'r':
          out.append('\r');
          break;
        case 'b':
          out.append('\b');
          break;
        case 'f':
          out.append('\f');
          break;
        case '"':
        case '\'':
        case '\\':
          out.append(next);
          break;
        default:
          throw new IllegalArgumentException(
              "Unsupported special character for option sep (delimiter): '\\"
                  + next
                  + "'; the escapes are \\t, \\r, \\b, \\f, \\\", \\' and \\\\");
      }
    }
    return out.toString();
  }

  /** A one-character option; the empty string (or '\u0000') turns the feature off. */
  private @Nullable Character optionalChar(String name, String absent) {
    String value = option(name, absent);
    if (value.isEmpty() || value.equals("\u0000")) {
      return null;
    }
    if (value.length() > 1) {
      throw new IllegalArgumentException(
          "Option "
              + name
              + " must be a single character (or empty to turn it off), but is '"
              + value
              + "'");
    }
    return value.charAt(0);
  }

  private CSVFormat csvFormat() {
    if (format == null) {
      try {
        format =
            CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setQuote(quote)
                .setEscape(escape)
                .setCommentMarker((Character) null)
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false)
                .setTrim(false)
                .setNullString(null)
                // With this mode and no null string, Commons CSV gives null for an empty unquoted
                // value and "" for an empty quoted one, which is the distinction Spark makes.
                .setQuoteMode(QuoteMode.ALL_NON_NULL)
                .build();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Invalid CSV options sep='"
                + delimiter
                + "', quote='"
                + (quote == null ? "" : quote)
                + "', escape='"
                + (escape == null ? "" : escape)
                + "': "
                + e.getMessage()
                + ". The delimiter, quote and escape must differ.",
            e);
      }
    }
    return format;
  }

  @Override
  List<Object[]> convert(String text, String location, long lineNumber) throws BadRecord {
    if (header && lineNumber == 1) {
      checkHeader(text, location);
      return List.of();
    }
    if (text.trim().isEmpty() || (comment != null && text.charAt(0) == comment)) {
      return List.of();
    }
    List<String> tokens = tokens(text);
    Schema schema = dataSchema();
    int n = schema.getFieldCount();
    if (tokens.size() != n) {
      List<String> fitted = new ArrayList<>(tokens.subList(0, Math.min(n, tokens.size())));
      while (fitted.size() < n) {
        fitted.add(null);
      }
      List<Object[]> partial;
      try {
        partial = List.<Object[]>of(values(fitted, schema));
      } catch (BadRecord e) {
        partial = List.of();
      }
      throw new BadRecord(
          "expected "
              + n
              + " values ("
              + String.join(", ", schema.getFieldNames())
              + ") but the line has "
              + tokens.size(),
          partial);
    }
    return List.<Object[]>of(values(tokens, schema));
  }

  /**
   * The values of one line for schema inference: null for a line without a record (blank, or a
   * comment); empty and null-valued fields as {@code nullValue}/{@code emptyValue}.
   */
  @Nullable List<String> record(String text) throws BadRecord {
    if (text.trim().isEmpty() || (comment != null && text.charAt(0) == comment)) {
      return null;
    }
    return tokens(text);
  }

  /** The {@code nullValue} option. */
  String nullValue() {
    return nullValue;
  }

  /** The {@code nanValue}, {@code positiveInf} and {@code negativeInf} options. */
  boolean isInfOrNan(String text) {
    return text.equals(nanValue) || text.equals(positiveInf) || text.equals(negativeInf);
  }

  private List<String> tokens(String text) throws BadRecord {
    try (CSVParser parser = CSVParser.parse(text, csvFormat())) {
      Iterator<CSVRecord> records = parser.iterator();
      if (!records.hasNext()) {
        return List.of();
      }
      List<String> tokens = new ArrayList<>(records.next().toList());
      for (int i = 0; i < tokens.size(); i++) {
        String token = tokens.get(i);
        // Spark (univocity) reads an empty unquoted value as nullValue, an empty quoted one as
        // emptyValue.
        tokens.set(i, token == null ? nullValue : token.isEmpty() ? emptyValue : token);
      }
      return tokens;
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      String message =
          e instanceof UncheckedIOException ? e.getCause().getMessage() : e.getMessage();
      throw new BadRecord("invalid CSV: " + message, List.of());
    }
  }

  private Object[] values(List<String> tokens, Schema schema) throws BadRecord {
    Object[] values = new Object[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (token == null || token.equals(nullValue)) {
        continue;
      }
      Field field = schema.getField(i);
      try {
        values[i] = value(token, field.getType());
      } catch (BadValue e) {
        // Spark stops at the first bad value: it and the later values are null.
        throw new BadRecord(
            "column '" + field.getName() + "': " + e.getMessage(), List.<Object[]>of(values));
      }
    }
    return values;
  }

  private Object value(String token, FieldType type) throws BadValue {
    try {
      switch (type.getTypeName()) {
        case STRING:
          return token;
        case BYTE:
          return Byte.parseByte(token);
        case INT16:
          return Short.parseShort(token);
        case INT32:
          return Integer.parseInt(token);
        case INT64:
          return Long.parseLong(token);
        case FLOAT:
          return Float.parseFloat(replaceSpecial(token));
        case DOUBLE:
          return Double.parseDouble(replaceSpecial(token));
        case BOOLEAN:
          if (token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")) {
            return token.equalsIgnoreCase("true");
          }
          break;
        case DECIMAL:
          return decimalText(token, type);
        case BYTES:
          return token.getBytes(StandardCharsets.UTF_8);
        case DATETIME:
          return timestamp(token);
        case LOGICAL_TYPE:
          String id = type.getLogicalType().getIdentifier();
          if (SparkTypes.isDecimal(type)) {
            return decimalText(token, type);
          } else if (id.equals(Date.IDENTIFIER)) {
            return date(token);
          } else if (id.equals(DateTime.IDENTIFIER)) {
            return localDateTime(token);
          } else if (id.equals(MicrosInstant.IDENTIFIER)) {
            return instant(token);
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      // Falls through to the generic message.
    }
    throw new BadValue("cannot parse " + quote(token) + " as " + SparkTypes.simpleString(type));
  }

  /** The special values nanValue, positiveInf, negativeInf as Java spells them. */
  private String replaceSpecial(String token) {
    if (token.equals(nanValue)) {
      return "NaN";
    } else if (token.equals(positiveInf)) {
      return "Infinity";
    } else if (token.equals(negativeInf)) {
      return "-Infinity";
    }
    return token;
  }

  private void checkHeader(String text, String location) {
    List<String> names;
    try {
      names = tokens(text);
    } catch (BadRecord e) {
      names = List.of(text);
    }
    List<String> expected = dataSchema().getFieldNames();
    String mismatch = null;
    if (names.size() != expected.size()) {
      mismatch =
          "the header has "
              + names.size()
              + " names but the schema has "
              + expected.size()
              + " columns";
    } else {
      for (int i = 0; i < names.size() && mismatch == null; i++) {
        String name = names.get(i) == null ? "" : names.get(i);
        if (!name.toLowerCase(Locale.ROOT).equals(expected.get(i).toLowerCase(Locale.ROOT))) {
          mismatch = "expected '" + expected.get(i) + "' but found '" + name + "'";
        }
      }
    }
    if (mismatch == null) {
      return;
    }
    String message =
        "CSV header at "
            + location
            + " does not conform to the schema: "
            + mismatch
            + "\n Header: "
            + String.join(", ", names)
            + "\n Schema: "
            + String.join(", ", expected);
    if (enforceSchema) {
      LOG.warn("{}\nColumns are read by position (enforceSchema=true).", message);
      return;
    }
    throw new IllegalArgumentException(
        message
            + "\nRename the schema's columns to match the header, or set option enforceSchema to"
            + " true (the default) to read columns by position and ignore the header's names.");
  }
}
