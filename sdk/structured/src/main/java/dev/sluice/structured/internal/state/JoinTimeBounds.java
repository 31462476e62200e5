package dev.sluice.structured.internal.state;

import dev.sluice.structured.internal.expr.Alias;
import dev.sluice.structured.internal.expr.Attribute;
import dev.sluice.structured.internal.expr.BinaryOperator;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.expr.Literal;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * The time range a stream–stream join condition allows between the right side's event time and the
 * left side's: {@code lower <= rightTime - leftTime <= upper}, read from the condition's conjuncts
 * that compare the two time columns (with intervals added or subtracted), as Spark does to know
 * when a buffered row can no longer match and may be evicted (and, in an outer join, be emitted
 * with nulls).
 *
 * <pre>{@code
 * // clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 hour
 * JoinTimeBounds b = JoinTimeBounds.of(condition, "impressionTime", "clickTime");
 * b.lower();   // 0
 * b.upper();   // 3600000
 * }</pre>
 */
public final class JoinTimeBounds implements Serializable {
  private static final long serialVersionUID = 1L;

  @Nullable private final Long lower;
  @Nullable private final Long upper;

  private JoinTimeBounds(@Nullable Long lower, @Nullable Long upper) {
    this.lower = lower;
    this.upper = upper;
  }

  /** No bounds: neither side can ever be evicted. */
  public static JoinTimeBounds none() {
    return new JoinTimeBounds(null, null);
  }

  /** The smallest {@code rightTime − leftTime} the condition allows, or null if unbounded. */
  @Nullable
  public Long lower() {
    return lower;
  }

  /** The largest {@code rightTime − leftTime} the condition allows, or null if unbounded. */
  @Nullable
  public Long upper() {
    return upper;
  }

  /** The bounds {@code condition} puts on {@code rightTime − leftTime}. */
  public static JoinTimeBounds of(
      Expression condition, @Nullable String leftTime, @Nullable String rightTime) {
    if (leftTime == null || rightTime == null) {
      return none();
    }
    Long lower = null;
    Long upper = null;
    List<Expression> conjuncts = new ArrayList<>();
    flatten(condition, conjuncts);
    for (Expression c : conjuncts) {
      if (!(c instanceof BinaryOperator)) {
        continue;
      }
      BinaryOperator op = (BinaryOperator) c;
      Term a = Term.of(op.children().get(0));
      Term b = Term.of(op.children().get(1));
      if (a == null || b == null) {
        continue;
      }
      // a.column + a.offset  OP  b.column + b.offset, with one side left time, the other right
      boolean aLeft = a.column.equals(norm(leftTime)) && b.column.equals(norm(rightTime));
      boolean aRight = a.column.equals(norm(rightTime)) && b.column.equals(norm(leftTime));
      if (!aLeft && !aRight) {
        continue;
      }
      // d = right - left. If a is left: L + x OP R + y  =>  d (flipped OP) x - y
      long k = aLeft ? a.offset - b.offset : b.offset - a.offset;
      BinaryOperator.Op o = op.op();
      boolean dAtLeast; // d >= k (else d <= k)
      switch (o) {
        case LT:
        case LE:
          dAtLeast = aLeft;
          break;
        case GT:
        case GE:
          dAtLeast = !aLeft;
          break;
        case EQ:
          lower = lower == null ? k : Math.max(lower, k);
          upper = upper == null ? k : Math.min(upper, k);
          continue;
        default:
          continue;
      }
      if (dAtLeast) {
        lower = lower == null ? k : Math.max(lower, k);
      } else {
        upper = upper == null ? k : Math.min(upper, k);
      }
    }
    return new JoinTimeBounds(lower, upper);
  }

  private static void flatten(Expression e, List<Expression> out) {
    if (e instanceof BinaryOperator && ((BinaryOperator) e).op() == BinaryOperator.Op.AND) {
      flatten(e.children().get(0), out);
      flatten(e.children().get(1), out);
    } else if (e instanceof Alias) {
      flatten(((Alias) e).child(), out);
    } else {
      out.add(e);
    }
  }

  private static String norm(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** {@code column + offset}. */
  private static final class Term {
    final String column;
    final long offset;

    Term(String column, long offset) {
      this.column = column;
      this.offset = offset;
    }

    @Nullable
    static Term of(Expression e) {
      if (e instanceof Attribute) {
        return new Term(norm(((Attribute) e).lastPart()), 0);
      }
      if (e instanceof BinaryOperator) {
        BinaryOperator op = (BinaryOperator) e;
        if (op.op() != BinaryOperator.Op.ADD && op.op() != BinaryOperator.Op.SUBTRACT) {
          return null;
        }
        Term base = of(op.children().get(0));
        Long interval = interval(op.children().get(1));
        if (base != null && interval != null) {
          return new Term(
              base.column, base.offset + (op.op() == BinaryOperator.Op.ADD ? interval : -interval));
        }
        if (op.op() == BinaryOperator.Op.ADD) {
          Term other = of(op.children().get(1));
          Long first = interval(op.children().get(0));
          if (other != null && first != null) {
            return new Term(other.column, other.offset + first);
          }
        }
      }
      return null;
    }

    @Nullable
    static Long interval(Expression e) {
      if (e instanceof Literal && ((Literal) e).value() instanceof Long) {
        Literal l = (Literal) e;
        return "interval".equals(l.type().getMetadataString("sluice.kind"))
            ? (Long) l.value()
            : null;
      }
      return null;
    }
  }

  @Override
  public String toString() {
    return "JoinTimeBounds[" + lower + " <= right - left <= " + upper + "]";
  }
}
