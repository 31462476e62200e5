package dev.sluice.structured;

/**
 * A query refers to something that does not exist or combines things that do not fit: an unknown
 * column, a type mismatch, an aggregate where none is allowed. Thrown when a DataFrame operation is
 * defined (as Spark's {@code AnalysisException} is), never while data flows.
 *
 * <pre>{@code
 * df.select(col("acton"));
 * // AnalysisException: Column 'acton' does not exist. Did you mean one of the following?
 * //   [action, id, ts]
 * }</pre>
 */
public class AnalysisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error whose message says what is wrong and how to fix it. */
  public AnalysisException(String message) {
    super(message);
  }

  /** An error caused by another, e.g. an invalid datetime pattern. */
  public AnalysisException(String message, Throwable cause) {
    super(message, cause);
  }
}
