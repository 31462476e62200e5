package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;

/**
 * {@code *} (all columns) or {@code name.*} (all fields of a struct column), as in {@code
 * select("*")} or {@code SELECT window.*}. It is expanded by {@link Projection}; {@code count(*)}
 * counts rows.
 *
 * <pre>{@code
 * Projection.of(schema, List.of(Functions.col("*"))).outputSchema();  // same as schema
 * }</pre>
 */
public final class Star extends Expression {
  private static final long serialVersionUID = 1L;
  private final Attribute target;

  /** {@code *} when {@code target} is null, else {@code target.*}. */
  public Star(Attribute target) {
    this.target = target;
  }

  /** The struct whose fields are meant, or null for all columns. */
  public Attribute target() {
    return target;
  }

  @Override
  public String sql() {
    return target == null ? "*" : target.sql() + ".*";
  }

  @Override
  public List<Expression> children() {
    return Collections.emptyList();
  }

  @Override
  List<Object> parameters() {
    return Collections.singletonList(target == null ? "" : target.sql());
  }

  @Override
  Expression withChildren(List<Expression> children) {
    return this;
  }

  @Override
  public Bound bind(Schema input) {
    throw new AnalysisException(
        "Invalid usage of '*' in expression '"
            + sql()
            + "': '*' can only be used on its own in select(...) or in count(*)");
  }
}
