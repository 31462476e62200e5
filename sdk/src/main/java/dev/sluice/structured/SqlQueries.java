package dev.sluice.structured;

import dev.sluice.structured.expressions.Aggregation;
import dev.sluice.structured.expressions.SelectStatement;
import dev.sluice.structured.expressions.SqlParser;

/**
 * {@code session.sql(..)}: a {@code SELECT} over one temp view or memory table, compiled to
 * DataFrame operations, so a query over a streaming view is itself streaming (and runs with {@code
 * writeStream()}), and one over static data is evaluated when its rows are asked for.
 *
 * <pre>{@code
 * session.sql("SELECT action, count(*) AS n FROM events GROUP BY action HAVING n > 1 ORDER BY n DESC");
 * }</pre>
 */
final class SqlQueries {
  private SqlQueries() {}

  static DataFrame run(StreamingSession session, String sql) {
    SelectStatement q = SqlParser.query(sql);
    DataFrame df = session.table(q.from());
    if (q.where().isPresent()) {
      df = df.filter(q.where().get());
    }
    boolean aggregate =
        !q.groupBy().isEmpty()
            || q.having().isPresent()
            || q.select().stream().anyMatch(c -> c.expression().isAggregate());
    if (aggregate) {
      df =
          df.aggregate(
              Aggregation.forSelect(df.schema(), q.groupBy(), q.select(), q.having().orElse(null)));
    } else {
      df = df.select(q.select().toArray(new Column[0]));
    }
    if (q.distinct()) {
      df = df.dropDuplicates();
    }
    if (!q.orderBy().isEmpty()) {
      df = df.orderBy(q.orderBy().toArray(new Column[0]));
    }
    if (q.limit().isPresent()) {
      df = df.limit(q.limit().getAsInt());
    }
    return df;
  }
}
