package dev.sluice.structured;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's settings ({@code session.conf()}). Keys Sluice reads:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code sluice.runner}</td><td>{@code MicroBatchRunner}</td>
 *       <td>the Beam runner queries run on ({@code DirectRunner}, {@code FlinkRunner}, …)</td></tr>
 *   <tr><td>{@code sluice.pipelineArgs}</td><td></td>
 *       <td>more Beam pipeline options, space-separated ({@code --parallelism=4})</td></tr>
 *   <tr><td>{@code spark.sql.shuffle.partitions}</td><td>available processors</td>
 *       <td>shards of each stateful operator</td></tr>
 *   <tr><td>{@code spark.sql.session.timeZone}</td><td>{@code UTC}</td>
 *       <td>zone for timestamps shown, parsed and formatted (Spark uses the JVM's zone)</td></tr>
 *   <tr><td>{@code spark.sql.streaming.checkpointLocation}</td><td></td>
 *       <td>default checkpoint root of queries</td></tr>
 *   <tr><td>{@code sluice.progress.channel}</td>
 *       <td>{@code jvm} on MicroBatchRunner and the DirectRunner, else {@code files}</td>
 *       <td>how progress reaches the driver: {@code jvm}, from the sink step in the driver's JVM;
 *       {@code files}, from the checkpoint's {@code progress/} log, for runners that run the
 *       pipeline elsewhere (needs a checkpoint location; no {@code processAllAvailable()})</td></tr>
 * </table>
 *
 * <pre>{@code
 * session.conf().set("sluice.runner", "DirectRunner");
 * }</pre>
 */
public final class RuntimeConfig {
  private final Map<String, String> values = new ConcurrentHashMap<>();

  RuntimeConfig(Map<String, String> initial) {
    values.putAll(initial);
  }

  public void set(String key, String value) {
    values.put(key, value);
  }

  public void set(String key, long value) {
    values.put(key, Long.toString(value));
  }

  /** The value of {@code key}; throws if unset (as Spark's {@code conf.get(key)}). */
  public String get(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new java.util.NoSuchElementException(key + " is not set");
    }
    return v;
  }

  public String get(String key, String defaultValue) {
    return values.getOrDefault(key, defaultValue);
  }

  public Optional<String> getOption(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public void unset(String key) {
    values.remove(key);
  }

  /** A copy of every setting. */
  public Map<String, String> getAll() {
    return Map.copyOf(values);
  }
}
