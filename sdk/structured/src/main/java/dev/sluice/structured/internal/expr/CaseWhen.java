package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * {@code CASE WHEN c1 THEN v1 [WHEN c2 THEN v2 ...] [ELSE e] END}, built by {@code when(...)
 * .when(...).otherwise(...)}. Branch values are converted to their common type; a condition that is
 * null counts as false; without ELSE the result is null when no condition holds.
 *
 * <pre>{@code
 * when(col("v").gt(10), "big").otherwise("small").toString();
 * // "CASE WHEN (v > 10) THEN big ELSE small END"
 * }</pre>
 */
public final class CaseWhen extends Expression {
  private static final long serialVersionUID = 1L;
  private final List<Expression> conditions;
  private final List<Expression> values;
  private final Expression otherwise;

  /** The branches in order, and the ELSE value or null. */
  public CaseWhen(List<Expression> conditions, List<Expression> values, Expression otherwise) {
    if (conditions.size() != values.size() || conditions.isEmpty()) {
      throw new IllegalArgumentException("CASE needs one value per condition, at least one");
    }
    this.conditions = Collections.unmodifiableList(new ArrayList<>(conditions));
    this.values = Collections.unmodifiableList(new ArrayList<>(values));
    this.otherwise = otherwise;
  }

  /** A copy with another branch. */
  public CaseWhen withBranch(Expression condition, Expression value) {
    if (otherwise != null) {
      throw new IllegalArgumentException(
          "when() cannot be applied once otherwise() is applied: put every when(...) before"
              + " otherwise(...)");
    }
    List<Expression> c = new ArrayList<>(conditions);
    List<Expression> v = new ArrayList<>(values);
    c.add(condition);
    v.add(value);
    return new CaseWhen(c, v, null);
  }

  /** A copy with an ELSE value. */
  public CaseWhen withOtherwise(Expression value) {
    if (otherwise != null) {
      throw new IllegalArgumentException("otherwise() can only be applied once");
    }
    return new CaseWhen(conditions, values, value);
  }

  @Override
  public String sql() {
    StringBuilder out = new StringBuilder("CASE");
    for (int i = 0; i < conditions.size(); i++) {
      out.append(" WHEN ").append(conditions.get(i).sql());
      out.append(" THEN ").append(values.get(i).sql());
    }
    if (otherwise != null) {
      out.append(" ELSE ").append(otherwise.sql());
    }
    return out.append(" END").toString();
  }

  @Override
  public List<Expression> children() {
    List<Expression> all = new ArrayList<>();
    for (int i = 0; i < conditions.size(); i++) {
      all.add(conditions.get(i));
      all.add(values.get(i));
    }
    if (otherwise != null) {
      all.add(otherwise);
    }
    return all;
  }

  @Override
  List<Object> parameters() {
    return Collections.singletonList(otherwise != null);
  }

  @Override
  Expression withChildren(List<Expression> c) {
    List<Expression> conds = new ArrayList<>();
    List<Expression> vals = new ArrayList<>();
    for (int i = 0; i + 1 < c.size(); i += 2) {
      conds.add(c.get(i));
      vals.add(c.get(i + 1));
    }
    return new CaseWhen(conds, vals, otherwise != null ? c.get(c.size() - 1) : null);
  }

  @Override
  public Bound bind(Schema input) {
    List<Bound> conds = new ArrayList<>();
    List<Bound> vals = new ArrayList<>();
    FieldType common = null;
    for (int i = 0; i < conditions.size(); i++) {
      Bound c = conditions.get(i).bind(input);
      if (!Types.isBoolean(c.type()) && !Types.isNull(c.type())) {
        throw new AnalysisException(
            "Cannot resolve '"
                + sql()
                + "' due to data type mismatch: WHEN expressions must be boolean, but "
                + conditions.get(i).sql()
                + " is "
                + Types.sparkName(c.type()));
      }
      conds.add(c);
      vals.add(values.get(i).bind(input));
    }
    Bound elseBound = otherwise == null ? null : otherwise.bind(input);
    List<Bound> branches = new ArrayList<>(vals);
    if (elseBound != null) {
      branches.add(elseBound);
    }
    for (Bound b : branches) {
      FieldType next = common == null ? b.type() : Types.commonType(common, b.type());
      if (next == null) {
        throw new AnalysisException(
            "Cannot resolve '"
                + sql()
                + "' due to data type mismatch: THEN and ELSE expressions should all be the same"
                + " type or coercible to a common type, but found "
                + Types.sparkName(common)
                + " and "
                + Types.sparkName(b.type()));
      }
      common = next;
    }
    boolean nullable = elseBound == null || common.getNullable();
    FieldType type = common.withNullable(nullable);
    List<Bound> castVals = new ArrayList<>();
    for (Bound b : vals) {
      castVals.add(Bounds.cast(b, type));
    }
    Bound castElse = elseBound == null ? null : Bounds.cast(elseBound, type);
    return Bounds.of(
        type,
        sql(),
        (row, ctx) -> {
          for (int i = 0; i < conds.size(); i++) {
            if (Boolean.TRUE.equals(conds.get(i).eval(row, ctx))) {
              return castVals.get(i).eval(row, ctx);
            }
          }
          return castElse == null ? null : castElse.eval(row, ctx);
        });
  }
}
