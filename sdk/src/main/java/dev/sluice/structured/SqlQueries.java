package dev.sluice.structured;

import dev.sluice.structured.expressions.SelectStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code session.sql(..)}: a {@code SELECT} over one temp view or memory table, compiled to
 * DataFrame operations (so a query over a streaming view is itself streaming).
 *
 * <pre>{@code
 * session.sql("SELECT action, count(*) AS n FROM events GROUP BY action ORDER BY n DESC");
 * }</pre>
 */
final class SqlQueries {
  private SqlQueries() {}

  static DataFrame run(StreamingSession session, String sql) {
    SelectStatement q = dev.sluice.structured.expressions.SqlParser.query(sql);
    DataFrame df = session.table(q.from());
    if (q.where().isPresent()) {
      df = df.filter(q.where().get());
    }
    boolean aggregate =
        !q.groupBy().isEmpty() || q.select().stream().anyMatch(c -> c.expression().isAggregate());
    if (aggregate) {
      List<Column> aggregates = new ArrayList<>();
      for (Column c : q.select()) {
        if (c.expression().isAggregate()) {
          aggregates.add(c);
        }
      }
      df = df.aggregate(q.groupBy(), aggregates);
      List<Column> out = new ArrayList<>();
      for (Column c : q.select()) {
        out.add(Functions.col(c.expression().sql()));
      }
      if (q.having().isPresent()) {
        df = df.filter(q.having().get());
      }
      df = df.select(out.toArray(new Column[0]));
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
