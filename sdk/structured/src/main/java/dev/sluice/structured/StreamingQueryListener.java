package dev.sluice.structured;

import java.util.Optional;

/**
 * Receives the life of every query of a session: started, each batch's progress, terminated
 * (Spark's {@code StreamingQueryListener}). Callbacks run on the query's threads; keep them short.
 *
 * <pre>{@code
 * session.streams().addListener(new StreamingQueryListener() {
 *   public void onQueryStarted(QueryStartedEvent e) {}
 *   public void onQueryProgress(QueryProgressEvent e) { System.out.println(e.progress().batchId()); }
 *   public void onQueryTerminated(QueryTerminatedEvent e) {}
 * });
 * }</pre>
 */
public abstract class StreamingQueryListener {
  public abstract void onQueryStarted(QueryStartedEvent event);

  public abstract void onQueryProgress(QueryProgressEvent event);

  public abstract void onQueryTerminated(QueryTerminatedEvent event);

  /** A query started. */
  public static final class QueryStartedEvent {
    private final String id;
    private final String runId;
    private final String name;

    QueryStartedEvent(String id, String runId, String name) {
      this.id = id;
      this.runId = runId;
      this.name = name;
    }

    public String id() {
      return id;
    }

    public String runId() {
      return runId;
    }

    /** The query's name, or null. */
    public String name() {
      return name;
    }
  }

  /** A query finished a batch. */
  public static final class QueryProgressEvent {
    private final StreamingQueryProgress progress;

    QueryProgressEvent(StreamingQueryProgress progress) {
      this.progress = progress;
    }

    public StreamingQueryProgress progress() {
      return progress;
    }
  }

  /** A query stopped, by itself, by {@code stop()}, or with an error. */
  public static final class QueryTerminatedEvent {
    private final String id;
    private final String runId;
    private final String exception;

    QueryTerminatedEvent(String id, String runId, String exception) {
      this.id = id;
      this.runId = runId;
      this.exception = exception;
    }

    public String id() {
      return id;
    }

    public String runId() {
      return runId;
    }

    /** The error's message if the query failed. */
    public Optional<String> exception() {
      return Optional.ofNullable(exception);
    }
  }
}
