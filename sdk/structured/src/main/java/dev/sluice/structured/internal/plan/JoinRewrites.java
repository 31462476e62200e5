package dev.sluice.structured.internal.plan;

import static dev.sluice.structured.Functions.col;

import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.Column;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.Functions;
import dev.sluice.structured.internal.ApiAccess;
import dev.sluice.structured.internal.expr.Projection;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Schemas and rewrites of {@link DataFrame#join}: the joined row is the left columns then the right
 * columns (all nullable); a join on column names ({@code join(other, "id")}) becomes a join on
 * equality with the right copies renamed, then a projection that keeps each name once.
 *
 * <pre>{@code
 * Schema joined = JoinRewrites.joinedSchema(left.schema(), right.schema());
 * }</pre>
 */
public final class JoinRewrites {
  private static final String RIGHT = "__right_";

  private JoinRewrites() {}

  /**
   * The joined row: left columns then right columns, all nullable. Where a right column's field
   * name repeats a left one (ignoring case) it gets a field name of its own ({@code x#1}); the user
   * still knows it as {@code x} ({@link PlanColumns}), and refers to it as {@code b.x} or {@code
   * right.col("x")}.
   */
  public static Schema joinedSchema(Schema left, Schema right) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema s : List.of(left, right)) {
      for (Schema.Field f : s.getFields()) {
        fields.add(f.withNullable(true));
      }
    }
    return new Schema(Projection.uniqueNames(fields));
  }

  public static DataFrame using(
      DataFrame left, DataFrame right, List<String> columns, Join.Type type) {
    DataFrame renamed = right;
    Column condition = null;
    for (String c : columns) {
      for (DataFrame side : List.of(left, right)) {
        if (!side.beamSchema().hasField(c)) {
          throw new AnalysisException(
              "USING column `"
                  + c
                  + "` cannot be resolved on the "
                  + (side == left ? "left" : "right")
                  + " side of the join. The "
                  + (side == left ? "left" : "right")
                  + "-side columns: ["
                  + String.join(", ", side.beamSchema().getFieldNames())
                  + "]");
        }
      }
      renamed = renamed.withColumnRenamed(c, RIGHT + c);
      Column eq = col(c).equalTo(col(RIGHT + c));
      condition = condition == null ? eq : condition.and(eq);
    }
    DataFrame joined = left.join(renamed, condition, type.name());
    if (type == Join.Type.LEFT_SEMI || type == Join.Type.LEFT_ANTI) {
      return joined;
    }
    // by position: names other than the USING columns may repeat across the sides
    LogicalPlan plan = ApiAccess.plan(joined);
    int width = left.beamSchema().getFieldCount();
    List<Column> out = new ArrayList<>();
    for (String c : columns) {
      Column l = column(plan, Resolver.index(ApiAccess.plan(left), c));
      Column r = column(plan, width + Resolver.index(ApiAccess.plan(renamed), RIGHT + c));
      out.add(
          type == Join.Type.RIGHT_OUTER
              ? r.as(c)
              : type == Join.Type.FULL_OUTER ? Functions.coalesce(l, r).as(c) : l);
    }
    List<String> leftNames = ApiAccess.plan(left).columns().names();
    for (int i = 0; i < leftNames.size(); i++) {
      if (!named(columns, leftNames.get(i))) {
        out.add(column(plan, i));
      }
    }
    List<String> rightNames = ApiAccess.plan(right).columns().names();
    for (int i = 0; i < rightNames.size(); i++) {
      if (!named(columns, rightNames.get(i))) {
        out.add(column(plan, width + i));
      }
    }
    return joined.select(out.toArray(new Column[0]));
  }

  private static boolean named(List<String> columns, String name) {
    for (String c : columns) {
      if (c.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /** Column {@code i} of {@code plan}, as the user knows it. */
  private static Column column(LogicalPlan plan, int i) {
    return ApiAccess.column(Resolver.reference(plan.schema(), plan.columns(), i));
  }
}
