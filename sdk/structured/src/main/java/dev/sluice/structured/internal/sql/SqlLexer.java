package dev.sluice.structured.internal.sql;

import dev.sluice.structured.AnalysisException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits Spark SQL text into tokens: identifiers and keywords, {@code `quoted identifiers`}, string
 * literals ({@code '...'} or {@code "..."} with backslash escapes), numbers (with Spark's {@code
 * L}, {@code S}, {@code Y}, {@code D}, {@code BD} suffixes) and operators.
 */
final class SqlLexer {
  enum Kind {
    IDENT,
    QUOTED_IDENT,
    STRING,
    NUMBER,
    OP,
    EOF
  }

  static final class Token {
    final Kind kind;
    final String text;
    final int start;
    final int end;

    Token(Kind kind, String text, int start, int end) {
      this.kind = kind;
      this.text = text;
      this.start = start;
      this.end = end;
    }

    boolean isKeyword(String keyword) {
      return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    boolean isOp(String op) {
      return kind == Kind.OP && text.equals(op);
    }

    String upper() {
      return text.toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
      return kind == Kind.EOF ? "end of input" : "'" + text + "'";
    }
  }

  private static final String[] OPERATORS = {
    "<=>", "==", "!=", "<>", "<=", ">=", "||", "::", "=", "<", ">", "+", "-", "*", "/", "%", "(",
    ")", ",", ".", "[", "]", ";", "!", "&", "|", "^", "~"
  };

  private SqlLexer() {}

  static List<Token> tokenize(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      int start = i;
      if (Character.isLetter(c) || c == '_') {
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
          i++;
        }
        tokens.add(new Token(Kind.IDENT, sql.substring(start, i), start, i));
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        i = number(sql, i);
        tokens.add(new Token(Kind.NUMBER, sql.substring(start, i), start, i));
      } else if (c == '`') {
        StringBuilder out = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw SqlParser.error(sql, start, "unclosed quoted identifier; close it with `");
          }
          char d = sql.charAt(i++);
          if (d == '`') {
            if (i < n && sql.charAt(i) == '`') {
              out.append('`');
              i++;
            } else {
              break;
            }
          } else {
            out.append(d);
          }
        }
        tokens.add(new Token(Kind.QUOTED_IDENT, out.toString(), start, i));
      } else if (c == '\'' || c == '"') {
        StringBuilder out = new StringBuilder();
        i++;
        while (true) {
          if (i >= n) {
            throw SqlParser.error(sql, start, "unclosed string literal; close it with " + c);
          }
          char d = sql.charAt(i++);
          if (d == '\\' && i < n) {
            char e = sql.charAt(i++);
            switch (e) {
              case 'n':
                out.append('\n');
                break;
              case 't':
                out.append('\t');
                break;
              case 'r':
                out.append('\r');
                break;
              case '0':
                out.append('\0');
                break;
              default:
                out.append(e);
            }
          } else if (d == c) {
            break;
          } else {
            out.append(d);
          }
        }
        tokens.add(new Token(Kind.STRING, out.toString(), start, i));
      } else {
        String op = null;
        for (String candidate : OPERATORS) {
          if (sql.startsWith(candidate, i)) {
            op = candidate;
            break;
          }
        }
        if (op == null) {
          throw SqlParser.error(sql, start, "unexpected character '" + c + "'");
        }
        i += op.length();
        tokens.add(new Token(Kind.OP, op, start, i));
      }
    }
    tokens.add(new Token(Kind.EOF, "", n, n));
    return tokens;
  }

  private static int number(String sql, int i) {
    int n = sql.length();
    while (i < n && Character.isDigit(sql.charAt(i))) {
      i++;
    }
    if (i < n && sql.charAt(i) == '.' && !(i + 1 < n && sql.charAt(i + 1) == '.')) {
      i++;
      while (i < n && Character.isDigit(sql.charAt(i))) {
        i++;
      }
    }
    if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
        j++;
      }
      if (j < n && Character.isDigit(sql.charAt(j))) {
        i = j;
        while (i < n && Character.isDigit(sql.charAt(i))) {
          i++;
        }
      }
    }
    if (sql.regionMatches(true, i, "BD", 0, 2)) {
      i += 2;
    } else if (i < n && "LlSsYyDdFf".indexOf(sql.charAt(i)) >= 0) {
      i++;
    }
    if (i < n && (Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
      // 1a is not a number; report it where it starts
      throw new AnalysisException(
          SqlParser.error(sql, i, "unexpected character after a number").getMessage());
    }
    return i;
  }
}
