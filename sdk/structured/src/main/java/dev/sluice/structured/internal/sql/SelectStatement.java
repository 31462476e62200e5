package dev.sluice.structured.internal.sql;

import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.expr.SortOrder;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A parsed {@code SELECT} query ({@link SqlParser#query}), clause by clause, for the facade to turn
 * into DataFrame operations: {@code from} names a temporary view; {@code select} items may be
 * {@code *}, aliased expressions and aggregates; {@code orderBy} keys are {@link SortOrder}
 * columns.
 *
 * <pre>{@code
 * SelectStatement q = SqlParser.query("SELECT action, count(*) AS n FROM events GROUP BY action");
 * q.from();      // "events"
 * q.groupBy();   // [action]
 * q.select();    // [action, count(1) AS n]
 * }</pre>
 */
public final class SelectStatement implements Serializable {
  private static final long serialVersionUID = 1L;
  private final List<Expression> select;
  private final boolean distinct;
  private final String from;
  private final Expression where;
  private final List<Expression> groupBy;
  private final Expression having;
  private final List<Expression> orderBy;
  private final Integer limit;

  SelectStatement(
      List<Expression> select,
      boolean distinct,
      String from,
      Expression where,
      List<Expression> groupBy,
      Expression having,
      List<Expression> orderBy,
      OptionalInt limit) {
    this.select = Collections.unmodifiableList(new ArrayList<>(select));
    this.distinct = distinct;
    this.from = from;
    this.where = where;
    this.groupBy = Collections.unmodifiableList(new ArrayList<>(groupBy));
    this.having = having;
    this.orderBy = Collections.unmodifiableList(new ArrayList<>(orderBy));
    this.limit = limit.isPresent() ? limit.getAsInt() : null;
  }

  /** The select items. */
  public List<Expression> select() {
    return select;
  }

  /** True for {@code SELECT DISTINCT}. */
  public boolean distinct() {
    return distinct;
  }

  /** The name after FROM. */
  public String from() {
    return from;
  }

  /** The WHERE condition. */
  public Optional<Expression> where() {
    return Optional.ofNullable(where);
  }

  /** The GROUP BY expressions (empty without GROUP BY). */
  public List<Expression> groupBy() {
    return groupBy;
  }

  /** The HAVING condition. */
  public Optional<Expression> having() {
    return Optional.ofNullable(having);
  }

  /** The ORDER BY keys, each a {@link SortOrder} column. */
  public List<Expression> orderBy() {
    return orderBy;
  }

  /** The LIMIT. */
  public OptionalInt limit() {
    return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("SELECT ");
    if (distinct) {
      out.append("DISTINCT ");
    }
    out.append(String.join(", ", select.stream().map(Expression::toString).toArray(String[]::new)));
    out.append(" FROM ").append(from);
    if (where != null) {
      out.append(" WHERE ").append(where);
    }
    if (!groupBy.isEmpty()) {
      out.append(" GROUP BY ")
          .append(
              String.join(", ", groupBy.stream().map(Expression::toString).toArray(String[]::new)));
    }
    if (having != null) {
      out.append(" HAVING ").append(having);
    }
    if (!orderBy.isEmpty()) {
      out.append(" ORDER BY ")
          .append(
              String.join(", ", orderBy.stream().map(Expression::toString).toArray(String[]::new)));
    }
    if (limit != null) {
      out.append(" LIMIT ").append(limit);
    }
    return out.toString();
  }
}
