package dev.sluice.structured.internal.exec;

import dev.sluice.io.stream.SourceStatus;
import dev.sluice.io.stream.StatusKey;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingQueryException;
import dev.sluice.structured.StreamingQueryManager;
import dev.sluice.structured.StreamingQueryProgress;
import dev.sluice.structured.StreamingQueryStatus;
import dev.sluice.structured.internal.ApiAccess;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.annotation.Nullable;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.util.UserCodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StreamingQuery} of a started Beam pipeline: collects progress from the sink step,
 * watches the pipeline on a thread, and answers the query's questions. It owns the run's {@link
 * QueryContext} and closes it when the query terminates.
 *
 * <p>Progress arrives by one of two channels. In-JVM (the default where the pipeline runs in the
 * driver's JVM): the sink step calls this query through its context, batch by batch, with the
 * logical batch numbers {@code processAllAvailable()} needs. Files ({@code
 * sluice.progress.channel=files}, the default on other runners): a thread reads the checkpoint's
 * {@link ProgressLog} and delivers each new report; {@code processAllAvailable()} and {@code
 * status()}, which need the sources' reports in the driver's JVM, are then refused or report less.
 * <!-- given: StreamingQueryManager manager; UUID id; QueryContext context; List<StatusKey> keys; -->
 *
 * <pre>{@code
 * RunningQuery q = new RunningQuery(manager, id, context, "counts", keys, "plan", null, -1);
 * q.register();
 * q.start(() -> pipeline.run());
 * }</pre>
 */
public final class RunningQuery implements StreamingQuery {
  private static final Logger LOG = LoggerFactory.getLogger(RunningQuery.class);
  private static final int RECENT = 100;

  /** How often the files channel looks for new progress reports. */
  static final long PROGRESS_POLL_MILLIS = 200;

  private final StreamingQueryManager manager;
  private final UUID id;
  private final UUID runId;
  private final QueryContext context;
  private final String name;
  private final List<StatusKey> statusKeys;
  private final String plan;

  /** The files channel's log; null on the in-JVM channel. */
  @Nullable private final ProgressLog progressLog;

  /** The files channel: the last batch id delivered. */
  private long deliveredBatchId;

  @Nullable private volatile Thread progressReader;
  private final Deque<StreamingQueryProgress> recent = new ArrayDeque<>();
  private final Object lock = new Object();
  private long processedThrough = -1;
  private volatile boolean active = true;
  private volatile boolean stopping;
  private volatile boolean terminating;
  private volatile StreamingQueryException failure;
  private volatile String statusMessage = "Initializing sources";
  private PipelineResult result;

  /**
   * A query of run {@code context}; with {@code progressLog}, progress comes from that log (batch
   * ids after {@code lastCommittedBatchId}), else from the sink step through the context.
   */
  public RunningQuery(
      StreamingQueryManager manager,
      UUID id,
      QueryContext context,
      String name,
      List<StatusKey> statusKeys,
      String plan,
      @Nullable ProgressLog progressLog,
      long lastCommittedBatchId) {
    this.manager = manager;
    this.id = id;
    this.runId = UUID.fromString(context.runId());
    this.context = context;
    this.name = name;
    this.statusKeys = List.copyOf(statusKeys);
    this.plan = plan;
    this.progressLog = progressLog;
    this.deliveredBatchId = lastCommittedBatchId;
  }

  /** Opens the query's progress channel; call before the pipeline runs. */
  public void register() {
    if (progressLog == null) {
      context.listenInJvm(this::batchDone);
    }
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
    if (progressLog != null) {
      progressReader =
          new Thread(this::readProgress, "sluice-progress-" + (name == null ? id : name));
      progressReader.setDaemon(true);
      progressReader.start();
    }
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

  /** The files channel: delivers new reports of the progress log until the query terminates. */
  private void readProgress() {
    while (!terminating) {
      deliverLoggedProgress();
      synchronized (lock) {
        if (terminating) {
          return;
        }
        try {
          lock.wait(PROGRESS_POLL_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Delivers the progress log's reports after the last one delivered. */
  private synchronized void deliverLoggedProgress() {
    if (progressLog == null) {
      return;
    }
    List<StreamingQueryProgress> reports;
    try {
      reports = progressLog.after(deliveredBatchId);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot read the progress log of query {}; retrying", id, e);
      return;
    }
    for (StreamingQueryProgress p : reports) {
      deliveredBatchId = p.batchId();
      batchDone(-1, p);
    }
  }

  private void terminate(Throwable error) {
    synchronized (lock) {
      if (!active || terminating) {
        return;
      }
      terminating = true;
      lock.notifyAll();
    }
    Thread reader = progressReader;
    if (reader != null && reader != Thread.currentThread()) {
      try {
        reader.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    deliverLoggedProgress(); // the last batches' reports, before the query says it ended
    synchronized (lock) {
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
    try {
      context.close();
    } catch (RuntimeException e) {
      LOG.warn("Releasing the resources of query {} failed", id, e);
    }
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
    if (progressLog != null) {
      return new StreamingQueryStatus(
          "Running; progress from the checkpoint's progress log (the sources report only in the"
              + " pipeline's JVM)",
          false,
          false);
    }
    boolean dataAvailable = false;
    boolean behind = false;
    synchronized (lock) {
      for (StatusKey key : statusKeys) {
        SourceStatus s = context.sourceStatus(key);
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
    if (progressLog != null) {
      throw new UnsupportedOperationException(
          "processAllAvailable() needs the sources' reports in the driver's JVM, and this query"
              + " takes its progress from the checkpoint's progress log"
              + " (sluice.progress.channel=files, the default on runners other than"
              + " MicroBatchRunner and the DirectRunner). Wait for lastProgress() to show the"
              + " batch you need, or use Trigger.AvailableNow() and awaitTermination(); on a"
              + " runner that runs the pipeline in this JVM set sluice.progress.channel=jvm.");
    }
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
    for (StatusKey key : statusKeys) {
      SourceStatus s = context.sourceStatus(key);
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
