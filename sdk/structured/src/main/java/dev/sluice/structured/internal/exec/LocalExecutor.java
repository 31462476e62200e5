package dev.sluice.structured.internal.exec;

import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.internal.expr.Aggregation;
import dev.sluice.structured.internal.expr.EvalContext;
import dev.sluice.structured.internal.plan.Aggregate;
import dev.sluice.structured.internal.plan.Deduplicate;
import dev.sluice.structured.internal.plan.Filter;
import dev.sluice.structured.internal.plan.Join;
import dev.sluice.structured.internal.plan.Limit;
import dev.sluice.structured.internal.plan.LocalRelation;
import dev.sluice.structured.internal.plan.LogicalPlan;
import dev.sluice.structured.internal.plan.PlanVisitor;
import dev.sluice.structured.internal.plan.Project;
import dev.sluice.structured.internal.plan.Sort;
import dev.sluice.structured.internal.plan.Source;
import dev.sluice.structured.internal.plan.SubqueryAlias;
import dev.sluice.structured.internal.plan.Union;
import dev.sluice.structured.internal.plan.Watermark;
import dev.sluice.structured.internal.plan.Windowed;
import dev.sluice.structured.internal.state.JoinRows;
import dev.sluice.structured.internal.state.Sessions;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.values.Row;

/**
 * Evaluates a static plan in memory: what {@code show()}, {@code collectAsList()} and {@code
 * session.sql(..)} over static data and memory tables use, and how the static side of a
 * stream–static join is computed. Uses the same expressions as the streaming steps, so a static and
 * a streaming query give the same rows.
 *
 * <pre>{@code
 * List<Row> rows = LocalExecutor.execute(plan);
 * }</pre>
 */
public final class LocalExecutor {
  private LocalExecutor() {}

  /** The rows of static {@code plan}, in UTC. */
  public static List<Row> execute(LogicalPlan plan) {
    return execute(plan, EvalContext.of(System.currentTimeMillis(), ZoneId.of("UTC")));
  }

  /** The rows of static {@code plan}. */
  public static List<Row> execute(LogicalPlan plan, EvalContext context) {
    if (plan.isStreaming()) {
      throw new AnalysisException(
          "Queries with streaming sources must be executed with writeStream.start(); "
              + plan.nodeName()
              + " reads a stream");
    }
    return plan.accept(new Rows(context));
  }

  /** The rows of one static plan node. */
  private static final class Rows implements PlanVisitor<List<Row>> {
    private final EvalContext context;

    Rows(EvalContext context) {
      this.context = context;
    }

    @Override
    public List<Row> visit(LocalRelation r) {
      return new ArrayList<>(r.rows());
    }

    @Override
    public List<Row> visit(Source s) {
      throw new AnalysisException("Cannot evaluate " + s.nodeName() + " on static data");
    }

    @Override
    public List<Row> visit(Project p) {
      List<Row> out = new ArrayList<>();
      for (Row row : execute(p.child(), context)) {
        out.addAll(p.projection().apply(row, context));
      }
      return out;
    }

    @Override
    public List<Row> visit(Filter f) {
      List<Row> out = new ArrayList<>();
      for (Row row : execute(f.child(), context)) {
        if (f.predicate().test(row, context)) {
          out.add(row);
        }
      }
      return out;
    }

    @Override
    public List<Row> visit(Watermark w) {
      return execute(w.child(), context);
    }

    @Override
    public List<Row> visit(Aggregate a) {
      return aggregate(a, context);
    }

    @Override
    public List<Row> visit(Deduplicate d) {
      Set<List<Object>> seen = new HashSet<>();
      List<Row> out = new ArrayList<>();
      for (Row row : execute(d.child(), context)) {
        List<Object> key = new ArrayList<>();
        for (int i : d.keyIndexes()) {
          key.add(row.getValue(i));
        }
        if (seen.add(key)) {
          out.add(row);
        }
      }
      return out;
    }

    @Override
    public List<Row> visit(Join j) {
      return join(j, context);
    }

    @Override
    public List<Row> visit(Union u) {
      List<Row> out = execute(u.children().get(0), context);
      for (Row row : execute(u.children().get(1), context)) {
        out.add(Row.withSchema(u.schema()).addValues(row.getValues()).build());
      }
      return out;
    }

    @Override
    public List<Row> visit(Sort s) {
      List<Row> out = execute(s.child(), context);
      out.sort(s.ordering());
      return out;
    }

    @Override
    public List<Row> visit(Limit l) {
      List<Row> out = execute(l.child(), context);
      return new ArrayList<>(out.subList(0, Math.min(out.size(), l.n())));
    }

    @Override
    public List<Row> visit(SubqueryAlias a) {
      return execute(a.child(), context);
    }

    @Override
    public List<Row> visit(Windowed w) {
      return w.evaluator().apply(execute(w.child(), context), context);
    }
  }

  private static List<Row> aggregate(Aggregate a, EvalContext context) {
    Aggregation agg = a.aggregation();
    Map<Row, Row> groups = new LinkedHashMap<>();
    for (Row row : execute(a.child(), context)) {
      for (Row key : agg.keysOf(row, context)) {
        Row acc = agg.add(agg.createAccumulator(), row, context);
        if (agg.hasSessionWindow()) {
          Sessions.merge(agg, groups, key, acc, new java.util.HashSet<>());
        } else {
          groups.merge(key, acc, agg::merge);
        }
      }
    }
    if (groups.isEmpty() && agg.keySchema().getFieldCount() == 0) {
      groups.put(Row.withSchema(agg.keySchema()).build(), agg.createAccumulator());
    }
    List<Row> out = new ArrayList<>();
    groups.forEach(
        (k, acc) -> {
          if (agg.having(k, acc, context)) {
            out.add(agg.result(k, acc, context));
          }
        });
    return out;
  }

  private static List<Row> join(Join j, EvalContext context) {
    List<Row> left = execute(j.left(), context);
    List<Row> right = execute(j.right(), context);
    int lw = j.left().schema().getFieldCount();
    int rw = j.right().schema().getFieldCount();
    List<Row> out = new ArrayList<>();
    Set<Integer> matchedRight = new HashSet<>();
    for (Row l : left) {
      boolean matched = false;
      for (int i = 0; i < right.size(); i++) {
        Row joined = JoinRows.join(j.joinedSchema(), l, right.get(i), lw, rw);
        if (j.condition().test(joined, context)) {
          matched = true;
          matchedRight.add(i);
          if (j.type() == Join.Type.LEFT_SEMI) {
            break;
          }
          if (j.type() != Join.Type.LEFT_ANTI) {
            out.add(joined);
          }
        }
      }
      if (j.type() == Join.Type.LEFT_SEMI && matched) {
        out.add(l);
      } else if (j.type() == Join.Type.LEFT_ANTI && !matched) {
        out.add(l);
      } else if (!matched
          && (j.type() == Join.Type.LEFT_OUTER || j.type() == Join.Type.FULL_OUTER)) {
        out.add(JoinRows.join(j.joinedSchema(), l, null, lw, rw));
      }
    }
    if (j.type() == Join.Type.RIGHT_OUTER || j.type() == Join.Type.FULL_OUTER) {
      for (int i = 0; i < right.size(); i++) {
        if (!matchedRight.contains(i)) {
          out.add(JoinRows.join(j.joinedSchema(), null, right.get(i), lw, rw));
        }
      }
    }
    return out;
  }
}
