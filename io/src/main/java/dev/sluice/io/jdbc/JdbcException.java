package dev.sluice.io.jdbc;

/**
 * A JDBC read or write failed: the database is unreachable, the table's columns do not match, or a
 * statement failed (e.g. a constraint violation). The message names the table (or query), the row
 * when there is one, and what happened to the transaction; the cause is the driver's {@link
 * java.sql.SQLException}.
 *
 * <pre>{@code
 * try {
 *   JdbcTable.of(options).insert(schema, rows);
 * } catch (JdbcException e) {
 *   System.err.println(e.getMessage());   // Writing to table orders failed at row 3 of 10 ...
 * }
 * }</pre>
 */
public class JdbcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JdbcException(String message, Throwable cause) {
    super(message, cause);
  }

  public JdbcException(String message) {
    super(message);
  }
}
