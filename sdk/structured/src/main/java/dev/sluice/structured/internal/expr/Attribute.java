package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * A reference to a column by name: {@code col("action")}, {@code col("window.start")}, {@code `my
 * col`}. Names resolve case-insensitively as in Spark; each dotted part after the first reaches
 * into a struct (or looks up a string key of a map). A first part that names no column but is
 * followed by one that does is taken as a table qualifier ({@code events.ts}).
 *
 * <pre>{@code
 * new Attribute(List.of("window", "start")).bind(schema).eval(row, ctx);  // the window's start
 * }</pre>
 */
public final class Attribute extends Expression {
  private static final long serialVersionUID = 1L;
  private final List<String> parts;

  /**
   * For a reference resolved to one input column (by a qualifier, or where the frame's names
   * repeat): the name the user knows it by; {@link #parts} is then the column's field name in the
   * rows. Null for a reference by name.
   */
  @Nullable private final String display;

  /** The id of the frame column {@code df.col(name)} named (0: none), for the resolver. */
  private final long columnId;

  /** A reference by name parts (already split at dots). */
  public Attribute(List<String> parts) {
    this(parts, null, 0);
  }

  private Attribute(List<String> parts, @Nullable String display, long columnId) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a column name cannot be empty");
    }
    this.parts = Collections.unmodifiableList(new ArrayList<>(parts));
    this.display = display;
    this.columnId = columnId;
  }

  /**
   * A reference resolved to the input column whose field is {@code fieldName}, shown (and named in
   * a select) as {@code display}.
   */
  public static Attribute resolved(String fieldName, String display) {
    return new Attribute(Collections.singletonList(fieldName), display, 0);
  }

  /** {@code df.col(name)}: a reference to the column of id {@code columnId} of a frame. */
  public static Attribute ofColumn(List<String> parts, long columnId) {
    return new Attribute(parts, null, columnId);
  }

  /** The frame column id of a {@code df.col(..)} reference, or 0. */
  public long columnId() {
    return columnId;
  }

  /** True if this reference was resolved to one input column by its field name. */
  public boolean isResolved() {
    return display != null;
  }

  /** The name the user knows the column by. */
  public String displayName() {
    return display != null ? display : lastPart();
  }

  /** A reference to one top-level column, whatever characters its name holds. */
  public static Attribute exact(String name) {
    return new Attribute(Collections.singletonList(name));
  }

  /**
   * Parses Spark's column-name syntax: parts separated by dots, each optionally in backquotes
   * ({@code `a.b`.c}); a backquote inside backquotes is written twice.
   *
   * @throws AnalysisException if a backquote is not closed
   */
  public static Attribute parse(String name) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (quoted) {
        if (c == '`') {
          if (i + 1 < name.length() && name.charAt(i + 1) == '`') {
            current.append('`');
            i++;
          } else {
            quoted = false;
          }
        } else {
          current.append(c);
        }
      } else if (c == '`') {
        quoted = true;
        wasQuoted = true;
      } else if (c == '.') {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw new AnalysisException(
          "Syntax error in attribute name: " + name + " (a backquote ` is not closed)");
    }
    parts.add(current.toString());
    if (!wasQuoted && parts.size() > 1 && parts.stream().anyMatch(String::isEmpty)) {
      throw new AnalysisException(
          "Syntax error in attribute name: '"
              + name
              + "'; quote a name that contains dots with backquotes: `"
              + name
              + "`");
    }
    return new Attribute(parts);
  }

  /** The name parts. */
  public List<String> parts() {
    return parts;
  }

  /** The last part: the name of the column this reference produces. */
  public String lastPart() {
    return parts.get(parts.size() - 1);
  }

  @Override
  public String sql() {
    if (display != null) {
      return display.contains(".") || display.contains("`")
          ? "`" + display.replace("`", "``") + "`"
          : display;
    }
    return parts.stream()
        .map(p -> p.contains(".") || p.contains("`") ? "`" + p.replace("`", "``") + "`" : p)
        .collect(Collectors.joining("."));
  }

  @Override
  public List<Expression> children() {
    return Collections.emptyList();
  }

  @Override
  List<Object> parameters() {
    List<Object> lower = new ArrayList<>();
    for (String p : parts) {
      lower.add(p.toLowerCase(Locale.ROOT));
    }
    lower.add(display == null ? "" : display);
    lower.add(columnId);
    return lower;
  }

  @Override
  Expression withChildren(List<Expression> children) {
    return this;
  }

  @Override
  public Bound bind(Schema input) {
    if (display != null) {
      String field = parts.get(0);
      if (!input.hasField(field)) {
        throw notFound(display, input);
      }
      int index = input.indexOf(field);
      FieldType type = input.getField(index).getType();
      return Bounds.of(type, display, (row, ctx) -> Values.normalize(row.getValue(index)));
    }
    int start = 0;
    int index = indexOf(input, parts.get(0));
    if (index < 0 && parts.size() > 1 && indexOf(input, parts.get(1)) >= 0) {
      start = 1; // a table qualifier
      index = indexOf(input, parts.get(1));
    }
    if (index < 0) {
      throw notFound(sql(), input);
    }
    Schema.Field field = input.getField(index);
    FieldType type = field.getType();
    String name = field.getName();
    final int top = index;
    Bounds.Eval eval = (row, ctx) -> Values.normalize(row.getValue(top));
    Bound bound = Bounds.of(type, name, eval);
    for (int i = start + 1; i < parts.size(); i++) {
      bound = ExtractValue.field(bound, parts.get(i), sql());
    }
    return bound;
  }

  /** The index of the field named {@code name} ignoring case, or -1; ambiguity is an error. */
  static int indexOf(Schema schema, String name) {
    int found = -1;
    for (int i = 0; i < schema.getFieldCount(); i++) {
      String candidate = schema.getField(i).getName();
      if (candidate.equals(name)) {
        return i;
      }
      if (candidate.equalsIgnoreCase(name)) {
        if (found >= 0) {
          throw new AnalysisException(
              "Reference '"
                  + name
                  + "' is ambiguous, could be: "
                  + schema.getField(found).getName()
                  + ", "
                  + candidate
                  + ". Refer to it with its exact case, or rename one of them");
        }
        found = i;
      }
    }
    return found;
  }

  /** Spark's error for an unknown column, with the closest names first. */
  static AnalysisException notFound(String name, Schema input) {
    String wanted = name.toLowerCase(Locale.ROOT);
    List<String> candidates = new ArrayList<>(input.getFieldNames());
    candidates.sort(
        Comparator.comparingInt((String c) -> levenshtein(c.toLowerCase(Locale.ROOT), wanted)));
    List<String> shown = candidates.subList(0, Math.min(5, candidates.size()));
    return new AnalysisException(
        "Column '"
            + name
            + "' does not exist. Did you mean one of the following? "
            + shown.stream().collect(Collectors.joining(", ", "[", "]")));
  }

  private static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }

  /** Reads a (possibly nested) row value; used by bounds that know their field index. */
  static Object read(Row row, int index) {
    return Values.normalize(row.getValue(index));
  }
}
