package dev.sluice.dstream.internal;

import dev.sluice.io.context.RunContext;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.annotation.Nullable;

/**
 * The driver side of one {@code StreamingContext} run: where {@code print()} writes, the errors
 * receivers recovered from, and the receivers running (closed when the context stops, because a
 * runner need not close its readers when a pipeline is cancelled: Beam's DirectRunner leaves them
 * open, and a socket receiver would then reconnect forever). Made with its context, it is
 * registered in the run's {@link RunContext} (the one driver-JVM lookup, by the context's id) when
 * the context starts and removed when it stops.
 *
 * <p>Transforms hold the context's id and find the run when they run, which works where the
 * pipeline runs in the driver's JVM (MicroBatchRunner, the DirectRunner). On a worker of a
 * distributed runner there is none: {@code print()} writes to the worker's {@code System.out}, and
 * receiver errors are only logged (see the package documentation).
 *
 * <pre>{@code
 * StreamingRun run = new StreamingRun(contextId);
 * run.setOut(new PrintStream(buffer, true, UTF_8));
 * run.open();                                      // at start
 * StreamingRun.out(contextId).println("...");      // the buffer, while the run is open
 * StreamingRun.addReceiver(contextId, reader);     // when a receiver starts
 * run.close();                                     // at stop: receivers closed, run forgotten
 * }</pre>
 */
public final class StreamingRun {
  private static final String NAME = "dstream.run";

  private final String contextId;
  @Nullable private volatile PrintStream out;
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final Set<AutoCloseable> receivers = ConcurrentHashMap.newKeySet();
  @Nullable private RunContext run;
  private boolean closed;

  public StreamingRun(String contextId) {
    this.contextId = contextId;
  }

  /** Directs {@code print()} of this context to {@code out}. */
  public void setOut(PrintStream out) {
    this.out = out;
  }

  /** The receiver errors of this context, oldest first. */
  public List<String> receiverErrors() {
    return List.copyOf(errors);
  }

  /**
   * Makes the run findable by the context's id, until {@link #close}.
   *
   * @throws IllegalStateException if it was opened before
   */
  public synchronized void open() {
    if (run != null || closed) {
      throw new IllegalStateException("The run of context " + contextId + " is opened once");
    }
    run = RunContext.open(contextId);
    run.put(NAME, this);
  }

  /**
   * Closes every receiver still running and forgets the run. Later calls do nothing.
   *
   * @throws IOException the first failure to close a receiver, with the others suppressed
   */
  public void close() throws IOException {
    RunContext toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = run;
    }
    if (toClose != null) {
      toClose.close();
    }
    IOException failure = null;
    for (AutoCloseable receiver : List.copyOf(receivers)) {
      try {
        receiver.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e instanceof IOException ? (IOException) e : new IOException(e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    receivers.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /** The open run of context {@code contextId} in this JVM, or null. */
  @Nullable
  static StreamingRun find(String contextId) {
    RunContext run = RunContext.find(contextId);
    return run == null ? null : run.get(NAME, StreamingRun.class);
  }

  /**
   * Where {@code print()} of context {@code contextId} writes: its {@code printTo} stream while the
   * run is open in this JVM, else {@code System.out}.
   */
  public static PrintStream out(String contextId) {
    StreamingRun run = find(contextId);
    PrintStream out = run == null ? null : run.out;
    return out != null ? out : System.out;
  }

  /**
   * Records an error a receiver of context {@code contextId} recovered from, if its run is here.
   */
  public static void reportReceiverError(String contextId, String message) {
    StreamingRun run = find(contextId);
    if (run != null) {
      run.errors.add(message);
    }
  }

  /** Records a receiver of context {@code contextId} that runs until closed, if its run is here. */
  public static void addReceiver(String contextId, AutoCloseable receiver) {
    StreamingRun run = find(contextId);
    if (run != null) {
      run.receivers.add(receiver);
    }
  }

  /** Forgets a receiver that was closed. */
  public static void removeReceiver(String contextId, AutoCloseable receiver) {
    StreamingRun run = find(contextId);
    if (run != null) {
      run.receivers.remove(receiver);
    }
  }
}
