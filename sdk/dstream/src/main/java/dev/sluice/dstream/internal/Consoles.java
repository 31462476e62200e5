package dev.sluice.dstream.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Per-context objects that cannot travel inside a serialized pipeline: the stream {@code print()}
 * writes to and the receivers' error reports. Transforms hold the context's id and look these up
 * when they run, which works because every runner Sluice targets on one machine runs the pipeline
 * in the JVM that defined it.
 *
 * <pre>{@code
 * Consoles.setOut(contextId, new PrintStream(buffer, true, UTF_8));
 * Consoles.out(contextId).println("...");
 * }</pre>
 */
public final class Consoles {
  private static final Map<String, PrintStream> OUTS = new ConcurrentHashMap<>();
  private static final Map<String, List<String>> ERRORS = new ConcurrentHashMap<>();

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

  /** Forgets everything about context {@code contextId}. */
  public static void forget(String contextId) {
    OUTS.remove(contextId);
    ERRORS.remove(contextId);
  }
}
