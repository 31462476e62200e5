package dev.sluice.io.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.annotation.Nullable;

/**
 * What one run of a pipeline (a Structured query run, a DStream {@code StreamingContext} run) keeps
 * in the driver's JVM, from its start to its stop: the objects a running pipeline may reach only in
 * the JVM that started it (a {@code MemoryStream}'s rows, the session's memory tables, a captured
 * console, the sources' reports for {@code processAllAvailable()}, the progress listener, open
 * sockets), and the resources to release when the run ends.
 *
 * <p><b>The driver-JVM path.</b> Serialized transforms carry only the run's id; when they run they
 * look the context up with {@link #find(String)}. This lookup is the one JVM-wide registry of
 * driver-side state: a context is in it from {@link #open} to {@link #close}, so its lifetime is
 * the run's and nothing outlives the run. On a runner that executes the pipeline in the driver's
 * JVM (MicroBatchRunner, the DirectRunner) the lookup finds the context; on a worker of a
 * distributed runner it finds nothing, and every user of the lookup says what it does then (carry
 * on without it, or fail naming the feature that needs the driver's JVM, see {@link #require}).
 * Anything a restart or the output depends on never goes through here: it travels in the serialized
 * pipeline or in files under the checkpoint.
 * <!-- given: String runId; -->
 *
 * <pre>{@code
 * try (RunContext run = RunContext.open()) {
 *   run.put("greeting", "hello");
 *   RunContext.find(run.runId()).get("greeting", String.class);   // "hello", in this JVM only
 *   run.closeAtEnd(() -> System.out.println("released"));        // runs at close()
 * }
 * RunContext.find(runId);   // null: the run is over
 * }</pre>
 */
public final class RunContext implements AutoCloseable {
  /** The driver-JVM path: the open contexts by run id (see the class documentation). */
  private static final Map<String, RunContext> OPEN = new ConcurrentHashMap<>();

  private final String runId;
  private final Map<String, Object> objects = new ConcurrentHashMap<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private boolean closed;

  private RunContext(String runId) {
    this.runId = runId;
  }

  /** Opens a context under a new random run id. */
  public static RunContext open() {
    return open(UUID.randomUUID().toString());
  }

  /**
   * Opens the context of run {@code runId} and makes it findable in this JVM until {@link #close}.
   *
   * @throws IllegalArgumentException if the id is empty
   * @throws IllegalStateException if a context of this run is open already
   */
  public static RunContext open(String runId) {
    if (runId == null || runId.isEmpty()) {
      throw new IllegalArgumentException("A run context needs the run's id (e.g. a random UUID)");
    }
    RunContext context = new RunContext(runId);
    if (OPEN.putIfAbsent(runId, context) != null) {
      throw new IllegalStateException(
          "A run context of run "
              + runId
              + " is open already in this JVM: each run opens its context once, with a new id");
    }
    return context;
  }

  /**
   * The open context of run {@code runId} in this JVM, or null: the run has ended, or this JVM is
   * not the driver's (a worker of a distributed runner).
   */
  @Nullable
  public static RunContext find(@Nullable String runId) {
    return runId == null ? null : OPEN.get(runId);
  }

  /**
   * The open context of run {@code runId}, for a feature that works only in the driver's JVM.
   *
   * @param feature what needs it, for the error ({@code "the memory sink"})
   * @throws IllegalStateException naming {@code feature} and what to do, if there is none
   */
  public static RunContext require(@Nullable String runId, String feature) {
    RunContext context = find(runId);
    if (context == null) {
      throw new IllegalStateException(
          feature
              + " works only where the pipeline runs in the driver's JVM (MicroBatchRunner, the"
              + " DirectRunner) while its query or context is running; no run "
              + runId
              + " is open in this JVM (the run has stopped, or this is a worker of a distributed"
              + " runner). On a distributed runner use a sink or source that does not need the"
              + " driver, e.g. files or Kafka.");
    }
    return context;
  }

  /** The run's id, which serialized transforms carry to find this context. */
  public String runId() {
    return runId;
  }

  /** True until {@link #close}. */
  public synchronized boolean isOpen() {
    return !closed;
  }

  /** Keeps {@code value} under {@code name} for the run (replacing what was there). */
  public void put(String name, Object value) {
    if (name == null || value == null) {
      throw new IllegalArgumentException("RunContext.put needs a name and a value");
    }
    objects.put(name, value);
  }

  /**
   * The object kept under {@code name}, or null.
   *
   * @throws IllegalStateException if it is not a {@code type}
   */
  @Nullable
  public <T> T get(String name, Class<T> type) {
    return cast(name, objects.get(name), type);
  }

  /** The object kept under {@code name}, made by {@code create} and kept if there was none. */
  public <T> T computeIfAbsent(String name, Class<T> type, Supplier<? extends T> create) {
    return cast(name, objects.computeIfAbsent(name, n -> create.get()), type);
  }

  /** Forgets the object kept under {@code name}. */
  public void remove(String name) {
    objects.remove(name);
  }

  /**
   * Closes {@code resource} when the run ends (resources close in the reverse order of their
   * registration); at once if it has ended already.
   */
  public void closeAtEnd(AutoCloseable resource) throws Exception {
    synchronized (this) {
      if (!closed) {
        resources.add(resource);
        return;
      }
    }
    resource.close();
  }

  /**
   * Ends the run: removes the context from the lookup, then closes its resources, last registered
   * first. Later calls do nothing.
   *
   * @throws IllegalStateException carrying the first failure to close a resource (the others are
   *     suppressed in it), after all were tried
   */
  @Override
  public void close() {
    List<AutoCloseable> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(resources);
      resources.clear();
    }
    OPEN.remove(runId, this);
    Exception failure = null;
    for (int i = toClose.size() - 1; i >= 0; i--) {
      try {
        toClose.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    objects.clear();
    if (failure != null) {
      throw new IllegalStateException(
          "Closing the resources of run " + runId + " failed: " + failure, failure);
    }
  }

  private <T> T cast(String name, @Nullable Object value, Class<T> type) {
    if (value != null && !type.isInstance(value)) {
      throw new IllegalStateException(
          "Run "
              + runId
              + " keeps a "
              + value.getClass().getName()
              + " under '"
              + name
              + "', not a "
              + type.getName());
    }
    return type.cast(value);
  }

  @Override
  public String toString() {
    return "RunContext[" + runId + (isOpen() ? "" : ", closed") + "]";
  }
}
