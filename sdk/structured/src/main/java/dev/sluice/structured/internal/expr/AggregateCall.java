package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A call of an aggregate function: {@code count}, {@code sum}, {@code avg}, {@code min}, {@code
 * max}, {@code first}, {@code last}, {@code collect_list}, {@code collect_set}, {@code
 * approx_count_distinct}, and {@code count(DISTINCT ...)}. It is evaluated by {@link Aggregation};
 * binding it directly is an error.
 *
 * <pre>{@code
 * AggregateCall.of("count", true, List.of(col)).sql();   // "count(DISTINCT user_id)"
 * }</pre>
 */
public final class AggregateCall extends Expression {
  private static final long serialVersionUID = 1L;

  /** The aggregate function names. */
  public static final List<String> NAMES =
      Collections.unmodifiableList(
          Arrays.asList(
              "count",
              "sum",
              "avg",
              "min",
              "max",
              "first",
              "last",
              "collect_list",
              "collect_set",
              "approx_count_distinct"));

  private final String name;
  private final boolean distinct;
  private final List<Expression> args;

  private AggregateCall(String name, boolean distinct, List<Expression> args) {
    this.name = name;
    this.distinct = distinct;
    this.args = Collections.unmodifiableList(new ArrayList<>(args));
  }

  /**
   * A call of aggregate {@code name} (case-insensitive; {@code mean} is {@code avg}).
   *
   * @throws AnalysisException for an unknown aggregate or a wrong number of arguments
   */
  public static AggregateCall of(String name, boolean distinct, List<Expression> args) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("mean")) {
      n = "avg";
    }
    if (!NAMES.contains(n)) {
      throw new AnalysisException("Undefined aggregate function: " + name + "; known: " + NAMES);
    }
    if (args.isEmpty() || (args.size() > 1 && !(n.equals("count") && distinct))) {
      throw new AnalysisException(
          "Invalid number of arguments for function "
              + n
              + ". Expected: 1; Found: "
              + args.size()
              + (n.equals("count") ? " (only count(DISTINCT a, b, ...) takes several)" : ""));
    }
    if (distinct
        && !Arrays.asList("count", "min", "max", "collect_set", "approx_count_distinct")
            .contains(n)) {
      throw new AnalysisException(
          "DISTINCT is not supported in "
              + n
              + "(DISTINCT ...) by Sluice; only count(DISTINCT ...) is (and min, max, collect_set,"
              + " approx_count_distinct, where it changes nothing)");
    }
    for (Expression a : args) {
      if (a.isAggregate()) {
        throw new AnalysisException(
            "It is not allowed to use an aggregate function in the argument of another aggregate"
                + " function: "
                + a.sql()
                + " in "
                + n);
      }
    }
    return new AggregateCall(n, distinct, args);
  }

  /** The lower-case function name. */
  public String name() {
    return name;
  }

  /** True for {@code count(DISTINCT ...)}. */
  public boolean distinct() {
    return distinct;
  }

  /** The arguments. */
  public List<Expression> args() {
    return args;
  }

  @Override
  public String sql() {
    return name
        + "("
        + (distinct ? "DISTINCT " : "")
        + args.stream().map(Expression::sql).collect(Collectors.joining(", "))
        + ")";
  }

  @Override
  public List<Expression> children() {
    return args;
  }

  @Override
  List<Object> parameters() {
    return Arrays.asList(name, distinct);
  }

  @Override
  Expression withChildren(List<Expression> children) {
    return new AggregateCall(name, distinct, children);
  }

  @Override
  public boolean isAggregate() {
    return true;
  }

  @Override
  public Bound bind(Schema input) {
    throw new AnalysisException(
        "Aggregate function "
            + sql()
            + " cannot be evaluated row by row here; use it in groupBy(...).agg(...), in a"
            + " select over the whole stream, or in HAVING");
  }
}
