package dev.sluice.structured.internal.expr;

import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import dev.sluice.structured.AnalysisException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * {@code CAST(child AS type)} with Spark's non-ANSI rules: text that does not parse gives null;
 * numbers narrow like Java casts; timestamps cast to numbers as seconds since the epoch and print
 * as {@code yyyy-MM-dd HH:mm:ss} in the session zone. Type names are Spark DDL ({@code int}, {@code
 * bigint}, {@code decimal(10,2)}, {@code timestamp}, {@code array<string>}), parsed by {@link
 * DdlSchema#parseType}.
 *
 * <pre>{@code
 * Cast.to(new Attribute(List.of("value")), "string").sql();  // "CAST(value AS STRING)"
 * }</pre>
 */
public final class Cast extends Expression {
  private static final long serialVersionUID = 1L;
  private final Expression child;
  private final FieldType to;

  /** {@code CAST(child AS to)}. */
  public Cast(Expression child, FieldType to) {
    this.child = child;
    this.to = to.withNullable(true);
  }

  /**
   * {@code CAST(child AS ddlType)}.
   *
   * @throws AnalysisException if {@code ddlType} is not a Spark data type
   */
  public static Cast to(Expression child, String ddlType) {
    try {
      return new Cast(child, DdlSchema.parseType(ddlType));
    } catch (IllegalArgumentException e) {
      throw new AnalysisException(
          "Cannot cast " + child.sql() + " to '" + ddlType + "': " + e.getMessage(), e);
    }
  }

  /** The target type. */
  public FieldType targetType() {
    return to;
  }

  @Override
  public String sql() {
    return "CAST("
        + child.sql()
        + " AS "
        + SparkTypes.simpleString(to).toUpperCase(Locale.ROOT)
        + ")";
  }

  @Override
  public List<Expression> children() {
    return Collections.singletonList(child);
  }

  @Override
  List<Object> parameters() {
    return Collections.singletonList(SparkTypes.simpleString(to));
  }

  @Override
  Expression withChildren(List<Expression> c) {
    return new Cast(c.get(0), to);
  }

  @Override
  public Bound bind(Schema input) {
    Bound c = child.bind(input);
    FieldType from = c.type();
    if (!Values.canCast(from, to)) {
      throw new AnalysisException(
          "Cannot resolve '"
              + sql()
              + "' due to data type mismatch: cannot cast "
              + Types.sparkName(from)
              + " to "
              + Types.sparkName(to));
    }
    boolean sameType = from.withNullable(true).equals(to);
    boolean mayFail = !sameType && !Types.isString(to);
    FieldType type = to.withNullable(from.getNullable() || mayFail);
    // Spark names a cast of a column after the column: CAST(value AS STRING) is 'value'.
    boolean named = child instanceof Alias || child instanceof Attribute;
    String name = named ? c.name() : sql();
    return Bounds.of(type, name, (row, ctx) -> Values.cast(c.eval(row, ctx), from, to, ctx.zone));
  }
}
