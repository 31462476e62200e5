package dev.sluice.io.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.Field;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * Parses Spark's DDL schema strings, the form {@code DataStreamReader.schema(String)} takes, into a
 * Beam {@link Schema}.
 *
 * <p>Grammar (keywords and type names are case-insensitive; names keep their case):
 *
 * <pre>
 * schema  := column (',' column)*
 * column  := name type [NOT NULL] [COMMENT 'text']
 * field   := name [':'] type [NOT NULL] [COMMENT 'text']        -- inside STRUCT&lt;...&gt;
 * name    := identifier of letters, digits and '_'  |  `any text` (a backquote is written ``)
 * type    := STRING | BOOLEAN | TINYINT | BYTE | SMALLINT | SHORT | INT | INTEGER | BIGINT | LONG
 *          | FLOAT | REAL | DOUBLE | DATE | TIMESTAMP | TIMESTAMP_LTZ | TIMESTAMP_NTZ | BINARY
 *          | DECIMAL [(p [, s])]  (also DEC, NUMERIC; default (10,0))
 *          | ARRAY&lt;type&gt; | MAP&lt;type, type&gt; | STRUCT&lt;[field (',' field)*]&gt;
 * </pre>
 *
 * <p>Fields are nullable unless declared {@code NOT NULL}; array elements and map values are
 * nullable, map keys are not, as in Spark. Types map to Beam as described in {@link SparkTypes}. A
 * {@code COMMENT} becomes the Beam field's description.
 *
 * <p>Spark rejects {@code CHAR(n)}/{@code VARCHAR(n)} in a reader's schema, and so does this parser
 * (use {@code STRING}). Interval, {@code VOID}, {@code VARIANT}, {@code TIME} and collated strings
 * have no Beam counterpart here and are rejected with a message saying so.
 *
 * <pre>{@code
 * Schema schema = DdlSchema.parse("`id` String, action STRING, ts TIMESTAMP");
 * // Schema: id STRING (nullable), action STRING (nullable), ts DATETIME (nullable)
 *
 * DdlSchema.parse("id STRNG");
 * // IllegalArgumentException:
 * //   Cannot parse schema DDL: unknown data type 'STRNG' (line 1, pos 3)
 * //   id STRNG
 * //      ^
 * //   Expected form: name TYPE [NOT NULL] [COMMENT 'text'], ... e.g. "id STRING, ts TIMESTAMP".
 * //   ...
 * }</pre>
 */
public final class DdlSchema {
  static final String EXPECTED_FORM =
      "Expected form: name TYPE [NOT NULL] [COMMENT 'text'], ... e.g. \"id STRING, action STRING,"
          + " ts TIMESTAMP\". Types: STRING, BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT,"
          + " DOUBLE, DECIMAL(p,s), DATE, TIMESTAMP, TIMESTAMP_NTZ, BINARY, ARRAY<T>, MAP<K,V>,"
          + " STRUCT<name: T, ...>; quote unusual names with backquotes: `my col` INT.";

  private static final Map<String, FieldType> PRIMITIVES;

  static {
    Map<String, FieldType> primitives = new HashMap<>();
    primitives.put("STRING", FieldType.STRING);
    primitives.put("BOOLEAN", FieldType.BOOLEAN);
    primitives.put("TINYINT", FieldType.BYTE);
    primitives.put("BYTE", FieldType.BYTE);
    primitives.put("SMALLINT", FieldType.INT16);
    primitives.put("SHORT", FieldType.INT16);
    primitives.put("INT", FieldType.INT32);
    primitives.put("INTEGER", FieldType.INT32);
    primitives.put("BIGINT", FieldType.INT64);
    primitives.put("LONG", FieldType.INT64);
    primitives.put("FLOAT", FieldType.FLOAT);
    primitives.put("REAL", FieldType.FLOAT);
    primitives.put("DOUBLE", FieldType.DOUBLE);
    primitives.put("DATE", SparkTypes.DATE);
    primitives.put("TIMESTAMP", SparkTypes.TIMESTAMP);
    primitives.put("TIMESTAMP_LTZ", SparkTypes.TIMESTAMP);
    primitives.put("TIMESTAMP_NTZ", SparkTypes.TIMESTAMP_NTZ);
    primitives.put("BINARY", FieldType.BYTES);
    PRIMITIVES = java.util.Collections.unmodifiableMap(primitives);
  }

  private static final Map<String, String> UNSUPPORTED;

  static {
    Map<String, String> unsupported = new HashMap<>();
    String charHint =
        " is not allowed in a reader's schema (Spark rejects it too unless"
            + " spark.sql.legacy.charVarcharAsString is set); use STRING";
    unsupported.put("CHAR", "CHAR(n)" + charHint);
    unsupported.put("CHARACTER", "CHARACTER(n)" + charHint);
    unsupported.put("VARCHAR", "VARCHAR(n)" + charHint);
    unsupported.put("INTERVAL", "INTERVAL types are not supported by Sluice; use BIGINT or STRING");
    unsupported.put("VOID", "VOID is not supported by Sluice; give the column a real type");
    unsupported.put("VARIANT", "VARIANT is not supported by Sluice; use STRING and parse it later");
    unsupported.put("TIME", "TIME is not supported by Sluice; use STRING or TIMESTAMP");
    UNSUPPORTED = java.util.Collections.unmodifiableMap(unsupported);
  }

  private final String text;
  private int pos;

  private DdlSchema(String text) {
    this.text = text;
  }

  /**
   * Parses a Spark DDL schema such as {@code "id STRING, action STRING, ts TIMESTAMP"}.
   *
   * @throws IllegalArgumentException naming the bad token, its position and the expected form
   */
  public static Schema parse(String ddl) {
    if (ddl == null || ddl.trim().isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot parse schema DDL: it is "
              + (ddl == null ? "null" : "empty")
              + ". "
              + EXPECTED_FORM);
    }
    DdlSchema parser = new DdlSchema(ddl);
    Schema schema = parser.columns();
    parser.skipSpace();
    if (parser.pos < ddl.length()) {
      throw parser.error(
          "expected ',' and another column, or the end of the schema, but found "
              + parser.describeToken());
    }
    return schema;
  }

  /**
   * Parses one Spark DDL data type such as {@code "ARRAY<STRING>"} or {@code "DECIMAL(10,2)"}. The
   * result is nullable.
   *
   * @throws IllegalArgumentException naming the bad token, its position and the expected form
   */
  public static FieldType parseType(String type) {
    if (type == null || type.trim().isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot parse data type: it is "
              + (type == null ? "null" : "empty")
              + ". "
              + EXPECTED_FORM);
    }
    DdlSchema parser = new DdlSchema(type);
    FieldType result = parser.dataType();
    parser.skipSpace();
    if (parser.pos < type.length()) {
      throw parser.error("expected the end of the type, but found " + parser.describeToken());
    }
    return result.withNullable(true);
  }

  private Schema columns() {
    List<Field> fields = new ArrayList<>();
    do {
      fields.add(field(false));
    } while (accept(','));
    return build(fields);
  }

  private Schema build(List<Field> fields) {
    Map<String, String> seen = new HashMap<>();
    for (Field field : fields) {
      String previous = seen.put(field.getName().toLowerCase(Locale.ROOT), field.getName());
      if (previous != null) {
        throw new IllegalArgumentException(
            "Cannot parse schema DDL: duplicate column name '"
                + field.getName()
                + "'"
                + (previous.equals(field.getName()) ? "" : " (same as '" + previous + "')")
                + " in: "
                + text
                + "\nColumn names must be unique, ignoring case (Spark resolves names"
                + " case-insensitively); rename one of them.");
      }
    }
    return new Schema(fields);
  }

  /** {@code name [':'] type [NOT NULL] [COMMENT 'text']}; the colon only inside STRUCT. */
  private Field field(boolean inStruct) {
    skipSpace();
    int nameStart = pos;
    String name = name();
    if (name.isEmpty()) {
      pos = nameStart;
      throw error("a column name cannot be empty");
    }
    skipSpace();
    if (peek() == ':') {
      if (!inStruct) {
        throw error(
            "unexpected ':' after column name '"
                + name
                + "'; top-level columns are written 'name TYPE' (the colon is only allowed"
                + " inside STRUCT<...>)");
      }
      pos++;
    }
    skipSpace();
    if (pos >= text.length() || peek() == ',' || peek() == '>') {
      throw error("expected a data type after '" + name + "' but found " + describeToken());
    }
    FieldType type = dataType();
    boolean nullable = true;
    String comment = null;
    skipSpace();
    int mark = pos;
    String word = pos < text.length() && isWordChar(peek()) ? word() : "";
    if (word.equalsIgnoreCase("NOT")) {
      skipSpace();
      int nullAt = pos;
      String next = pos < text.length() && isWordChar(peek()) ? word() : "";
      if (!next.equalsIgnoreCase("NULL")) {
        pos = nullAt;
        throw error("expected NULL after NOT but found " + describeToken());
      }
      nullable = false;
      skipSpace();
      mark = pos;
      word = pos < text.length() && isWordChar(peek()) ? word() : "";
    }
    if (word.equalsIgnoreCase("COMMENT")) {
      skipSpace();
      comment = stringLiteral();
    } else if (!word.isEmpty()) {
      pos = mark;
      throw error(
          "expected ',', NOT NULL or COMMENT after the type of '"
              + name
              + "' but found "
              + describeToken()
              + " (is a comma missing between two columns?)");
    }
    Field field = Field.of(name, type.withNullable(nullable));
    return comment == null ? field : field.withDescription(comment);
  }

  private String name() {
    if (pos >= text.length()) {
      throw error("expected a column name but found the end of the schema");
    }
    if (peek() == '`') {
      int start = pos;
      pos++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (pos >= text.length()) {
          pos = start;
          throw error("unclosed backquoted name; close it with ` (write `` for a backquote)");
        }
        char c = text.charAt(pos++);
        if (c == '`') {
          if (peek() == '`') {
            out.append('`');
            pos++;
          } else {
            return out.toString();
          }
        } else {
          out.append(c);
        }
      }
    }
    if (!isWordChar(peek())) {
      throw error("expected a column name but found " + describeToken());
    }
    int start = pos;
    String word = word();
    if (word.chars().allMatch(Character::isDigit)) {
      pos = start;
      throw error("a column name cannot be a number (" + word + "); quote it: `" + word + "`");
    }
    return word;
  }

  private FieldType dataType() {
    skipSpace();
    int start = pos;
    if (pos >= text.length() || !isWordChar(peek())) {
      throw error("expected a data type but found " + describeToken());
    }
    String word = word();
    String upper = word.toUpperCase(Locale.ROOT);
    switch (upper) {
      case "ARRAY":
        {
          expect('<', "after ARRAY (write ARRAY<element type>)");
          FieldType element = dataType();
          expect('>', "to close ARRAY<...>");
          return FieldType.array(element.withNullable(true));
        }
      case "MAP":
        {
          expect('<', "after MAP (write MAP<key type, value type>)");
          FieldType key = dataType();
          expect(',', "between the key and value types of MAP<key, value>");
          FieldType value = dataType();
          expect('>', "to close MAP<key, value>");
          return FieldType.map(key.withNullable(false), value.withNullable(true));
        }
      case "STRUCT":
        {
          expect('<', "after STRUCT (write STRUCT<name: type, ...>)");
          List<Field> fields = new ArrayList<>();
          skipSpace();
          if (!accept('>')) {
            do {
              fields.add(field(true));
            } while (accept(','));
            expect('>', "to close STRUCT<...> (fields are separated by ',')");
          }
          return FieldType.row(build(fields));
        }
      case "DECIMAL":
      case "DEC":
      case "NUMERIC":
        return decimal(start);
      default:
        break;
    }
    FieldType primitive = PRIMITIVES.get(upper);
    if (primitive != null) {
      if (upper.equals("STRING")) {
        skipSpace();
        int mark = pos;
        if (pos < text.length() && isWordChar(peek()) && word().equalsIgnoreCase("COLLATE")) {
          pos = mark;
          throw error(
              "collated strings (STRING COLLATE ...) are not supported by Sluice; use STRING");
        }
        pos = mark;
      }
      return primitive;
    }
    pos = start;
    String unsupported = UNSUPPORTED.get(upper);
    if (unsupported != null) {
      throw error(unsupported);
    }
    throw error("unknown data type '" + word + "'");
  }

  private FieldType decimal(int start) {
    int precision = 10;
    int scale = 0;
    skipSpace();
    if (accept('(')) {
      precision = integer("DECIMAL precision");
      if (accept(',')) {
        scale = integer("DECIMAL scale");
      }
      expect(')', "to close DECIMAL(precision, scale)");
    }
    try {
      return SparkTypes.decimal(precision, scale);
    } catch (IllegalArgumentException e) {
      pos = start;
      throw error(e.getMessage());
    }
  }

  private int integer(String what) {
    skipSpace();
    int start = pos;
    while (pos < text.length() && Character.isDigit(peek())) {
      pos++;
    }
    if (start == pos) {
      throw error("expected " + what + " (a whole number) but found " + describeToken());
    }
    try {
      return Integer.parseInt(text.substring(start, pos));
    } catch (NumberFormatException e) {
      pos = start;
      throw error(what + " " + text.substring(start, pos) + " is too large");
    }
  }

  private String stringLiteral() {
    char quote = peek();
    if (pos >= text.length() || (quote != '\'' && quote != '"')) {
      throw error("expected a quoted comment after COMMENT, e.g. COMMENT 'text'");
    }
    int start = pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '\\' && pos < text.length()) {
        out.append(text.charAt(pos++));
      } else if (c == quote) {
        return out.toString();
      } else {
        out.append(c);
      }
    }
    pos = start;
    throw error("unclosed comment string; close it with " + quote);
  }

  private String word() {
    int start = pos;
    while (pos < text.length() && isWordChar(peek())) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private boolean accept(char c) {
    skipSpace();
    if (peek() == c && pos < text.length()) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c, String why) {
    if (!accept(c)) {
      throw error("expected '" + c + "' " + why + " but found " + describeToken());
    }
  }

  private String describeToken() {
    skipSpace();
    if (pos >= text.length()) {
      return "the end of the schema";
    }
    char c = peek();
    if (isWordChar(c)) {
      int end = pos;
      while (end < text.length() && isWordChar(text.charAt(end))) {
        end++;
      }
      return "'" + text.substring(pos, end) + "'";
    }
    return "'" + c + "'";
  }

  /** An error at the current position, Spark-style "(line L, pos P)", with a caret under it. */
  private IllegalArgumentException error(String message) {
    int lineStart = text.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
    if (pos == 0) {
      lineStart = 0;
    }
    int lineEnd = text.indexOf('\n', pos);
    if (lineEnd < 0) {
      lineEnd = text.length();
    }
    int line = 1;
    for (int i = 0; i < lineStart; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    int column = pos - lineStart;
    String caret = " ".repeat(column) + "^";
    return new IllegalArgumentException(
        "Cannot parse schema DDL: "
            + message
            + " (line "
            + line
            + ", pos "
            + column
            + ")\n"
            + text.substring(lineStart, lineEnd)
            + "\n"
            + caret
            + "\n"
            + EXPECTED_FORM);
  }
}
