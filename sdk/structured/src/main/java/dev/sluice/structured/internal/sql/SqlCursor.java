package dev.sluice.structured.internal.sql;

import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.internal.sql.SqlLexer.Kind;
import dev.sluice.structured.internal.sql.SqlLexer.Token;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The token stream under {@link SqlParser}: look-ahead, accepting and expecting keywords and
 * operators, and Spark's {@code ParseException} layout for errors.
 */
abstract class SqlCursor {
  /** Words that never start an implicit alias or a column reference. */
  static final Set<String> RESERVED =
      Set.copyOf(
          Arrays.asList(
              "SELECT",
              "FROM",
              "WHERE",
              "GROUP",
              "BY",
              "HAVING",
              "ORDER",
              "LIMIT",
              "AS",
              "AND",
              "OR",
              "NOT",
              "IS",
              "IN",
              "LIKE",
              "RLIKE",
              "REGEXP",
              "BETWEEN",
              "ASC",
              "DESC",
              "NULLS",
              "CASE",
              "WHEN",
              "THEN",
              "ELSE",
              "END",
              "DISTINCT",
              "UNION",
              "JOIN",
              "ON",
              "SORT",
              "CLUSTER",
              "DISTRIBUTE",
              "LATERAL",
              "INNER",
              "LEFT",
              "RIGHT",
              "FULL",
              "CROSS",
              "OUTER",
              "SEMI",
              "ANTI"));

  final String sql;
  final List<Token> tokens;
  int pos;

  SqlCursor(String sql) {
    this.sql = sql;
    this.tokens = SqlLexer.tokenize(sql);
  }

  Token peek() {
    return tokens.get(pos);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  Token next() {
    Token t = tokens.get(pos);
    if (t.kind != Kind.EOF) {
      pos++;
    }
    return t;
  }

  boolean acceptKeyword(String keyword) {
    if (peek().isKeyword(keyword)) {
      pos++;
      return true;
    }
    return false;
  }

  boolean acceptOp(String op) {
    if (peek().isOp(op)) {
      pos++;
      return true;
    }
    return false;
  }

  void expectKeyword(String keyword) {
    if (!acceptKeyword(keyword)) {
      throw error(peek(), "expected " + keyword);
    }
  }

  void expectOp(String op) {
    if (!acceptOp(op)) {
      throw error(peek(), "expected '" + op + "'");
    }
  }

  void expectEnd(String what) {
    if (peek().kind != Kind.EOF) {
      throw error(peek(), "expected " + what);
    }
  }

  String identifier(String what) {
    Token t = next();
    if (t.kind == Kind.QUOTED_IDENT || (t.kind == Kind.IDENT && !RESERVED.contains(t.upper()))) {
      return t.text;
    }
    throw error(t, "expected " + what);
  }

  AnalysisException error(Token t, String message) {
    String near = t.kind == Kind.EOF ? "end of input" : "'" + sql.substring(t.start, t.end) + "'";
    return error(sql, t.start, "Syntax error at or near " + near + ": " + message);
  }

  /** Spark's ParseException layout: the message, (line, pos), the SQL and a marker. */
  static AnalysisException error(String sql, int offset, String message) {
    int lineStart = sql.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
    if (offset == 0) {
      lineStart = 0;
    }
    int line = 1;
    for (int i = 0; i < lineStart; i++) {
      if (sql.charAt(i) == '\n') {
        line++;
      }
    }
    int column = offset - lineStart;
    StringBuilder out = new StringBuilder();
    out.append(message).append(" (line ").append(line).append(", pos ").append(column).append(")");
    out.append("\n\n== SQL ==\n");
    String[] lines = sql.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.append(lines[i]).append('\n');
      if (i == line - 1) {
        out.append("-".repeat(column)).append("^^^\n");
      }
    }
    return new AnalysisException(out.toString().trim());
  }
}
