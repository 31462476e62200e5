package dev.sluice.structured;

/**
 * Why a streaming query stopped with an error: thrown by {@link StreamingQuery#awaitTermination()}
 * and returned by {@link StreamingQuery#exception()}; {@link #getCause()} is the original error (a
 * user function's exception, a malformed record in FAILFAST mode, …).
 *
 * <pre>{@code
 * try {
 *   query.awaitTermination();
 * } catch (StreamingQueryException e) {
 *   System.err.println(e.getMessage());   // Query [id = …, runId = …] terminated with exception: …
 * }
 * }</pre>
 */
public class StreamingQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StreamingQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
