package dev.sluice.structured.internal.plan;

import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.internal.expr.Attribute;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.expr.ExtractValue;
import dev.sluice.structured.internal.expr.Literal;
import dev.sluice.structured.internal.expr.Star;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Resolves column references against what the user knows of a plan's columns ({@link PlanColumns})
 * before expressions are bound to row fields, as Spark's analyzer does with qualifiers and
 * attribute ids:
 *
 * <ul>
 *   <li>{@code col("a.event_time")} names the {@code event_time} of the frame aliased {@code a};
 *   <li>{@code df.col("event_time")} names {@code df}'s own column, wherever it went (a join);
 *   <li>{@code col("event_time")} where two columns have that name is refused as ambiguous, with
 *       the qualified names that would fix it;
 *   <li>{@code *} and {@code a.*} expand to the columns as the user knows them.
 * </ul>
 *
 * References that need none of this are left as they are (bound by name later).
 *
 * <pre>{@code
 * Expression e = Resolver.resolve(joined, SqlParser.expression("a.event_time > b.event_time"));
 * }</pre>
 */
public final class Resolver {
  private Resolver() {}

  /** {@code e} with its references resolved against {@code input}'s columns. */
  public static Expression resolve(LogicalPlan input, Expression e) {
    return resolve(input.schema(), input.columns(), e);
  }

  /**
   * {@code e} with its references resolved against columns {@code columns} of rows {@code schema}.
   */
  public static Expression resolve(Schema schema, PlanColumns columns, Expression e) {
    return e.transform(
        x -> x instanceof Attribute ? attribute(schema, columns, (Attribute) x) : null);
  }

  /** Resolves each expression. */
  public static List<Expression> resolve(LogicalPlan input, List<Expression> exprs) {
    List<Expression> out = new ArrayList<>(exprs.size());
    for (Expression e : exprs) {
      out.add(resolve(input, e));
    }
    return out;
  }

  /** A select list: stars expanded to the columns as the user knows them, references resolved. */
  public static List<Expression> selectList(LogicalPlan input, List<Expression> items) {
    Schema schema = input.schema();
    PlanColumns columns = input.columns();
    List<Expression> out = new ArrayList<>();
    for (Expression item : items) {
      if (item instanceof Star) {
        Star star = (Star) item;
        if (star.target() == null && columns.differFrom(schema)) {
          for (int i = 0; i < columns.size(); i++) {
            out.add(reference(schema, columns, i));
          }
          continue;
        }
        if (star.target() != null && star.target().parts().size() == 1) {
          String q = star.target().lastPart();
          List<Integer> qualified = new ArrayList<>();
          for (int i = 0; i < columns.size(); i++) {
            if (q.equalsIgnoreCase(columns.qualifier(i))) {
              qualified.add(i);
            }
          }
          if (!qualified.isEmpty() && byName(columns, q).isEmpty()) {
            for (int i : qualified) {
              out.add(reference(schema, columns, i));
            }
            continue;
          }
        }
      }
      out.add(resolve(schema, columns, item));
    }
    return out;
  }

  /**
   * The index of the top-level column {@code name} names (Spark's column-name syntax, maybe
   * qualified), for operations that take column names.
   *
   * @throws AnalysisException if it names none, or several
   */
  public static int index(LogicalPlan input, String name) {
    Expression e = resolve(input, Attribute.parse(name));
    if (e instanceof Attribute && ((Attribute) e).parts().size() == 1) {
      Attribute a = (Attribute) e;
      if (a.isResolved()) {
        return input.schema().indexOf(a.lastPart());
      }
      List<Integer> named = byName(input.columns(), a.lastPart());
      if (named.size() == 1) {
        return named.get(0);
      }
    }
    e.bind(input.schema()); // the error for a column that does not exist
    throw new AnalysisException(
        "'" + name + "' is not a top-level column of " + input.columns().names());
  }

  /**
   * {@code df.col(name)}: a reference to {@code input}'s column that keeps pointing at it after the
   * frame is joined with others (by the column's id).
   *
   * @throws AnalysisException if {@code name} names no column of {@code input}, or several
   */
  public static Attribute frameColumn(LogicalPlan input, String name) {
    Attribute parsed = Attribute.parse(name);
    Expression resolved = resolve(input, parsed);
    resolved.bind(input.schema()); // Spark checks df.col(..) at once
    PlanColumns columns = input.columns();
    List<String> parts = parsed.parts();
    int consumed = 1;
    int index = -1;
    if (parts.size() >= 2) {
      List<Integer> q = qualified(columns, parts.get(0), parts.get(1));
      if (q.size() == 1) {
        index = q.get(0);
        consumed = 2;
      }
    }
    if (index < 0) {
      List<Integer> named = byName(columns, parts.get(0));
      if (named.size() == 1) {
        index = named.get(0);
      } else if (parts.size() >= 2 && byName(columns, parts.get(1)).size() == 1) {
        index = byName(columns, parts.get(1)).get(0); // an unknown qualifier, as bind allows
        consumed = 2;
      } else {
        return parsed;
      }
    }
    List<String> rest = new ArrayList<>();
    rest.add(columns.name(index));
    rest.addAll(parts.subList(consumed, parts.size()));
    return Attribute.ofColumn(rest, columns.get(index).id());
  }

  private static Expression attribute(Schema schema, PlanColumns columns, Attribute a) {
    if (a.isResolved()) {
      return null;
    }
    List<String> parts = a.parts();
    if (a.columnId() != 0) {
      List<Integer> same = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        if (columns.get(i).id() == a.columnId()) {
          same.add(i);
        }
      }
      if (same.size() == 1) {
        return nested(reference(schema, columns, same.get(0)), parts, 1);
      }
      if (same.size() > 1) {
        throw new AnalysisException(
            "Column "
                + a.sql()
                + " is ambiguous: both sides of the join come from the same DataFrame, so"
                + " df.col(\""
                + a.sql()
                + "\") could be either ("
                + candidates(columns, same)
                + "). Give the sides names with alias(..) and qualify the column, e.g."
                + " df.alias(\"a\").join(df.alias(\"b\"), col(\"a."
                + a.sql()
                + "\").equalTo(col(\"b."
                + a.sql()
                + "\")))");
      }
      // not in this input any more (Spark would refuse): fall back to the name
    }
    if (parts.size() >= 2) {
      List<Integer> q = qualified(columns, parts.get(0), parts.get(1));
      if (q.size() == 1) {
        return nested(reference(schema, columns, q.get(0)), parts, 2);
      }
      if (q.size() > 1) {
        throw ambiguous(a.sql(), columns, q);
      }
      if (hasQualifier(columns, parts.get(0)) && byName(columns, parts.get(0)).isEmpty()) {
        throw new AnalysisException(
            "A column or function parameter with name `"
                + parts.get(0)
                + "`.`"
                + parts.get(1)
                + "` cannot be resolved: the frame aliased `"
                + parts.get(0)
                + "` has the columns "
                + columns.all().stream()
                    .filter(c -> parts.get(0).equalsIgnoreCase(c.qualifier()))
                    .map(PlanColumns.Column::quoted)
                    .collect(Collectors.joining(", ", "[", "]")));
      }
    }
    List<Integer> named = byName(columns, parts.get(0));
    if (named.size() > 1) {
      throw ambiguous(parts.get(0), columns, named);
    }
    if (named.size() == 1) {
      int i = named.get(0);
      return columns.name(i).equals(schema.getField(i).getName())
          ? null
          : nested(reference(schema, columns, i), parts, 1);
    }
    if (parts.size() >= 2) {
      // the first part is no column and no alias: a qualifier the frames were never given
      List<Integer> second = byName(columns, parts.get(1));
      if (second.size() > 1) {
        throw new AnalysisException(
            "A column or function parameter with name `"
                + parts.get(0)
                + "`.`"
                + parts.get(1)
                + "` cannot be resolved: no frame is named `"
                + parts.get(0)
                + "`, and "
                + candidates(columns, second)
                + " could be meant. Name the frames with alias(\""
                + parts.get(0)
                + "\") before the join, or use df.col(\""
                + parts.get(1)
                + "\") of the frame you mean");
      }
      if (second.size() == 1
          && !columns.name(second.get(0)).equals(schema.getField(second.get(0)).getName())) {
        return nested(reference(schema, columns, second.get(0)), parts, 2);
      }
    }
    return null;
  }

  private static AnalysisException ambiguous(String name, PlanColumns columns, List<Integer> at) {
    return new AnalysisException(
        "[AMBIGUOUS_REFERENCE] Reference `"
            + name
            + "` is ambiguous, could be: "
            + candidates(columns, at)
            + ". Name the frames with df.alias(\"a\") and qualify the column, e.g. col(\"a."
            + name
            + "\"), or use df.col(\""
            + name
            + "\") of the frame you mean");
  }

  private static String candidates(PlanColumns columns, List<Integer> at) {
    return at.stream()
        .map(i -> columns.get(i).quoted())
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** References to every column of {@code input}, as the user knows them. */
  public static List<Expression> references(LogicalPlan input) {
    List<Expression> out = new ArrayList<>();
    for (int i = 0; i < input.schema().getFieldCount(); i++) {
      out.add(reference(input.schema(), input.columns(), i));
    }
    return out;
  }

  /** Column {@code i}: by its field (never resolved again by name), shown under its name. */
  public static Expression reference(Schema schema, PlanColumns columns, int i) {
    return Attribute.resolved(schema.getField(i).getName(), columns.name(i));
  }

  private static Expression nested(Expression base, List<String> parts, int from) {
    Expression e = base;
    for (String part : parts.subList(from, parts.size())) {
      e = new ExtractValue(e, Literal.of(part), true);
    }
    return e;
  }

  private static List<Integer> byName(PlanColumns columns, String name) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.name(i).equalsIgnoreCase(name)) {
        out.add(i);
      }
    }
    return out;
  }

  private static List<Integer> qualified(PlanColumns columns, String qualifier, String name) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (qualifier.equalsIgnoreCase(columns.qualifier(i))
          && columns.name(i).equalsIgnoreCase(name)) {
        out.add(i);
      }
    }
    return out;
  }

  private static boolean hasQualifier(PlanColumns columns, String qualifier) {
    for (int i = 0; i < columns.size(); i++) {
      if (qualifier.equalsIgnoreCase(columns.qualifier(i))) {
        return true;
      }
    }
    return false;
  }
}
