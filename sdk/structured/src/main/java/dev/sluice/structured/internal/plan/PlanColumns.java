package dev.sluice.structured.internal.plan;

import dev.sluice.structured.internal.expr.Aggregation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;

/**
 * What the user knows about each output column of a plan node, beside its field in the rows
 * (Spark's attributes): its name, which may repeat where field names cannot (a join of two frames
 * that both have {@code event_time}); the qualifier {@code df.alias("a")} gave it; and an id that
 * follows the column through the operators that pass it on unchanged, so {@code df.col("x")} finds
 * it again after a join. Computed once per node ({@link LogicalPlan#columns()}).
 *
 * <pre>{@code
 * PlanColumns c = joined.columns();
 * c.name(4);        // "event_time"   (the row field may be "event_time#1")
 * c.qualifier(4);   // "b"
 * }</pre>
 */
public final class PlanColumns {
  private static final AtomicLong IDS = new AtomicLong();

  /** One column. */
  public static final class Column {
    private final String name;
    @Nullable private final String qualifier;
    private final long id;

    Column(String name, @Nullable String qualifier, long id) {
      this.name = name;
      this.qualifier = qualifier;
      this.id = id;
    }

    public String name() {
      return name;
    }

    @Nullable
    public String qualifier() {
      return qualifier;
    }

    public long id() {
      return id;
    }

    Column withQualifier(@Nullable String q) {
      return new Column(name, q, id);
    }

    Column withName(String n) {
      return new Column(n, qualifier, id);
    }

    /** As Spark names it in messages: {@code `a`.`x`} or {@code `x`}. */
    public String quoted() {
      return (qualifier == null ? "" : "`" + qualifier + "`.") + "`" + name + "`";
    }

    @Override
    public String toString() {
      return quoted() + "#" + id;
    }
  }

  private final List<Column> columns;

  private PlanColumns(List<Column> columns) {
    this.columns = Collections.unmodifiableList(columns);
  }

  /** Fresh columns, one per field: new ids, no qualifier. */
  static PlanColumns fresh(Schema schema) {
    return fresh(schema.getFieldNames());
  }

  private static PlanColumns fresh(List<String> names) {
    List<Column> out = new ArrayList<>();
    for (String n : names) {
      out.add(new Column(n, null, IDS.incrementAndGet()));
    }
    return new PlanColumns(out);
  }

  public List<Column> all() {
    return columns;
  }

  public int size() {
    return columns.size();
  }

  public Column get(int i) {
    return columns.get(i);
  }

  /** The name the user knows column {@code i} by. */
  public String name(int i) {
    return columns.get(i).name;
  }

  @Nullable
  public String qualifier(int i) {
    return columns.get(i).qualifier;
  }

  /** The names, in order (they may repeat). */
  public List<String> names() {
    List<String> out = new ArrayList<>(columns.size());
    for (Column c : columns) {
      out.add(c.name);
    }
    return out;
  }

  /** True if a name repeats or differs from its row field's name. */
  public boolean differFrom(Schema schema) {
    return !names().equals(schema.getFieldNames());
  }

  /** The columns of a left then a right input, as a join has them. */
  public static PlanColumns concat(PlanColumns left, PlanColumns right) {
    List<Column> out = new ArrayList<>(left.columns);
    out.addAll(right.columns);
    return new PlanColumns(out);
  }

  /** Computes a node's columns from its children's. */
  static PlanColumns of(LogicalPlan plan) {
    return plan.accept(
        new PlanVisitor.Partial<PlanColumns>() {
          @Override
          protected PlanColumns otherwise(LogicalPlan node) {
            // Filter, Watermark, Deduplicate, Sort, Limit: the child's columns, unchanged
            if (node.children().size() == 1
                && node.children().get(0).schema().equals(node.schema())) {
              return node.children().get(0).columns();
            }
            return fresh(node.schema());
          }

          @Override
          public PlanColumns visit(SubqueryAlias node) {
            List<Column> out = new ArrayList<>();
            for (Column c : node.child().columns().columns) {
              out.add(c.withQualifier(node.alias()));
            }
            return new PlanColumns(out);
          }

          @Override
          public PlanColumns visit(Project node) {
            PlanColumns in = node.child().columns();
            List<String> names = node.projection().names();
            List<Column> out = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
              int source = node.projection().source(i);
              out.add(
                  source >= 0
                      ? in.get(source).withName(names.get(i))
                      : new Column(names.get(i), null, IDS.incrementAndGet()));
            }
            return new PlanColumns(out);
          }

          @Override
          public PlanColumns visit(Join node) {
            PlanColumns left = node.left().columns();
            if (node.type() == Join.Type.LEFT_SEMI || node.type() == Join.Type.LEFT_ANTI) {
              return left;
            }
            return concat(left, node.right().columns());
          }

          @Override
          public PlanColumns visit(Union node) {
            return node.children().get(0).columns();
          }

          @Override
          public PlanColumns visit(Windowed node) {
            List<Column> out = new ArrayList<>(node.child().columns().columns);
            Schema schema = node.schema();
            for (int i = out.size(); i < schema.getFieldCount(); i++) {
              out.add(new Column(schema.getField(i).getName(), null, IDS.incrementAndGet()));
            }
            return new PlanColumns(out);
          }

          @Override
          public PlanColumns visit(Aggregate node) {
            Aggregation a = node.aggregation();
            return fresh(a.outputSchema());
          }
        });
  }

  @Override
  public String toString() {
    return columns.toString();
  }
}
