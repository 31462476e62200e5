package dev.sluice.structured.internal.sql;

import dev.sluice.io.time.DurationText;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.internal.expr.Alias;
import dev.sluice.structured.internal.expr.Attribute;
import dev.sluice.structured.internal.expr.BinaryOperator;
import dev.sluice.structured.internal.expr.CaseWhen;
import dev.sluice.structured.internal.expr.Cast;
import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.expr.ExtractValue;
import dev.sluice.structured.internal.expr.FunctionCall;
import dev.sluice.structured.internal.expr.In;
import dev.sluice.structured.internal.expr.Literal;
import dev.sluice.structured.internal.expr.SortOrder;
import dev.sluice.structured.internal.expr.Star;
import dev.sluice.structured.internal.expr.UnaryOperator;
import dev.sluice.structured.internal.sql.SqlLexer.Kind;
import dev.sluice.structured.internal.sql.SqlLexer.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Spark SQL's expression syntax, for {@code expr(...)}, {@code selectExpr(...)}, {@code
 * filter(String)} and {@code session.sql(...)}.
 *
 * <pre>
 * expression := expression OR expression | expression AND expression | NOT expression
 *             | a (= | == | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;= | &lt;=&gt;) b
 *             | a IS [NOT] NULL | a [NOT] BETWEEN b AND c | a [NOT] IN (b, ...)
 *             | a [NOT] LIKE b | a [NOT] RLIKE b
 *             | a (+ | - | * | / | % | ||) b | - a
 *             | CASE [WHEN c THEN v]... [ELSE e] END | CAST(e AS type)
 *             | f([DISTINCT] args) | count(*) | name[.field...] | `quoted name` | a[index]
 *             | 42 | 42L | 1.5 | 'text' | TRUE | FALSE | NULL
 *             | INTERVAL '10 minutes' | INTERVAL 5 MINUTES
 * item       := * | name.* | expression [[AS] alias]
 * query      := SELECT [DISTINCT] item, ... FROM name [WHERE e] [GROUP BY e, ...] [HAVING e]
 *               [ORDER BY e [ASC | DESC] [NULLS FIRST | LAST], ...] [LIMIT n]
 * </pre>
 *
 * <p>Keywords and function names are case-insensitive. A decimal literal such as {@code 1.5} is a
 * double (Spark makes it a decimal). Errors are {@link AnalysisException}s naming the position and
 * showing the text, like Spark's {@code ParseException}.
 *
 * <pre>{@code
 * SqlParser.expression("count(DISTINCT user_id) AS users");
 * SqlParser.query("SELECT action, count(*) AS n FROM events GROUP BY action ORDER BY n DESC");
 * }</pre>
 */
public final class SqlParser extends SqlCursor {
  private SqlParser(String sql) {
    super(sql);
  }

  /**
   * Parses one expression, optionally with an alias ({@code "value * 2 AS doubled"}).
   *
   * @throws AnalysisException on a syntax error, naming its position
   */
  public static Expression expression(String sql) {
    SqlParser p = new SqlParser(requireText(sql));
    Expression e = p.item();
    p.expectEnd("the end of the expression");
    return e;
  }

  /** Parses each argument of {@code selectExpr(...)}, each one select item. */
  public static List<Expression> selectList(String... items) {
    List<Expression> columns = new ArrayList<>();
    for (String item : items) {
      columns.add(expression(item));
    }
    return columns;
  }

  /**
   * Parses a query for {@code session.sql(...)}.
   *
   * @throws AnalysisException on a syntax error, naming its position
   */
  public static SelectStatement query(String sql) {
    SqlParser p = new SqlParser(requireText(sql));
    return p.select();
  }

  private static String requireText(String sql) {
    if (sql == null || sql.trim().isEmpty()) {
      throw new AnalysisException(
          "Cannot parse an empty SQL text; write an expression, e.g. a + 1");
    }
    return sql;
  }

  // ---- queries ----

  private SelectStatement select() {
    expectKeyword("SELECT");
    boolean distinct = acceptKeyword("DISTINCT");
    List<Expression> items = new ArrayList<>();
    do {
      items.add(item());
    } while (acceptOp(","));
    expectKeyword("FROM");
    String from = qualifiedName();
    Expression where = null;
    List<Expression> groupBy = new ArrayList<>();
    Expression having = null;
    List<Expression> orderBy = new ArrayList<>();
    OptionalInt limit = OptionalInt.empty();
    if (acceptKeyword("WHERE")) {
      where = expr();
    }
    if (acceptKeyword("GROUP")) {
      expectKeyword("BY");
      do {
        groupBy.add(expr());
      } while (acceptOp(","));
    }
    if (acceptKeyword("HAVING")) {
      having = expr();
    }
    if (acceptKeyword("ORDER")) {
      expectKeyword("BY");
      do {
        Expression key = expr();
        boolean ascending = true;
        if (acceptKeyword("DESC")) {
          ascending = false;
        } else {
          acceptKeyword("ASC");
        }
        boolean nullsFirst = ascending;
        if (acceptKeyword("NULLS")) {
          if (acceptKeyword("FIRST")) {
            nullsFirst = true;
          } else {
            expectKeyword("LAST");
            nullsFirst = false;
          }
        }
        orderBy.add(new SortOrder(key, ascending, nullsFirst));
      } while (acceptOp(","));
    }
    if (acceptKeyword("LIMIT")) {
      Token t = next();
      if (t.kind != Kind.NUMBER || !t.text.matches("\\d+")) {
        throw error(t, "LIMIT needs a whole number, e.g. LIMIT 10");
      }
      limit = OptionalInt.of(Integer.parseInt(t.text));
    }
    acceptOp(";");
    expectEnd(
        "the end of the query (clauses go in the order WHERE, GROUP BY, HAVING, ORDER BY,"
            + " LIMIT)");
    return new SelectStatement(items, distinct, from, where, groupBy, having, orderBy, limit);
  }

  private String qualifiedName() {
    StringBuilder name = new StringBuilder(identifier("a table or view name"));
    while (acceptOp(".")) {
      name.append('.').append(identifier("a name after '.'"));
    }
    return name.toString();
  }

  private Expression item() {
    Token t = peek();
    if (t.isOp("*")) {
      pos++;
      return new Star(null);
    }
    if ((t.kind == Kind.IDENT || t.kind == Kind.QUOTED_IDENT) && starAhead()) {
      List<String> parts = new ArrayList<>();
      parts.add(next().text);
      while (!peek(1).isOp("*")) {
        expectOp(".");
        parts.add(next().text);
      }
      expectOp(".");
      expectOp("*");
      return new Star(new Attribute(parts));
    }
    Expression e = expr();
    if (acceptKeyword("AS")) {
      return new Alias(e, identifier("an alias after AS"));
    }
    Token a = peek();
    if (a.kind == Kind.QUOTED_IDENT || (a.kind == Kind.IDENT && !RESERVED.contains(a.upper()))) {
      return new Alias(e, next().text);
    }
    return e;
  }

  /** True if the tokens from here are {@code name(.name)*.*}. */
  private boolean starAhead() {
    int i = pos;
    while (true) {
      Token t = tokens.get(i);
      if (t.kind != Kind.IDENT && t.kind != Kind.QUOTED_IDENT) {
        return false;
      }
      if (!tokens.get(i + 1).isOp(".")) {
        return false;
      }
      if (tokens.get(i + 2).isOp("*")) {
        return true;
      }
      i += 2;
    }
  }

  // ---- expressions, lowest precedence first ----

  private Expression expr() {
    Expression left = and();
    while (acceptKeyword("OR")) {
      left = new BinaryOperator(BinaryOperator.Op.OR, left, and());
    }
    return left;
  }

  private Expression and() {
    Expression left = not();
    while (acceptKeyword("AND")) {
      left = new BinaryOperator(BinaryOperator.Op.AND, left, not());
    }
    return left;
  }

  private Expression not() {
    if (acceptKeyword("NOT") || acceptOp("!")) {
      return new UnaryOperator(UnaryOperator.Kind.NOT, not());
    }
    return predicate();
  }

  private Expression predicate() {
    Expression left = additive();
    Token t = peek();
    if (t.kind == Kind.OP) {
      BinaryOperator.Op op = comparison(t.text);
      if (op != null) {
        pos++;
        Expression right = additive();
        Expression cmp = new BinaryOperator(op, left, right);
        return t.text.equals("!=") || t.text.equals("<>")
            ? new UnaryOperator(UnaryOperator.Kind.NOT, cmp)
            : cmp;
      }
      return left;
    }
    if (acceptKeyword("IS")) {
      boolean negated = acceptKeyword("NOT");
      expectKeyword("NULL");
      return new UnaryOperator(
          negated ? UnaryOperator.Kind.IS_NOT_NULL : UnaryOperator.Kind.IS_NULL, left);
    }
    int mark = pos;
    boolean negated = acceptKeyword("NOT");
    Expression result;
    if (acceptKeyword("BETWEEN")) {
      Expression low = additive();
      expectKeyword("AND");
      Expression high = additive();
      result =
          new BinaryOperator(
              BinaryOperator.Op.AND,
              new BinaryOperator(BinaryOperator.Op.GE, left, low),
              new BinaryOperator(BinaryOperator.Op.LE, left, high));
    } else if (acceptKeyword("IN")) {
      expectOp("(");
      List<Expression> list = new ArrayList<>();
      do {
        list.add(expr());
      } while (acceptOp(","));
      expectOp(")");
      result = new In(left, list);
    } else if (acceptKeyword("LIKE")) {
      result = new FunctionCall("like", Arrays.asList(left, additive()));
    } else if (acceptKeyword("RLIKE") || acceptKeyword("REGEXP")) {
      result = new FunctionCall("rlike", Arrays.asList(left, additive()));
    } else {
      pos = mark;
      return left;
    }
    return negated ? new UnaryOperator(UnaryOperator.Kind.NOT, result) : result;
  }

  private static BinaryOperator.Op comparison(String op) {
    switch (op) {
      case "=":
      case "==":
      case "!=":
      case "<>":
        return BinaryOperator.Op.EQ;
      case "<=>":
        return BinaryOperator.Op.EQ_NULL_SAFE;
      case "<":
        return BinaryOperator.Op.LT;
      case "<=":
        return BinaryOperator.Op.LE;
      case ">":
        return BinaryOperator.Op.GT;
      case ">=":
        return BinaryOperator.Op.GE;
      default:
        return null;
    }
  }

  private Expression additive() {
    Expression left = multiplicative();
    while (true) {
      if (acceptOp("+")) {
        left = new BinaryOperator(BinaryOperator.Op.ADD, left, multiplicative());
      } else if (acceptOp("-")) {
        left = new BinaryOperator(BinaryOperator.Op.SUBTRACT, left, multiplicative());
      } else if (acceptOp("||")) {
        left = new FunctionCall("concat", Arrays.asList(left, multiplicative()));
      } else {
        return left;
      }
    }
  }

  private Expression multiplicative() {
    Expression left = unary();
    while (true) {
      if (acceptOp("*")) {
        left = new BinaryOperator(BinaryOperator.Op.MULTIPLY, left, unary());
      } else if (acceptOp("/")) {
        left = new BinaryOperator(BinaryOperator.Op.DIVIDE, left, unary());
      } else if (acceptOp("%")) {
        left = new BinaryOperator(BinaryOperator.Op.MOD, left, unary());
      } else {
        return left;
      }
    }
  }

  private Expression unary() {
    if (acceptOp("-")) {
      Expression operand = unary();
      if (operand instanceof Literal && ((Literal) operand).value() instanceof Number) {
        return SqlCalls.negativeLiteral((Literal) operand);
      }
      return new UnaryOperator(UnaryOperator.Kind.NEGATE, operand);
    }
    if (acceptOp("+")) {
      return unary();
    }
    return postfix(primary());
  }

  private Expression postfix(Expression e) {
    while (true) {
      if (peek().isOp("[")) {
        pos++;
        Expression key = expr();
        expectOp("]");
        e = new ExtractValue(e, key, false);
      } else if (peek().isOp(".") && !(e instanceof Attribute)) {
        pos++;
        e = new ExtractValue(e, Literal.of(identifier("a field name after '.'")), true);
      } else if (acceptOp("::")) {
        e = castTo(e, typeText(false));
      } else {
        return e;
      }
    }
  }

  private Expression primary() {
    Token t = next();
    switch (t.kind) {
      case NUMBER:
        return number(t);
      case STRING:
        {
          StringBuilder s = new StringBuilder(t.text);
          while (peek().kind == Kind.STRING) {
            s.append(next().text);
          }
          return Literal.of(s.toString());
        }
      case OP:
        if (t.isOp("(")) {
          Expression e = expr();
          expectOp(")");
          return e;
        }
        throw error(t, "expected an expression");
      case QUOTED_IDENT:
        return attribute(t);
      case IDENT:
        return identifierExpression(t);
      default:
        throw error(t, "expected an expression");
    }
  }

  private Expression identifierExpression(Token t) {
    String upper = t.upper();
    if (peek().isOp("(")) {
      if (upper.equals("CAST")) {
        pos++;
        Expression e = expr();
        expectKeyword("AS");
        return castTo(e, typeText(true));
      }
      return call(t);
    }
    switch (upper) {
      case "NULL":
        return Literal.of(null);
      case "TRUE":
        return Literal.of(true);
      case "FALSE":
        return Literal.of(false);
      case "INTERVAL":
        return interval(t);
      case "CASE":
        return caseWhen();
      case "CURRENT_TIMESTAMP":
      case "CURRENT_DATE":
        return new FunctionCall(t.text, Collections.emptyList());
      default:
        if (RESERVED.contains(upper)) {
          throw error(t, "expected an expression but found the keyword " + upper);
        }
        return attribute(t);
    }
  }

  private Expression attribute(Token first) {
    List<String> parts = new ArrayList<>();
    parts.add(first.text);
    while (peek().isOp(".") && (peek(1).kind == Kind.IDENT || peek(1).kind == Kind.QUOTED_IDENT)) {
      pos++;
      parts.add(next().text);
    }
    return new Attribute(parts);
  }

  private Expression call(Token name) {
    expectOp("(");
    String fn = name.text.toLowerCase(Locale.ROOT);
    boolean distinct = acceptKeyword("DISTINCT");
    List<Expression> args = new ArrayList<>();
    if (peek().isOp("*") && peek(1).isOp(")")) {
      pos++;
      args.add(Literal.of(1));
    } else if (!peek().isOp(")")) {
      do {
        args.add(expr());
      } while (acceptOp(","));
    }
    expectOp(")");
    try {
      return SqlCalls.function(fn, distinct, args);
    } catch (IllegalArgumentException e) {
      throw error(name, e.getMessage());
    }
  }

  private Expression interval(Token keyword) {
    StringBuilder text = new StringBuilder();
    Token t = peek();
    if (t.kind == Kind.STRING) {
      text.append(next().text);
      if (peek().kind == Kind.IDENT && SqlCalls.isUnit(peek().text)) {
        text.append(' ').append(next().text);
      }
    } else {
      while (peek().kind == Kind.NUMBER || (peek().isOp("-") && peek(1).kind == Kind.NUMBER)) {
        if (acceptOp("-")) {
          text.append('-');
        }
        text.append(next().text).append(' ');
        Token unit = next();
        if (unit.kind != Kind.IDENT || !SqlCalls.isUnit(unit.text)) {
          throw error(unit, "expected an interval unit such as MINUTES after the number");
        }
        text.append(unit.text).append(' ');
      }
      if (text.length() == 0) {
        throw error(t, "expected an interval such as INTERVAL '10 minutes' or INTERVAL 10 MINUTES");
      }
    }
    try {
      return Literal.interval(DurationText.parseMillis(text.toString().trim()));
    } catch (IllegalArgumentException e) {
      throw error(keyword, e.getMessage());
    }
  }

  private Expression caseWhen() {
    Expression operand = null;
    if (!peek().isKeyword("WHEN")) {
      operand = expr();
    }
    List<Expression> conditions = new ArrayList<>();
    List<Expression> values = new ArrayList<>();
    while (acceptKeyword("WHEN")) {
      Expression c = expr();
      conditions.add(operand == null ? c : new BinaryOperator(BinaryOperator.Op.EQ, operand, c));
      expectKeyword("THEN");
      values.add(expr());
    }
    if (conditions.isEmpty()) {
      throw error(peek(), "expected WHEN after CASE");
    }
    Expression otherwise = acceptKeyword("ELSE") ? expr() : null;
    expectKeyword("END");
    return new CaseWhen(conditions, values, otherwise);
  }

  /** The raw text of a data type, up to the ')' closing a CAST (or the end of a :: type). */
  private String typeText(boolean inCast) {
    int start = peek().start;
    int depth = 0;
    int end = start;
    while (true) {
      Token t = peek();
      if (t.kind == Kind.EOF) {
        if (inCast) {
          throw error(t, "expected ')' to close CAST(... AS type)");
        }
        break;
      }
      if (t.isOp("(") || t.isOp("<")) {
        depth++;
      } else if (t.isOp(")") || t.isOp(">")) {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (depth == 0 && !inCast && t.kind != Kind.IDENT) {
        break;
      }
      end = t.end;
      pos++;
      if (!inCast && depth == 0 && !peek().isOp("(") && !peek().isOp("<")) {
        break;
      }
    }
    if (inCast) {
      expectOp(")");
    }
    if (end == start) {
      throw error(peek(), "expected a data type, e.g. INT, STRING, TIMESTAMP, DECIMAL(10,2)");
    }
    return sql.substring(start, end);
  }

  private Expression castTo(Expression e, String type) {
    return Cast.to(e, type);
  }

  private Expression number(Token t) {
    String text = t.text;
    String upper = text.toUpperCase(Locale.ROOT);
    try {
      if (upper.endsWith("BD")) {
        return Literal.of(new BigDecimal(text.substring(0, text.length() - 2)));
      }
      char suffix = upper.charAt(upper.length() - 1);
      String body = text.substring(0, text.length() - 1);
      switch (suffix) {
        case 'L':
          return Literal.of(Long.parseLong(body));
        case 'S':
          return Literal.of(Short.parseShort(body));
        case 'Y':
          return Literal.of(Byte.parseByte(body));
        case 'D':
          return Literal.of(Double.parseDouble(body));
        case 'F':
          return Literal.of(Float.parseFloat(body));
        default:
          break;
      }
      if (text.contains(".") || upper.contains("E")) {
        return Literal.of(Double.parseDouble(text));
      }
      long value = Long.parseLong(text);
      return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
          ? Literal.of((int) value)
          : Literal.of(value);
    } catch (NumberFormatException e) {
      if (!text.contains(".") && upper.chars().allMatch(Character::isDigit)) {
        return Literal.of(new BigDecimal(text));
      }
      throw error(t, "numeric literal " + text + " is out of range");
    }
  }
}
