package dev.sluice.structured.internal.expr;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * A reference to a field by position in a row Sluice builds itself (the grouping keys and aggregate
 * results an {@link Aggregation} evaluates its output expressions over). It keeps the name of the
 * expression it stands for.
 */
final class BoundReference extends Expression {
  private static final long serialVersionUID = 1L;
  private final int index;
  private final FieldType type;
  private final String name;

  BoundReference(int index, FieldType type, String name) {
    this.index = index;
    this.type = type;
    this.name = name;
  }

  @Override
  public String sql() {
    return name;
  }

  @Override
  public List<Expression> children() {
    return Collections.emptyList();
  }

  @Override
  List<Object> parameters() {
    return Arrays.asList(index, name);
  }

  @Override
  Expression withChildren(List<Expression> children) {
    return this;
  }

  @Override
  public Bound bind(Schema input) {
    int i = index;
    return Bounds.of(type, name, (row, ctx) -> Attribute.read(row, i));
  }
}
