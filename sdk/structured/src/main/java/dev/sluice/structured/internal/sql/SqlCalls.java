package dev.sluice.structured.internal.sql;

import dev.sluice.io.time.DurationText;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.internal.expr.AggregateCall;
import dev.sluice.structured.internal.expr.CaseWhen;
import dev.sluice.structured.internal.expr.DateTimes;
import dev.sluice.structured.internal.expr.Explode;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.expr.FunctionCall;
import dev.sluice.structured.internal.expr.Literal;
import dev.sluice.structured.internal.expr.SessionWindow;
import dev.sluice.structured.internal.expr.TimeWindow;
import dev.sluice.structured.internal.expr.Types;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How {@link SqlParser} turns a function call into an expression: aggregates, {@code window},
 * {@code session_window}, {@code explode}, {@code if}, {@code nvl}, and the default arguments Spark
 * adds to the name ({@code split(s, ' ')} is {@code split(s, , -1)}, {@code round(x)} is {@code
 * round(x, 0)}, {@code unix_timestamp(ts)} gets the default pattern).
 */
final class SqlCalls {
  private SqlCalls() {}

  static Expression function(String fn, boolean distinct, List<Expression> args) {
    if (fn.equals("mean") || AggregateCall.NAMES.contains(fn)) {
      return AggregateCall.of(fn, distinct, args);
    }
    if (distinct) {
      throw new AnalysisException("DISTINCT is only allowed in aggregate functions, not in " + fn);
    }
    switch (fn) {
      case "window":
        {
          checkArgs(fn, args, 2, 4);
          long size = durationArg(fn, args.get(1), "window duration");
          long slide = args.size() > 2 ? durationArg(fn, args.get(2), "slide duration") : size;
          long start = args.size() > 3 ? startArg(args.get(3)) : 0;
          return new TimeWindow(args.get(0), size, slide, start);
        }
      case "session_window":
        checkArgs(fn, args, 2, 2);
        return new SessionWindow(args.get(0), durationArg(fn, args.get(1), "gap duration"));
      case "explode":
      case "explode_outer":
        checkArgs(fn, args, 1, 1);
        return new Explode(args.get(0), fn.equals("explode_outer"));
      case "if":
        checkArgs(fn, args, 3, 3);
        return new CaseWhen(
            Collections.singletonList(args.get(0)),
            Collections.singletonList(args.get(1)),
            args.get(2));
      case "nvl":
      case "ifnull":
        checkArgs(fn, args, 2, 2);
        return new FunctionCall("coalesce", args);
      case "substr":
        return new FunctionCall("substring", args);
      case "split":
        if (args.size() == 2) {
          args.add(Literal.of(-1));
        }
        break;
      case "round":
        if (args.size() == 1) {
          args.add(Literal.of(0));
        }
        break;
      case "unix_timestamp":
      case "from_unixtime":
        if (args.size() == 1) {
          args.add(Literal.of(DateTimes.DEFAULT_PATTERN));
        }
        break;
      default:
        break;
    }
    return new FunctionCall(fn, args);
  }

  static void checkArgs(String fn, List<Expression> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw new AnalysisException(
          "Invalid number of arguments for function "
              + fn
              + ". Expected: "
              + (min == max ? String.valueOf(min) : min + " to " + max)
              + "; Found: "
              + args.size());
    }
  }

  static long durationArg(String fn, Expression e, String what) {
    if (e instanceof Literal && Types.isInterval(((Literal) e).type())) {
      long millis = (Long) ((Literal) e).value();
      if (millis <= 0) {
        throw new IllegalArgumentException("The " + what + " of " + fn + " must be positive");
      }
      return millis;
    }
    if (e instanceof Literal && ((Literal) e).value() instanceof String) {
      return DurationText.parsePositiveMillis((String) ((Literal) e).value(), what);
    }
    throw new IllegalArgumentException(
        "The " + what + " of " + fn + " must be a string such as '10 minutes', not " + e.sql());
  }

  static long startArg(Expression e) {
    if (e instanceof Literal && Types.isInterval(((Literal) e).type())) {
      return (Long) ((Literal) e).value();
    }
    if (e instanceof Literal && ((Literal) e).value() instanceof String) {
      return DurationText.parseMillis((String) ((Literal) e).value());
    }
    throw new IllegalArgumentException("The start time of window must be a string, not " + e.sql());
  }

  static Expression negativeLiteral(Literal literal) {
    Object v = literal.value();
    if (Types.isInterval(literal.type())) {
      return Literal.interval(-(Long) v);
    }
    if (v instanceof Integer) {
      return Literal.of(-(Integer) v);
    } else if (v instanceof Long) {
      return Literal.of(-(Long) v);
    } else if (v instanceof Double) {
      return Literal.of(-(Double) v);
    } else if (v instanceof Float) {
      return Literal.of(-(Float) v);
    } else if (v instanceof Short) {
      return Literal.of((short) -(Short) v);
    } else if (v instanceof Byte) {
      return Literal.of((byte) -(Byte) v);
    }
    return Literal.of(((BigDecimal) v).negate());
  }

  static boolean isUnit(String word) {
    return word.toLowerCase(Locale.ROOT)
        .matches("(week|day|hour|minute|second|millisecond|microsecond|month|year)s?");
  }
}
