package dev.sluice.structured.runtime;

import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.expressions.Aggregation;
import dev.sluice.structured.expressions.EvalContext;
import dev.sluice.structured.plan.Aggregate;
import dev.sluice.structured.plan.Deduplicate;
import dev.sluice.structured.plan.Filter;
import dev.sluice.structured.plan.Join;
import dev.sluice.structured.plan.Limit;
import dev.sluice.structured.plan.LocalRelation;
import dev.sluice.structured.plan.LogicalPlan;
import dev.sluice.structured.plan.Project;
import dev.sluice.structured.plan.Sort;
import dev.sluice.structured.plan.Union;
import dev.sluice.structured.plan.Watermark;
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
    if (plan instanceof LocalRelation) {
      return new ArrayList<>(((LocalRelation) plan).rows());
    }
    if (plan instanceof Project) {
      List<Row> out = new ArrayList<>();
      for (Row row : execute(((Project) plan).child(), context)) {
        out.addAll(((Project) plan).projection().apply(row, context));
      }
      return out;
    }
    if (plan instanceof Filter) {
      List<Row> out = new ArrayList<>();
      for (Row row : execute(((Filter) plan).child(), context)) {
        if (((Filter) plan).predicate().test(row, context)) {
          out.add(row);
        }
      }
      return out;
    }
    if (plan instanceof Watermark) {
      return execute(((Watermark) plan).child(), context);
    }
    if (plan instanceof Aggregate) {
      return aggregate((Aggregate) plan, context);
    }
    if (plan instanceof Deduplicate) {
      Set<List<Object>> seen = new HashSet<>();
      List<Row> out = new ArrayList<>();
      for (Row row : execute(((Deduplicate) plan).child(), context)) {
        List<Object> key = new ArrayList<>();
        for (int i : ((Deduplicate) plan).keyIndexes()) {
          key.add(row.getValue(i));
        }
        if (seen.add(key)) {
          out.add(row);
        }
      }
      return out;
    }
    if (plan instanceof Join) {
      return join((Join) plan, context);
    }
    if (plan instanceof Union) {
      List<Row> out = execute(plan.children().get(0), context);
      for (Row row : execute(plan.children().get(1), context)) {
        out.add(Row.withSchema(plan.schema()).addValues(row.getValues()).build());
      }
      return out;
    }
    if (plan instanceof Sort) {
      List<Row> out = execute(((Sort) plan).child(), context);
      out.sort(((Sort) plan).ordering());
      return out;
    }
    if (plan instanceof Limit) {
      List<Row> out = execute(((Limit) plan).child(), context);
      return new ArrayList<>(out.subList(0, Math.min(out.size(), ((Limit) plan).n())));
    }
    throw new AnalysisException("Cannot evaluate " + plan.nodeName() + " on static data");
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
