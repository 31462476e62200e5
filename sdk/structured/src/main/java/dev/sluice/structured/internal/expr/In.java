package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * {@code value IN (e1, e2, ...)} with SQL's null rules: true if some element equals the value, else
 * null if the value or some element is null, else false.
 *
 * <pre>{@code
 * Functions.col("action").isin("open", "close").toString();  // "(action IN (open, close))"
 * }</pre>
 */
public final class In extends Expression {
  private static final long serialVersionUID = 1L;
  private final Expression value;
  private final List<Expression> list;

  /** {@code value IN (list)}. */
  public In(Expression value, List<Expression> list) {
    this.value = value;
    this.list = Collections.unmodifiableList(new ArrayList<>(list));
  }

  @Override
  public String sql() {
    return "("
        + value.sql()
        + " IN ("
        + list.stream().map(Expression::sql).collect(Collectors.joining(", "))
        + "))";
  }

  @Override
  public List<Expression> children() {
    List<Expression> all = new ArrayList<>();
    all.add(value);
    all.addAll(list);
    return all;
  }

  @Override
  List<Object> parameters() {
    return Collections.emptyList();
  }

  @Override
  Expression withChildren(List<Expression> c) {
    return new In(c.get(0), c.subList(1, c.size()));
  }

  @Override
  public Bound bind(Schema input) {
    Bound v = value.bind(input);
    List<Bound> elements = new ArrayList<>();
    FieldType common = v.type();
    boolean nullable = v.type().getNullable();
    for (Expression e : list) {
      Bound b = e.bind(input);
      FieldType next = Types.comparisonType(common, b.type());
      if (next == null) {
        throw new AnalysisException(
            "Cannot resolve '"
                + sql()
                + "' due to data type mismatch: "
                + e.sql()
                + " ("
                + Types.sparkName(b.type())
                + ") cannot be compared with "
                + value.sql()
                + " ("
                + Types.sparkName(v.type())
                + ")");
      }
      common = next;
      nullable |= b.type().getNullable();
      elements.add(b);
    }
    FieldType target = common.withNullable(true);
    nullable |= Types.castMayFail(v.type(), target);
    for (Bound b : elements) {
      nullable |= Types.castMayFail(b.type(), target);
    }
    Bound castValue = Bounds.cast(v, target);
    List<Bound> castElements = new ArrayList<>();
    for (Bound b : elements) {
      castElements.add(Bounds.cast(b, target));
    }
    return Bounds.of(
        FieldType.BOOLEAN.withNullable(nullable),
        sql(),
        (row, ctx) -> {
          Object x = castValue.eval(row, ctx);
          if (x == null) {
            return null;
          }
          boolean sawNull = false;
          for (Bound b : castElements) {
            Object y = b.eval(row, ctx);
            if (y == null) {
              sawNull = true;
            } else if (Values.compare(x, y) == 0) {
              return true;
            }
          }
          return sawNull ? null : false;
        });
  }
}
