package dev.sluice.structured.internal.expr;

import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * An expression with a column name of the user's choosing: {@code col("a").as("b")}, {@code a AS
 * b}. Its {@link #sql()} is the name; {@link #toString()} is {@code a AS b}.
 *
 * <pre>{@code
 * new Alias(new Attribute(List.of("a")), "b").toString();  // "a AS b"
 * }</pre>
 */
public final class Alias extends Expression {
  private static final long serialVersionUID = 1L;
  private final Expression child;
  private final String name;

  /** {@code child AS name}. */
  public Alias(Expression child, String name) {
    this.child = child;
    this.name = name;
  }

  /** The aliased expression. */
  public Expression child() {
    return child;
  }

  /** The alias. */
  public String name() {
    return name;
  }

  @Override
  public String sql() {
    return name;
  }

  @Override
  public String toString() {
    String quoted =
        name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "`" + name.replace("`", "``") + "`";
    return child.toString() + " AS " + quoted;
  }

  @Override
  public List<Expression> children() {
    return Collections.singletonList(child);
  }

  @Override
  List<Object> parameters() {
    return Collections.singletonList(name);
  }

  @Override
  Expression withChildren(List<Expression> children) {
    return new Alias(children.get(0), name);
  }

  @Override
  public boolean isGenerator() {
    return child.isGenerator();
  }

  @Override
  public Expression unalias() {
    return child.unalias();
  }

  @Override
  public Bound bind(Schema input) {
    return Bounds.renamed(child.bind(input), name);
  }
}
