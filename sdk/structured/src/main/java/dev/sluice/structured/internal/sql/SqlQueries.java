package dev.sluice.structured.internal.sql;

import dev.sluice.structured.Column;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.internal.ApiAccess;
import dev.sluice.structured.internal.expr.Aggregation;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.plan.Aggregate;
import dev.sluice.structured.internal.plan.LogicalPlan;
import java.util.List;

/**
 * {@code session.sql(..)}: a {@code SELECT} over one temp view or memory table, compiled to
 * DataFrame operations, so a query over a streaming view is itself streaming (and runs with {@code
 * writeStream()}), and one over static data is evaluated when its rows are asked for.
 *
 * <pre>{@code
 * session.sql("SELECT action, count(*) AS n FROM events GROUP BY action HAVING n > 1 ORDER BY n DESC");
 * }</pre>
 */
public final class SqlQueries {
  private SqlQueries() {}

  public static DataFrame run(StreamingSession session, String sql) {
    SelectStatement q = SqlParser.query(sql);
    DataFrame df = session.table(q.from());
    if (q.where().isPresent()) {
      df = df.filter(ApiAccess.column(q.where().get()));
    }
    boolean aggregate =
        !q.groupBy().isEmpty()
            || q.having().isPresent()
            || q.select().stream().anyMatch(Expression::isAggregate);
    if (aggregate) {
      LogicalPlan input = ApiAccess.plan(df);
      df =
          ApiAccess.dataFrame(
              session,
              Aggregate.over(
                  input,
                  Aggregation.forSelect(
                      input.schema(), q.groupBy(), q.select(), q.having().orElse(null))));
    } else {
      df = df.select(columns(q.select()));
    }
    if (q.distinct()) {
      df = df.dropDuplicates();
    }
    if (!q.orderBy().isEmpty()) {
      df = df.orderBy(columns(q.orderBy()));
    }
    if (q.limit().isPresent()) {
      df = df.limit(q.limit().getAsInt());
    }
    return df;
  }

  private static Column[] columns(List<Expression> expressions) {
    return expressions.stream().map(ApiAccess::column).toArray(Column[]::new);
  }
}
