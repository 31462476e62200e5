package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.io.Serializable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * A boolean condition resolved against an input schema, as {@code filter}/{@code where} use it. A
 * row passes only if the condition is true; null (unknown) rejects it, as in SQL.
 *
 * <pre>{@code
 * Predicate p = Predicate.of(schema, col("action").equalTo("open").or(col("action").equalTo("close")));
 * p.test(row, ctx);
 * }</pre>
 */
public final class Predicate implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Bound condition;

  private Predicate(Bound condition) {
    this.condition = condition;
  }

  /**
   * Resolves {@code condition} against {@code input}.
   *
   * @throws AnalysisException if a column does not resolve or the condition is not boolean
   */
  public static Predicate of(Schema input, Expression e) {
    if (e.isAggregate()) {
      throw new AnalysisException(
          "Aggregate functions are not allowed in filter/where: "
              + e.sql()
              + "; filter the result of groupBy(...).agg(...) instead (or use HAVING)");
    }
    if (e.containsGenerator()) {
      throw new AnalysisException("Generators are not allowed in filter/where: " + e);
    }
    Bound b = e.bind(input);
    if (!Types.isBoolean(b.type()) && !Types.isNull(b.type())) {
      throw new AnalysisException(
          "filter expression '"
              + e.sql()
              + "' of type "
              + Types.sparkName(b.type())
              + " is not a boolean; compare it with something, e.g. "
              + e.sql()
              + " > 0 or "
              + e.sql()
              + " IS NOT NULL");
    }
    return new Predicate(b);
  }

  /** True if the condition holds for the row (false if it is false or null). */
  public boolean test(Row row, EvalContext ctx) {
    return Boolean.TRUE.equals(condition.eval(row, ctx));
  }

  @Override
  public String toString() {
    return "Predicate(" + condition.name() + ")";
  }
}
