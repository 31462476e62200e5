package dev.sluice.structured.internal.exec;

import dev.sluice.structured.StreamingQueryProgress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * Where a running query's sink step reports back to the {@code StreamingQuery} that started it.
 * Both live in one JVM on MicroBatchRunner and the DirectRunner; on a runner that ships the
 * pipeline elsewhere there is no listener and the sink only writes (progress is then unknown to the
 * driver).
 *
 * <pre>{@code
 * QueryRegistry.register(runId, (batch, progress) -> System.out.println(progress));
 * }</pre>
 */
public final class QueryRegistry {
  /** Receives a query's batches as its sink finishes them. */
  public interface Listener {
    /**
     * Logical batch {@code batch} is done; {@code progress} is null if it did not run (a no-data
     * marker no operator needed).
     */
    void batchDone(long batch, @Nullable StreamingQueryProgress progress);
  }

  private static final Map<String, Listener> LISTENERS = new ConcurrentHashMap<>();

  private QueryRegistry() {}

  public static void register(String runId, Listener listener) {
    LISTENERS.put(runId, listener);
  }

  public static void unregister(String runId) {
    LISTENERS.remove(runId);
  }

  @Nullable
  static Listener listener(String runId) {
    return LISTENERS.get(runId);
  }
}
