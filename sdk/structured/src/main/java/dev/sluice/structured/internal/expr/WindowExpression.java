package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * {@code f.over(window)}: an aggregate ({@code sum}, {@code count}, …) or a window function ({@code
 * row_number}, {@code lag}, …) computed over a window of rows around each row. The window operator
 * evaluates it ({@link WindowEvaluator}); a projection refers to its result.
 *
 * <pre>{@code
 * new WindowExpression(WindowFunctionCall.ranking("row_number"), window).sql();
 * // "row_number() OVER (PARTITION BY user_id ORDER BY ts ASC NULLS FIRST ROWS BETWEEN ...)"
 * }</pre>
 */
public final class WindowExpression extends Expression {
  private static final long serialVersionUID = 1L;
  private final Expression function;
  private final WindowDefinition window;

  /**
   * {@code function OVER (window)}.
   *
   * @throws AnalysisException unless {@code function} is an aggregate or a window function
   */
  public WindowExpression(Expression function, WindowDefinition window) {
    Expression f = function.unalias();
    if (!(f instanceof AggregateCall) && !(f instanceof WindowFunctionCall)) {
      throw new AnalysisException(
          "Expression '"
              + function.sql()
              + "' not supported within a window function: over(..) applies to an aggregate"
              + " (sum, avg, count, min, max, first, last, collect_list, ...) or a window"
              + " function (row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag,"
              + " lead)");
    }
    if (f instanceof AggregateCall && ((AggregateCall) f).distinct()) {
      throw new AnalysisException(
          "Distinct window functions are not supported: " + function.sql() + " OVER (...)");
    }
    this.function = f;
    this.window = window;
  }

  /** The aggregate or window function. */
  public Expression function() {
    return function;
  }

  public WindowDefinition window() {
    return window;
  }

  /**
   * Spark's name: the function, then the window with the frame it runs on — for ranking functions
   * {@code ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}, for {@code lag(e, 1)} Spark's {@code
   * ROWS BETWEEN -1 FOLLOWING AND -1 FOLLOWING}.
   */
  @Override
  public String sql() {
    String frame;
    if (function instanceof WindowFunctionCall && !window.hasFrame()) {
      WindowFunctionCall f = (WindowFunctionCall) function;
      if (f.isOffset()) {
        long at = f.name().equals("lag") ? -f.offset() : f.offset();
        frame = "ROWS BETWEEN " + at + " FOLLOWING AND " + at + " FOLLOWING";
      } else {
        frame =
            WindowDefinition.frameSql(
                WindowDefinition.FrameType.ROWS, WindowDefinition.UNBOUNDED_PRECEDING, 0);
      }
    } else {
      frame = WindowDefinition.frameSql(window.frameType(), window.lower(), window.upper());
    }
    return function.sql() + " OVER (" + window.sql(frame) + ")";
  }

  @Override
  public List<Expression> children() {
    List<Expression> all = new ArrayList<>();
    all.add(function);
    all.addAll(window.expressions());
    return Collections.unmodifiableList(all);
  }

  @Override
  List<Object> parameters() {
    return List.of(window.frameType(), window.lower(), window.upper(), window.partition().size());
  }

  @Override
  Expression withChildren(List<Expression> children) {
    return new WindowExpression(
        children.get(0), window.withExpressions(children.subList(1, children.size())));
  }

  /** A window expression is computed per row of its window, not per group: no aggregate. */
  @Override
  public boolean isAggregate() {
    return false;
  }

  /** True if {@code e} contains a window expression. */
  public static boolean occursIn(Expression e) {
    if (e instanceof WindowExpression) {
      return true;
    }
    for (Expression c : e.children()) {
      if (occursIn(c)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Bound bind(Schema input) {
    throw new AnalysisException(
        "Window function "
            + sql()
            + " can only be used in select(..) or withColumn(..), not in a filter, a grouping or"
            + " an aggregation (compute it in a column first)");
  }
}
