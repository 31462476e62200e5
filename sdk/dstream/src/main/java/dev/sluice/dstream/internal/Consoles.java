package dev.sluice.dstream.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Per-context objects that cannot travel inside a serialized pipeline: the stream {@code print()}
 * writes to, the receivers' error reports, and the receivers running (closed when the context
 * stops, because a runner need not close its readers when a pipeline is cancelled: Beam's
 * DirectRunner leaves them open, and a socket receiver would then reconnect forever). Transforms
 * hold the context's id and look these up when they run, which works because every runner Sluice
 * targets on one machine runs the pipeline in the JVM that defined it.
 *
 * <pre>{@code
 * Consoles.setOut(contextId, new PrintStream(buffer, true, UTF_8));
 * Consoles.out(contextId).println("...");
 * Consoles.addReceiver(contextId, reader);   // when a receiver starts
 * Consoles.closeReceivers(contextId);        // when the context stops
 * }</pre>
 */
public final class Consoles {
  private static final Map<String, PrintStream> OUTS = new ConcurrentHashMap<>();
  private static final Map<String, List<String>> ERRORS = new ConcurrentHashMap<>();
  private static final Map<String, Set<AutoCloseable>> RECEIVERS = new ConcurrentHashMap<>();

  private Consoles() {}

  /** Where {@code print()} of context {@code contextId} writes; {@code System.out} by default. */
  public static PrintStream out(String contextId) {
    return OUTS.getOrDefault(contextId, System.out);
  }

  /** Directs {@code print()} of context {@code contextId} to {@code out}. */
  public static void setOut(String contextId, PrintStream out) {
    OUTS.put(contextId, out);
  }

  /** Records an error a receiver of context {@code contextId} recovered from. */
  public static void reportReceiverError(String contextId, String message) {
    ERRORS.computeIfAbsent(contextId, id -> new CopyOnWriteArrayList<>()).add(message);
  }

  /** The receiver errors of context {@code contextId}, oldest first. */
  public static List<String> receiverErrors(String contextId) {
    return List.copyOf(ERRORS.getOrDefault(contextId, List.of()));
  }

  /** Records a receiver of context {@code contextId} that runs until closed. */
  public static void addReceiver(String contextId, AutoCloseable receiver) {
    RECEIVERS.computeIfAbsent(contextId, id -> ConcurrentHashMap.newKeySet()).add(receiver);
  }

  /** Forgets a receiver that was closed. */
  public static void removeReceiver(String contextId, AutoCloseable receiver) {
    Set<AutoCloseable> receivers = RECEIVERS.get(contextId);
    if (receivers != null) {
      receivers.remove(receiver);
    }
  }

  /**
   * Closes every receiver of context {@code contextId} still running.
   *
   * @throws IOException the first failure to close one, with the others suppressed
   */
  public static void closeReceivers(String contextId) throws IOException {
    Set<AutoCloseable> receivers = RECEIVERS.remove(contextId);
    if (receivers == null) {
      return;
    }
    IOException failure = null;
    for (AutoCloseable receiver : receivers) {
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
    if (failure != null) {
      throw failure;
    }
  }

  /** Forgets everything about context {@code contextId}. */
  public static void forget(String contextId) {
    OUTS.remove(contextId);
    ERRORS.remove(contextId);
    RECEIVERS.remove(contextId);
  }
}
