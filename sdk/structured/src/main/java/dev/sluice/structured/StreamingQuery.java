package dev.sluice.structured;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A running streaming query (Spark's {@code StreamingQuery}), returned by {@link
 * DataStreamWriter#start()}.
 *
 * <pre>{@code
 * StreamingQuery query = counts.writeStream().format("console").outputMode("complete").start();
 * query.processAllAvailable();          // wait until everything available is processed
 * System.out.println(query.lastProgress().prettyJson());
 * query.stop();
 * }</pre>
 */
public interface StreamingQuery {
  /** Stays the same across restarts from the same checkpoint. */
  UUID id();

  /** Unique to this run. */
  UUID runId();

  /** The {@code queryName}, or null. */
  String name();

  boolean isActive();

  StreamingQueryStatus status();

  /** The last batch's progress, or null before the first batch. */
  StreamingQueryProgress lastProgress();

  /** The progress of recent batches (up to 100), oldest first. */
  List<StreamingQueryProgress> recentProgress();

  /** Waits until the query stops; throws its error if it failed. */
  void awaitTermination() throws StreamingQueryException;

  /**
   * Waits up to {@code timeoutMillis}; true if the query stopped. Throws its error if it failed.
   */
  boolean awaitTermination(long timeoutMillis) throws StreamingQueryException;

  /**
   * Waits until all data available in the sources when called has been processed and committed,
   * including the no-data batch a watermark move makes. Throws the query's error if it fails.
   */
  void processAllAvailable() throws StreamingQueryException;

  /** Stops the query; returns once it is stopped. */
  void stop();

  /** The error the query failed with, if it did. */
  Optional<StreamingQueryException> exception();

  /** Explains the query's plan (its logical plan, one operator per line). */
  String explain();
}
