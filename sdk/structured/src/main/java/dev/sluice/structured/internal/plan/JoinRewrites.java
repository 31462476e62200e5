package dev.sluice.structured.internal.plan;

import static dev.sluice.structured.Functions.col;

import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.Column;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.Functions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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

  public static Schema joinedSchema(Schema left, Schema right) {
    Schema.Builder b = Schema.builder();
    Set<String> names = new HashSet<>();
    for (Schema s : List.of(left, right)) {
      for (Schema.Field f : s.getFields()) {
        if (!names.add(f.getName().toLowerCase(Locale.ROOT))) {
          throw new AnalysisException(
              "Both sides of the join have a column named '"
                  + f.getName()
                  + "'. Sluice needs distinct names: rename one side's column with"
                  + " withColumnRenamed(\""
                  + f.getName()
                  + "\", ...) before the join, or join on the column name with join(other, \""
                  + f.getName()
                  + "\")");
        }
        b.addField(f.withNullable(true));
      }
    }
    return b.build();
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
    List<Column> out = new ArrayList<>();
    for (String c : columns) {
      out.add(
          type == Join.Type.RIGHT_OUTER
              ? col(RIGHT + c).as(c)
              : type == Join.Type.FULL_OUTER
                  ? Functions.coalesce(col(c), col(RIGHT + c)).as(c)
                  : col(c));
    }
    for (String name : left.beamSchema().getFieldNames()) {
      if (!columns.contains(name)) {
        out.add(col(name));
      }
    }
    for (String name : right.beamSchema().getFieldNames()) {
      if (!columns.contains(name)) {
        out.add(col(name));
      }
    }
    return joined.select(out.toArray(new Column[0]));
  }
}
