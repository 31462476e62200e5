package dev.sluice.structured;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The queries of a session ({@code session.streams()}): the active ones, waiting for any to end,
 * and listeners.
 *
 * <pre>{@code
 * session.streams().awaitAnyTermination();
 * for (StreamingQuery q : session.streams().active()) q.stop();
 * }</pre>
 */
public final class StreamingQueryManager {
  private final Map<UUID, StreamingQuery> active = new ConcurrentHashMap<>();
  private final List<StreamingQueryListener> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private StreamingQuery lastTerminated;
  private StreamingQueryException lastFailure;

  StreamingQueryManager() {}

  /** The queries running now. */
  public StreamingQuery[] active() {
    return active.values().toArray(new StreamingQuery[0]);
  }

  /** The active query with id {@code id}, or null. */
  public StreamingQuery get(UUID id) {
    return active.get(id);
  }

  /** Waits until a query ends (or one ended since the last {@link #resetTerminated()}). */
  public void awaitAnyTermination() {
    awaitAnyTermination(Long.MAX_VALUE);
  }

  /** As {@link #awaitAnyTermination()}, at most {@code timeoutMillis}; true if one ended. */
  public boolean awaitAnyTermination(long timeoutMillis) {
    long deadline =
        timeoutMillis == Long.MAX_VALUE
            ? Long.MAX_VALUE
            : System.currentTimeMillis() + timeoutMillis;
    synchronized (lock) {
      while (lastTerminated == null) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return false;
        }
        try {
          lock.wait(Math.min(left, 1000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted in awaitAnyTermination", e);
        }
      }
      if (lastFailure != null) {
        throw lastFailure;
      }
      return true;
    }
  }

  /** Forgets ended queries, so {@link #awaitAnyTermination()} waits for the next one. */
  public void resetTerminated() {
    synchronized (lock) {
      lastTerminated = null;
      lastFailure = null;
    }
  }

  public void addListener(StreamingQueryListener listener) {
    listeners.add(listener);
  }

  public void removeListener(StreamingQueryListener listener) {
    listeners.remove(listener);
  }

  /** The listeners (for tests). */
  List<StreamingQueryListener> listeners() {
    return new ArrayList<>(listeners);
  }

  void started(StreamingQuery query) {
    active.put(query.id(), query);
    for (StreamingQueryListener l : listeners) {
      l.onQueryStarted(
          new StreamingQueryListener.QueryStartedEvent(
              query.id().toString(), query.runId().toString(), query.name()));
    }
  }

  void progress(StreamingQueryProgress progress) {
    for (StreamingQueryListener l : listeners) {
      l.onQueryProgress(new StreamingQueryListener.QueryProgressEvent(progress));
    }
  }

  void terminated(StreamingQuery query, StreamingQueryException failure) {
    active.remove(query.id());
    synchronized (lock) {
      lastTerminated = query;
      if (failure != null) {
        lastFailure = failure;
      }
      lock.notifyAll();
    }
    for (StreamingQueryListener l : listeners) {
      l.onQueryTerminated(
          new StreamingQueryListener.QueryTerminatedEvent(
              query.id().toString(),
              query.runId().toString(),
              failure == null ? null : failure.getMessage()));
    }
  }
}
