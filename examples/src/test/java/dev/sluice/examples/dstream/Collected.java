package dev.sluice.examples.dstream;

import dev.sluice.dstream.DStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Test helper: every non-empty batch of a stream, by batch time.
 *
 * <pre>{@code
 * Collected<String> errors = Collected.of(LogMonitor.errors(lines));
 * ... run the context ...
 * errors.batches(); // {1000=[...], 3000=[...]}
 * }</pre>
 */
final class Collected<T> {
  private static final Map<String, ConcurrentSkipListMap<Long, List<Object>>> SINKS =
      new ConcurrentHashMap<>();
  private final String key;

  private Collected(String key) {
    this.key = key;
  }

  static <T> Collected<T> of(DStream<T> stream) {
    String key = UUID.randomUUID().toString();
    SINKS.put(key, new ConcurrentSkipListMap<>());
    stream.foreachRDD(batch -> SINKS.get(key).put(batch.time(), new ArrayList<>(batch.collect())));
    return new Collected<>(key);
  }

  @SuppressWarnings("unchecked")
  Map<Long, List<T>> batches() {
    Map<Long, List<T>> copy = new TreeMap<>();
    SINKS.get(key).forEach((time, batch) -> copy.put(time, (List<T>) (List<?>) batch));
    return copy;
  }
}
