package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;

/**
 * A function that only has a value over a window: the ranking functions {@code row_number()},
 * {@code rank()}, {@code dense_rank()}, {@code percent_rank()}, {@code cume_dist()}, {@code
 * ntile(n)} and the offset functions {@code lag(e, offset, default)} and {@code lead(e, offset,
 * default)}. It is evaluated by the window operator; alone it is an error, as in Spark.
 *
 * <pre>{@code
 * WindowFunctionCall.lag(new Attribute(List.of("ts")), 1, Literal.of(null)).sql();
 * // "lag(ts, 1, NULL)"
 * }</pre>
 */
public final class WindowFunctionCall extends Expression {
  private static final long serialVersionUID = 1L;

  /** The ranking functions, which take no arguments (ntile takes its bucket count). */
  public static final List<String> RANKING =
      List.of("row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile");

  private final String name;
  private final List<Expression> args;
  private final int offset; // lag/lead: rows back (lag) or ahead (lead); ntile: buckets

  private WindowFunctionCall(String name, List<Expression> args, int offset) {
    this.name = name;
    this.args = List.copyOf(args);
    this.offset = offset;
  }

  /**
   * A ranking function without arguments: row_number, rank, dense_rank, percent_rank, cume_dist.
   */
  public static WindowFunctionCall ranking(String name) {
    if (!RANKING.contains(name) || name.equals("ntile")) {
      throw new IllegalArgumentException("not a ranking function: " + name);
    }
    return new WindowFunctionCall(name, List.of(), 0);
  }

  /**
   * {@code ntile(n)}: the rows of each partition split into {@code n} ordered buckets, numbered 1
   * to n.
   *
   * @throws AnalysisException unless {@code n > 0}
   */
  public static WindowFunctionCall ntile(int n) {
    if (n <= 0) {
      throw new AnalysisException(
          "Buckets expression must be positive, but got: " + n + "; e.g. ntile(4)");
    }
    return new WindowFunctionCall("ntile", List.of(), n);
  }

  /** {@code lag(e, offset, default)}: the value {@code offset} rows before, else the default. */
  public static WindowFunctionCall lag(Expression e, int offset, Expression defaultValue) {
    return new WindowFunctionCall("lag", Arrays.asList(e, defaultValue), offset);
  }

  /** {@code lead(e, offset, default)}: the value {@code offset} rows after, else the default. */
  public static WindowFunctionCall lead(Expression e, int offset, Expression defaultValue) {
    return new WindowFunctionCall("lead", Arrays.asList(e, defaultValue), offset);
  }

  public String name() {
    return name;
  }

  /** For lag/lead: the value expression and the default. */
  public List<Expression> args() {
    return args;
  }

  /** For lag/lead the offset; for ntile the number of buckets. */
  public int offset() {
    return offset;
  }

  /** True for lag and lead. */
  public boolean isOffset() {
    return name.equals("lag") || name.equals("lead");
  }

  @Override
  public String sql() {
    if (isOffset()) {
      return name + "(" + args.get(0).sql() + ", " + offset + ", " + args.get(1).sql() + ")";
    }
    if (name.equals("ntile")) {
      return "ntile(" + offset + ")";
    }
    return name + "()";
  }

  @Override
  public List<Expression> children() {
    return args;
  }

  @Override
  List<Object> parameters() {
    return Arrays.asList(name, offset);
  }

  @Override
  Expression withChildren(List<Expression> children) {
    return new WindowFunctionCall(name, children, offset);
  }

  @Override
  public Bound bind(Schema input) {
    throw new AnalysisException(
        "[WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE] Window function \""
            + sql()
            + "\" requires an OVER clause: "
            + name
            + "("
            + (isOffset()
                ? args.stream().limit(1).map(Expression::sql).collect(Collectors.joining())
                : "")
            + ").over(Window.partitionBy(..).orderBy(..))");
  }
}
