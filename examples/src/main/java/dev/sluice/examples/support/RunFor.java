package dev.sluice.examples.support;

import dev.sluice.dstream.StreamingContext;
import dev.sluice.structured.StreamingQuery;
import java.time.Duration;

/**
 * How an example that runs until stopped waits: for its {@code --run-for}, until its job ends by
 * itself, or until the thread running it is interrupted (as a program embedding the example, or a
 * test, stops it; Ctrl-C ends the whole JVM instead). Then it stops the job cleanly and keeps the
 * thread's interrupt status.
 *
 * <pre>{@code
 * StreamingQuery query = console.writeStream(rate).start();
 * RunFor.await(query, Duration.ofSeconds(10)); // null: until interrupted
 * }</pre>
 */
public final class RunFor {
  /** How long a wait lasts before it looks for an interrupt again. */
  private static final long STEP_MILLIS = 100;

  /** How long a stopped context may take to wind down before the example returns anyway. */
  private static final long STOP_WAIT_MILLIS = 60_000;

  private RunFor() {}

  /**
   * Waits for {@code runFor} (null: no limit), the end of {@code query} or an interrupt, then stops
   * the query.
   *
   * @throws dev.sluice.structured.StreamingQueryException if the query failed
   */
  public static void await(StreamingQuery query, Duration runFor) {
    try {
      long end = end(runFor);
      while (!Thread.currentThread().isInterrupted() && System.currentTimeMillis() < end) {
        try {
          if (query.awaitTermination(step(end))) {
            return;
          }
        } catch (IllegalStateException e) {
          if (!Thread.currentThread().isInterrupted()) {
            throw e; // not an interrupt
          }
        }
      }
    } finally {
      boolean interrupted = Thread.interrupted(); // stop cleanly, then keep the interrupt
      query.stop();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Waits for {@code runFor} (null: no limit), the end of {@code ssc} or an interrupt, then stops
   * the context and waits for it to wind down.
   *
   * @throws RuntimeException the exception a function of the job threw
   */
  public static void await(StreamingContext ssc, Duration runFor) {
    try {
      long end = end(runFor);
      while (!Thread.currentThread().isInterrupted() && System.currentTimeMillis() < end) {
        try {
          if (ssc.awaitTerminationOrTimeout(step(end))) {
            return;
          }
        } catch (RuntimeException e) {
          if (!Thread.currentThread().isInterrupted()) {
            throw e; // not an interrupt: the job's own error
          }
        }
      }
    } finally {
      boolean interrupted = Thread.interrupted(); // stop cleanly, then keep the interrupt
      ssc.stop();
      ssc.awaitTerminationOrTimeout(STOP_WAIT_MILLIS);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static long end(Duration runFor) {
    return runFor == null ? Long.MAX_VALUE : System.currentTimeMillis() + runFor.toMillis();
  }

  private static long step(long end) {
    return Math.max(1, Math.min(STEP_MILLIS, end - System.currentTimeMillis()));
  }
}
