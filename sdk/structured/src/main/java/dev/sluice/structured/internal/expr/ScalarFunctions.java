package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;

/**
 * The scalar functions {@link FunctionCall} knows, with Spark's argument casts and result types.
 * String functions cast their arguments to string; null in gives null out unless said otherwise.
 * Date and time functions are in {@link DateFunctions}.
 *
 * <table>
 *   <caption>Functions</caption>
 *   <tr><td>upper, lower, trim, ltrim, rtrim, length</td><td>string functions</td></tr>
 *   <tr><td>substring(s, pos[, len])</td><td>1-based; negative pos counts from the end</td></tr>
 *   <tr><td>split(s, regex[, limit])</td><td>array&lt;string&gt;; limit &le; 0 keeps all</td></tr>
 *   <tr><td>regexp_extract(s, regex, group)</td><td>"" when nothing matches</td></tr>
 *   <tr><td>regexp_replace(s, regex, replacement)</td><td>Java replacement syntax ($1)</td></tr>
 *   <tr><td>concat(s...), concat_ws(sep, s...)</td><td>concat is null if any part is;
 *       concat_ws skips nulls and flattens arrays</td></tr>
 *   <tr><td>like, rlike, contains, startswith, endswith</td><td>boolean</td></tr>
 *   <tr><td>coalesce, abs, round(x[, scale]), floor, ceil, sqrt, size, struct</td><td></td></tr>
 * </table>
 */
final class ScalarFunctions {
  /** Function name → {min, max} number of arguments (max -1: any). */
  private static final Map<String, int[]> ARITY;

  static {
    Map<String, int[]> arity = new TreeMap<>();
    for (String f : new String[] {"upper", "lower", "ucase", "lcase", "trim", "ltrim", "rtrim"}) {
      arity.put(f, new int[] {1, 1});
    }
    for (String f : new String[] {"length", "abs", "floor", "ceil", "sqrt", "size", "isnan"}) {
      arity.put(f, new int[] {1, 1});
    }
    arity.put("substring", new int[] {2, 3});
    arity.put("split", new int[] {2, 3});
    arity.put("regexp_extract", new int[] {2, 3});
    arity.put("regexp_replace", new int[] {3, 3});
    arity.put("concat", new int[] {0, -1});
    arity.put("concat_ws", new int[] {1, -1});
    for (String f : new String[] {"like", "rlike", "contains", "startswith", "endswith"}) {
      arity.put(f, new int[] {2, 2});
    }
    arity.put("coalesce", new int[] {1, -1});
    arity.put("round", new int[] {1, 2});
    arity.put("struct", new int[] {1, -1});
    DateFunctions.registerArity(arity);
    ARITY = java.util.Collections.unmodifiableMap(arity);
  }

  private ScalarFunctions() {}

  static void checkKnown(String name, int arity) {
    int[] range = ARITY.get(name);
    if (range == null) {
      throw new AnalysisException(
          "Undefined function: "
              + name
              + ". This function is neither a built-in function Sluice supports nor a"
              + " temporary function. Supported functions: "
              + String.join(", ", ARITY.keySet())
              + ", and the aggregates count, sum, avg, mean, min, max, first, last,"
              + " collect_list, collect_set, approx_count_distinct");
    }
    if (arity < range[0] || (range[1] >= 0 && arity > range[1])) {
      String expected =
          range[1] < 0
              ? "at least " + range[0]
              : range[0] == range[1] ? String.valueOf(range[0]) : range[0] + " or " + range[1];
      throw new AnalysisException(
          "Invalid number of arguments for function "
              + name
              + ". Expected: "
              + expected
              + "; Found: "
              + arity);
    }
  }

  static Bound bind(FunctionCall call, List<Bound> args) {
    String sql = call.sql();
    String name = call.name();
    switch (name) {
      case "upper":
      case "ucase":
        return stringFn(sql, args.get(0), s -> s.toUpperCase(Locale.ROOT));
      case "lower":
      case "lcase":
        return stringFn(sql, args.get(0), s -> s.toLowerCase(Locale.ROOT));
      case "trim":
        return stringFn(sql, args.get(0), s -> strip(s, true, true));
      case "ltrim":
        return stringFn(sql, args.get(0), s -> strip(s, true, false));
      case "rtrim":
        return stringFn(sql, args.get(0), s -> strip(s, false, true));
      case "length":
        {
          Bound s = string(args.get(0));
          return Bounds.unary(
              FieldType.INT32.withNullable(s.type().getNullable()),
              sql,
              s,
              (v, ctx) -> ((String) v).codePointCount(0, ((String) v).length()));
        }
      case "substring":
        return substring(sql, args);
      case "split":
        return split(sql, args);
      case "regexp_extract":
        return regexpExtract(sql, args);
      case "regexp_replace":
        {
          Bound s = string(args.get(0));
          Bound regex = string(args.get(1));
          Bound replacement = string(args.get(2));
          return Bounds.of(
              FieldType.STRING.withNullable(true),
              sql,
              (row, ctx) -> {
                Object v = s.eval(row, ctx);
                Object r = regex.eval(row, ctx);
                Object rep = replacement.eval(row, ctx);
                if (v == null || r == null || rep == null) {
                  return null;
                }
                return pattern((String) r, sql).matcher((String) v).replaceAll((String) rep);
              });
        }
      case "concat":
        return concat(sql, args);
      case "concat_ws":
        return concatWs(sql, args);
      case "like":
        return Bounds.binary(
            bool(args),
            sql,
            string(args.get(0)),
            string(args.get(1)),
            (v, p, ctx) -> likePattern((String) p).matcher((String) v).matches());
      case "rlike":
        return Bounds.binary(
            bool(args),
            sql,
            string(args.get(0)),
            string(args.get(1)),
            (v, p, ctx) -> pattern((String) p, sql).matcher((String) v).find());
      case "contains":
        return Bounds.binary(
            bool(args),
            sql,
            string(args.get(0)),
            string(args.get(1)),
            (v, p, ctx) -> ((String) v).contains((String) p));
      case "startswith":
        return Bounds.binary(
            bool(args),
            sql,
            string(args.get(0)),
            string(args.get(1)),
            (v, p, ctx) -> ((String) v).startsWith((String) p));
      case "endswith":
        return Bounds.binary(
            bool(args),
            sql,
            string(args.get(0)),
            string(args.get(1)),
            (v, p, ctx) -> ((String) v).endsWith((String) p));
      case "coalesce":
        return coalesce(sql, args);
      case "abs":
      case "round":
      case "floor":
      case "ceil":
      case "sqrt":
      case "isnan":
        return MathFunctions.bind(name, sql, args);
      case "size":
        {
          Bound c = args.get(0);
          if (!Types.isArray(c.type()) && !Types.isMap(c.type())) {
            throw mismatch(sql, "size needs an array or a map", c);
          }
          return Bounds.of(
              FieldType.INT32,
              sql,
              (row, ctx) -> {
                Object v = c.eval(row, ctx);
                return v == null ? -1 : v instanceof Map ? ((Map<?, ?>) v).size() : size(v);
              });
        }
      case "struct":
        return struct(sql, args);
      default:
        return DateFunctions.bind(call, args);
    }
  }

  interface StringOp extends java.io.Serializable {
    String apply(String s);
  }

  private static Bound stringFn(String sql, Bound arg, StringOp op) {
    Bound s = string(arg);
    return Bounds.unary(
        FieldType.STRING.withNullable(s.type().getNullable()),
        sql,
        s,
        (v, ctx) -> op.apply((String) v));
  }

  private static FieldType bool(List<Bound> args) {
    boolean nullable = false;
    for (Bound b : args) {
      nullable |= b.type().getNullable();
    }
    return FieldType.BOOLEAN.withNullable(nullable);
  }

  /** The argument as a string (Spark's implicit cast of string function inputs). */
  static Bound string(Bound b) {
    if (Types.isComplex(b.type()) || Types.isInterval(b.type())) {
      return Bounds.cast(b, FieldType.STRING);
    }
    FieldType type =
        FieldType.STRING.withNullable(b.type().getNullable() || Types.isNull(b.type()));
    if (Types.isString(b.type())) {
      return b;
    }
    FieldType from = b.type();
    return Bounds.of(
        type, b.name(), (row, ctx) -> Values.cast(b.eval(row, ctx), from, type, ctx.zone));
  }

  static AnalysisException mismatch(String sql, String why, Bound arg) {
    return new AnalysisException(
        "Cannot resolve '"
            + sql
            + "' due to data type mismatch: "
            + why
            + ", but "
            + arg.name()
            + " is "
            + Types.sparkName(arg.type()));
  }

  static Bound number(String sql, Bound b) {
    if (Types.isNumeric(b.type())) {
      return b;
    }
    if (Types.isString(b.type()) || Types.isNull(b.type())) {
      return Bounds.cast(b, FieldType.DOUBLE);
    }
    throw mismatch(sql, "the argument must be numeric", b);
  }

  /** Spark's trim: removes spaces (only the space character) at the chosen ends. */
  private static String strip(String s, boolean left, boolean right) {
    int start = 0;
    int end = s.length();
    while (left && start < end && s.charAt(start) == ' ') {
      start++;
    }
    while (right && end > start && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(start, end);
  }

  private static final Map<String, Pattern> PATTERNS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A compiled regex, cached. */
  static Pattern pattern(String regex, String sql) {
    Pattern p = PATTERNS.get(regex);
    if (p == null) {
      try {
        p = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "Invalid regular expression in " + sql + ": " + e.getMessage(), e);
      }
      if (PATTERNS.size() < 1000) {
        PATTERNS.put(regex, p);
      }
    }
    return p;
  }

  /** SQL LIKE: % any characters, _ one character, \ escapes. */
  static Pattern likePattern(String like) {
    String key = "\u0000like:" + like;
    Pattern p = PATTERNS.get(key);
    if (p != null) {
      return p;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '\\' && i + 1 < like.length()) {
        regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    p = Pattern.compile(regex.toString(), Pattern.DOTALL);
    if (PATTERNS.size() < 1000) {
      PATTERNS.put(key, p);
    }
    return p;
  }

  private static Bound substring(String sql, List<Bound> args) {
    Bound s = string(args.get(0));
    Bound pos = Bounds.cast(args.get(1), FieldType.INT32);
    Bound len = args.size() > 2 ? Bounds.cast(args.get(2), FieldType.INT32) : null;
    return Bounds.of(
        FieldType.STRING.withNullable(true),
        sql,
        (row, ctx) -> {
          String v = (String) s.eval(row, ctx);
          Integer p = (Integer) pos.eval(row, ctx);
          Integer l = len == null ? Integer.MAX_VALUE : (Integer) len.eval(row, ctx);
          if (v == null || p == null || l == null) {
            return null;
          }
          return substringSql(v, p, l);
        });
  }

  /** Spark's SQL substring: 1-based, 0 treated as 1, negative from the end. */
  static String substringSql(String s, int pos, int length) {
    int n = s.codePointCount(0, s.length());
    long start = pos > 0 ? pos - 1 : pos < 0 ? n + pos : 0;
    long end = start + length;
    start = Math.max(start, 0);
    end = Math.min(end, n);
    if (start >= end) {
      return "";
    }
    int from = s.offsetByCodePoints(0, (int) start);
    int to = s.offsetByCodePoints(from, (int) (end - start));
    return s.substring(from, to);
  }

  private static Bound split(String sql, List<Bound> args) {
    Bound s = string(args.get(0));
    Bound regex = string(args.get(1));
    Bound limit = args.size() > 2 ? Bounds.cast(args.get(2), FieldType.INT32) : null;
    return Bounds.of(
        FieldType.array(FieldType.STRING.withNullable(true)).withNullable(true),
        sql,
        (row, ctx) -> {
          String v = (String) s.eval(row, ctx);
          String r = (String) regex.eval(row, ctx);
          Integer l = limit == null ? -1 : (Integer) limit.eval(row, ctx);
          if (v == null || r == null || l == null) {
            return null;
          }
          if (v.isEmpty()) {
            return new ArrayList<>(Arrays.asList(""));
          }
          return new ArrayList<>(Arrays.asList(pattern(r, sql).split(v, l > 0 ? l : -1)));
        });
  }

  private static Bound regexpExtract(String sql, List<Bound> args) {
    Bound s = string(args.get(0));
    Bound regex = string(args.get(1));
    Bound index = args.size() > 2 ? Bounds.cast(args.get(2), FieldType.INT32) : null;
    return Bounds.of(
        FieldType.STRING.withNullable(true),
        sql,
        (row, ctx) -> {
          String v = (String) s.eval(row, ctx);
          String r = (String) regex.eval(row, ctx);
          Integer i = index == null ? 1 : (Integer) index.eval(row, ctx);
          if (v == null || r == null || i == null) {
            return null;
          }
          Matcher m = pattern(r, sql).matcher(v);
          if (i < 0 || i > m.groupCount()) {
            throw new IllegalArgumentException(
                "Regex group count is "
                    + m.groupCount()
                    + ", but the specified group index is "
                    + i
                    + " in "
                    + sql);
          }
          if (!m.find()) {
            return "";
          }
          String g = m.group(i);
          return g == null ? "" : g;
        });
  }

  private static Bound concat(String sql, List<Bound> args) {
    List<Bound> parts = new ArrayList<>();
    boolean nullable = false;
    for (Bound b : args) {
      Bound s = string(b);
      nullable |= s.type().getNullable();
      parts.add(s);
    }
    return Bounds.of(
        FieldType.STRING.withNullable(nullable),
        sql,
        (row, ctx) -> {
          StringBuilder out = new StringBuilder();
          for (Bound p : parts) {
            Object v = p.eval(row, ctx);
            if (v == null) {
              return null;
            }
            out.append((String) v);
          }
          return out.toString();
        });
  }

  private static Bound concatWs(String sql, List<Bound> args) {
    Bound sep = string(args.get(0));
    List<Bound> parts = new ArrayList<>();
    for (Bound b : args.subList(1, args.size())) {
      parts.add(Types.isArray(b.type()) ? b : string(b));
    }
    return Bounds.of(
        FieldType.STRING.withNullable(sep.type().getNullable()),
        sql,
        (row, ctx) -> {
          String separator = (String) sep.eval(row, ctx);
          if (separator == null) {
            return null;
          }
          List<String> pieces = new ArrayList<>();
          for (Bound p : parts) {
            Object v = p.eval(row, ctx);
            if (v instanceof Collection) {
              for (Object e : (Collection<?>) v) {
                if (e != null) {
                  pieces.add(Values.toText(e, ctx.zone));
                }
              }
            } else if (v != null) {
              pieces.add((String) v);
            }
          }
          return String.join(separator, pieces);
        });
  }

  private static Bound coalesce(String sql, List<Bound> args) {
    FieldType common = null;
    for (Bound b : args) {
      common = common == null ? b.type() : Types.commonType(common, b.type());
      if (common == null) {
        throw mismatch(sql, "the arguments of coalesce must have a common type", b);
      }
    }
    boolean nullable = true;
    for (Bound b : args) {
      nullable &= b.type().getNullable();
    }
    FieldType type = common.withNullable(nullable);
    List<Bound> cast = new ArrayList<>();
    for (Bound b : args) {
      cast.add(Bounds.cast(b, type));
    }
    return Bounds.of(
        type,
        sql,
        (row, ctx) -> {
          for (Bound b : cast) {
            Object v = b.eval(row, ctx);
            if (v != null) {
              return v;
            }
          }
          return null;
        });
  }

  private static int size(Object v) {
    int n = 0;
    for (Object ignored : (Iterable<?>) v) {
      n++;
    }
    return n;
  }

  private static Bound struct(String sql, List<Bound> args) {
    Schema.Builder builder = Schema.builder();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      Bound b = args.get(i);
      String name = seen.add(b.name()) ? b.name() : "col" + (i + 1);
      builder.addField(name, Types.forOutput(b.type(), b.name()));
    }
    Schema schema = builder.build();
    return Bounds.of(
        FieldType.row(schema),
        sql,
        (row, ctx) -> {
          List<Object> values = new ArrayList<>();
          for (Bound b : args) {
            values.add(b.eval(row, ctx));
          }
          return Row.withSchema(schema).attachValues(values);
        });
  }
}
