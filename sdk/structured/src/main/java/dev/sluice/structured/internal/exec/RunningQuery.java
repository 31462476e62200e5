package dev.sluice.structured.internal.exec;

import dev.sluice.io.stream.SourceStatus;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingQueryException;
import dev.sluice.structured.StreamingQueryManager;
import dev.sluice.structured.StreamingQueryProgress;
import dev.sluice.structured.StreamingQueryStatus;
import dev.sluice.structured.internal.ApiAccess;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.util.UserCodeException;

/**
 * The {@link StreamingQuery} of a started Beam pipeline: collects progress from the sink step
 * ({@link QueryRegistry}), watches the pipeline on a thread, and answers the query's questions.
 *
 * <pre>{@code
 * RunningQuery q = new RunningQuery(manager, id, runId, name, statusKeys, plan);
 * q.start(pipeline);
 * }</pre>
 */
public final class RunningQuery implements StreamingQuery {
  private static final int RECENT = 100;

  private final StreamingQueryManager manager;
  private final UUID id;
  private final UUID runId;
  private final String name;
  private final List<String> statusKeys;
  private final String plan;
  private final Deque<StreamingQueryProgress> recent = new ArrayDeque<>();
  private final Object lock = new Object();
  private long processedThrough = -1;
  private volatile boolean active = true;
  private volatile boolean stopping;
  private boolean terminating;
  private volatile StreamingQueryException failure;
  private volatile String statusMessage = "Initializing sources";
  private PipelineResult result;

  public RunningQuery(
      StreamingQueryManager manager,
      UUID id,
      UUID runId,
      String name,
      List<String> statusKeys,
      String plan) {
    this.manager = manager;
    this.id = id;
    this.runId = runId;
    this.name = name;
    this.statusKeys = List.copyOf(statusKeys);
    this.plan = plan;
  }

  /** Registers with the sink step; call before the pipeline runs. */
  public void register() {
    QueryRegistry.register(runId.toString(), this::batchDone);
  }

  String runIdString() {
    return runId.toString();
  }

  /** Runs {@code run} (which starts the pipeline) and watches the pipeline until it ends. */
  public void start(java.util.function.Supplier<PipelineResult> run) {
    ApiAccess.started(manager, this);
    try {
      result = run.get();
    } catch (RuntimeException e) {
      terminate(e);
      throw failure;
    }
    statusMessage = "Waiting for data to arrive";
    Thread watcher =
        new Thread(
            () -> {
              Throwable error = null;
              try {
                result.waitUntilFinish();
              } catch (Throwable t) {
                error = t;
              }
              terminate(stopping ? null : error);
            },
            "sluice-query-" + (name == null ? id : name));
    watcher.setDaemon(true);
    watcher.start();
  }

  private void batchDone(long batch, StreamingQueryProgress progress) {
    synchronized (lock) {
      processedThrough = Math.max(processedThrough, batch);
      if (progress != null) {
        recent.addLast(progress);
        while (recent.size() > RECENT) {
          recent.removeFirst();
        }
      }
      lock.notifyAll();
    }
    if (progress != null) {
      ApiAccess.progress(manager, progress);
    }
  }

  private void terminate(Throwable error) {
    synchronized (lock) {
      if (!active || terminating) {
        return;
      }
      terminating = true;
      if (error != null) {
        Throwable cause = rootCause(error);
        failure =
            new StreamingQueryException(
                "Query "
                    + (name == null ? "" : name + " ")
                    + "[id = "
                    + id
                    + ", runId = "
                    + runId
                    + "] terminated with exception: "
                    + cause.getMessage(),
                cause);
      }
      statusMessage = "Stopped";
    }
    QueryRegistry.unregister(runId.toString());
    statusKeys.forEach(SourceStatus::remove);
    ApiAccess.terminated(manager, this, failure);
    synchronized (lock) {
      active = false;
      lock.notifyAll();
    }
  }

  /** The user's error inside Beam's wrappers (pipeline execution, user code). */
  static Throwable rootCause(Throwable error) {
    Throwable t = error;
    while ((t instanceof org.apache.beam.sdk.Pipeline.PipelineExecutionException
            || t instanceof UserCodeException
            || t.getClass().getName().endsWith("ExecutionException"))
        && t.getCause() != null
        && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public UUID id() {
    return id;
  }

  @Override
  public UUID runId() {
    return runId;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isActive() {
    return active;
  }

  @Override
  public StreamingQueryStatus status() {
    if (!active || result == null) {
      return new StreamingQueryStatus(statusMessage, false, false);
    }
    boolean dataAvailable = false;
    boolean behind = false;
    synchronized (lock) {
      for (String key : statusKeys) {
        SourceStatus s = SourceStatus.get(key);
        if (s == null) {
          continue;
        }
        dataAvailable |= !s.caughtUp();
        behind |= s.lastEndedBatch() > processedThrough;
      }
    }
    boolean triggerActive = dataAvailable || behind;
    return new StreamingQueryStatus(
        triggerActive ? "Processing new data" : "Waiting for data to arrive",
        dataAvailable,
        triggerActive);
  }

  @Override
  public StreamingQueryProgress lastProgress() {
    synchronized (lock) {
      return recent.peekLast();
    }
  }

  @Override
  public List<StreamingQueryProgress> recentProgress() {
    synchronized (lock) {
      return new ArrayList<>(recent);
    }
  }

  @Override
  public void awaitTermination() {
    synchronized (lock) {
      while (active) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while awaiting termination", e);
        }
      }
    }
    throwIfFailed();
  }

  @Override
  public boolean awaitTermination(long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    synchronized (lock) {
      while (active) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          break;
        }
        try {
          lock.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while awaiting termination", e);
        }
      }
    }
    throwIfFailed();
    return !active;
  }

  private void throwIfFailed() {
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Waits until everything the sources held when this method was called has been processed, as in
   * Spark: every source has ended, or has reported a poll that <em>began</em> after the call and
   * found nothing new ({@link SourceStatus#caughtUpSince}), and the sink has finished every batch
   * those sources ended. When a status was reported proves nothing: a poll that looked before the
   * caller's data arrived may report after the call.
   */
  @Override
  public void processAllAvailable() {
    long askedAtNanos = System.nanoTime();
    synchronized (lock) {
      while (active) {
        if (caughtUp(askedAtNanos)) {
          return;
        }
        try {
          lock.wait(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted in processAllAvailable", e);
        }
      }
    }
    throwIfFailed();
  }

  private boolean caughtUp(long askedAtNanos) {
    for (String key : statusKeys) {
      SourceStatus s = SourceStatus.get(key);
      if (s == null || !s.caughtUpSince(askedAtNanos) || s.lastEndedBatch() > processedThrough) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void stop() {
    stopping = true;
    PipelineResult r = result;
    if (r != null && active) {
      try {
        r.cancel();
      } catch (java.io.IOException | UnsupportedOperationException e) {
        terminate(e);
      }
    }
    awaitStopped();
  }

  private void awaitStopped() {
    synchronized (lock) {
      long deadline = System.currentTimeMillis() + 30_000;
      while (active && System.currentTimeMillis() < deadline) {
        try {
          lock.wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    if (active) {
      terminate(null);
    }
  }

  @Override
  public Optional<StreamingQueryException> exception() {
    return Optional.ofNullable(failure);
  }

  @Override
  public String explain() {
    return plan;
  }

  @Override
  public String toString() {
    return "StreamingQuery[" + (name == null ? "" : name + ", ") + "id = " + id + "]";
  }
}
