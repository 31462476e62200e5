package dev.sluice.structured.internal.plan;

import dev.sluice.structured.internal.expr.Alias;
import dev.sluice.structured.internal.expr.Attribute;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.expr.Projection;
import dev.sluice.structured.internal.expr.Star;
import dev.sluice.structured.internal.expr.WindowEvaluator;
import dev.sluice.structured.internal.expr.WindowExpression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The window operator (Spark's {@code Window} node): the child's rows with the values of window
 * expressions ({@code row_number().over(w)}, {@code sum(x).over(w)}) appended. It runs on static
 * frames; on a stream Spark refuses non-time-based windows when the query starts, and so does
 * Sluice ({@link Validation}).
 *
 * <p>{@link #project} is how {@code select}/{@code withColumn} use it: the window expressions of a
 * select list are computed here and the list refers to their columns, as Spark's analyzer does.
 *
 * <pre>{@code
 * LogicalPlan p = Windowed.project(child, items);   // Project over Windowed over child
 * }</pre>
 */
public final class Windowed extends Unary {
  private final List<WindowExpression> expressions;
  private final WindowEvaluator evaluator;

  private Windowed(LogicalPlan child, List<WindowExpression> expressions, List<String> names) {
    this(child, expressions, WindowEvaluator.of(child.schema(), expressions, names));
  }

  private Windowed(
      LogicalPlan child, List<WindowExpression> expressions, WindowEvaluator evaluator) {
    super(child, evaluator.outputSchema());
    this.expressions = List.copyOf(expressions);
    this.evaluator = evaluator;
  }

  /** The window expressions, one column each after the child's. */
  public List<WindowExpression> expressions() {
    return expressions;
  }

  public WindowEvaluator evaluator() {
    return evaluator;
  }

  /**
   * A projection of {@code items} (resolved against {@code child}) over {@code child}: if they
   * contain window expressions, those are computed by a window operator below the projection.
   */
  public static Project project(LogicalPlan child, List<Expression> items) {
    List<WindowExpression> found = new ArrayList<>();
    for (Expression item : items) {
      collect(item, found);
    }
    if (found.isEmpty()) {
      return new Project(child, Projection.of(child.schema(), items));
    }
    Set<String> taken = new HashSet<>();
    for (String n : child.schema().getFieldNames()) {
      taken.add(n.toLowerCase(Locale.ROOT));
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      String name = "__window" + i;
      while (!taken.add(name.toLowerCase(Locale.ROOT))) {
        name = "_" + name;
      }
      names.add(name);
    }
    Windowed windowed = new Windowed(child, found, names);
    List<Expression> rewritten = new ArrayList<>();
    for (Expression item : items) {
      if (item instanceof Star && ((Star) item).target() == null) {
        rewritten.addAll(Resolver.references(child)); // the child's columns, not the windows'
        continue;
      }
      rewritten.add(
          item.transform(
              e -> {
                int i = found.indexOf(e);
                return i >= 0 ? Attribute.resolved(names.get(i), e.sql()) : null;
              }));
    }
    return new Project(windowed, Projection.of(windowed.schema(), rewritten));
  }

  /** {@code withColumn(name, c)} where {@code c} has window expressions. */
  public static Project withColumn(LogicalPlan child, String name, Expression c) {
    List<Expression> items = Resolver.references(child);
    List<String> names = child.columns().names();
    boolean replaced = false;
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        items.set(i, new Alias(c.unalias(), name));
        replaced = true;
      }
    }
    if (!replaced) {
      items.add(new Alias(c.unalias(), name));
    }
    return project(child, items);
  }

  private static void collect(Expression e, List<WindowExpression> found) {
    if (e instanceof WindowExpression) {
      if (!found.contains(e)) {
        found.add((WindowExpression) e);
      }
      return;
    }
    for (Expression c : e.children()) {
      collect(c, found);
    }
  }

  @Override
  public String nodeName() {
    return "Window";
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
