package dev.sluice.io.state;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * How state stores are made, from Spark's configuration keys.
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code spark.sql.streaming.stateStore.providerClass}</td><td>{@code heap}</td>
 *       <td>{@code heap} (Spark's {@code HDFSBackedStateStoreProvider}: in-heap maps, a delta
 *       file per version) or {@code rocksdb} (Spark's {@code RocksDBStateStoreProvider}: a local
 *       RocksDB, a changelog file per version); Spark's class names are accepted</td></tr>
 *   <tr><td>{@code spark.sql.streaming.stateStore.minDeltasForSnapshot}</td><td>10</td>
 *       <td>a snapshot of the whole state every this many versions</td></tr>
 *   <tr><td>{@code spark.sql.streaming.minBatchesToRetain}</td><td>100</td>
 *       <td>versions that stay loadable; files only older versions need are deleted</td></tr>
 *   <tr><td>{@code sluice.stateStore.rocksdb.localDir}</td><td>{@code java.io.tmpdir}</td>
 *       <td>where the rocksdb store keeps its working databases (removed on close)</td></tr>
 * </table>
 *
 * <pre>{@code
 * StateStoreConf conf = StateStoreConf.fromOptions(Map.of(
 *     StateStoreConf.PROVIDER_CLASS, "rocksdb",
 *     StateStoreConf.MIN_DELTAS_FOR_SNAPSHOT, "20"));
 * }</pre>
 */
public record StateStoreConf(
    String provider,
    int minDeltasForSnapshot,
    int minBatchesToRetain,
    @Nullable String rocksDbLocalDir)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String PROVIDER_CLASS = "spark.sql.streaming.stateStore.providerClass";
  public static final String MIN_DELTAS_FOR_SNAPSHOT =
      "spark.sql.streaming.stateStore.minDeltasForSnapshot";
  public static final String MIN_BATCHES_TO_RETAIN = "spark.sql.streaming.minBatchesToRetain";
  public static final String ROCKSDB_LOCAL_DIR = "sluice.stateStore.rocksdb.localDir";

  /** The provider name of the in-heap store. */
  public static final String HEAP = "heap";

  /** The provider name of the RocksDB store. */
  public static final String ROCKSDB = "rocksdb";

  /** The Maven coordinates the rocksdb store needs on the class path. */
  public static final String ROCKSDB_ARTIFACT = "org.rocksdb:rocksdbjni:10.10.1.1";

  /**
   * Validates and normalizes the provider name.
   *
   * @throws IllegalArgumentException naming the bad option and the accepted values
   */
  public StateStoreConf {
    provider = providerName(provider);
    if (minDeltasForSnapshot < 1) {
      throw new IllegalArgumentException(
          MIN_DELTAS_FOR_SNAPSHOT + " must be at least 1, not " + minDeltasForSnapshot);
    }
    if (minBatchesToRetain < 1) {
      throw new IllegalArgumentException(
          MIN_BATCHES_TO_RETAIN + " must be at least 1, not " + minBatchesToRetain);
    }
  }

  /** The defaults: heap, a snapshot every 10 versions, 100 versions retained. */
  public static StateStoreConf defaults() {
    return new StateStoreConf(HEAP, 10, 100, null);
  }

  /**
   * The configuration given by {@code options} (other keys are ignored).
   *
   * @throws IllegalArgumentException if a value is invalid
   */
  public static StateStoreConf fromOptions(Map<String, String> options) {
    StateStoreConf d = defaults();
    return new StateStoreConf(
        options.getOrDefault(PROVIDER_CLASS, d.provider()),
        intOption(options, MIN_DELTAS_FOR_SNAPSHOT, d.minDeltasForSnapshot()),
        intOption(options, MIN_BATCHES_TO_RETAIN, d.minBatchesToRetain()),
        options.get(ROCKSDB_LOCAL_DIR));
  }

  private static int intOption(Map<String, String> options, String key, int fallback) {
    String value = options.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'");
    }
  }

  private static String providerName(String given) {
    if (given == null) {
      return HEAP;
    }
    String name = given.strip();
    String simple = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    switch (simple) {
      case "heap":
      case "hdfs":
      case "hdfsbackedstatestoreprovider":
        return HEAP;
      case "rocksdb":
      case "rocksdbstatestoreprovider":
        return ROCKSDB;
      default:
        throw new IllegalArgumentException(
            "Unknown state store provider '"
                + given
                + "' in "
                + PROVIDER_CLASS
                + ": use heap (the default) or rocksdb (Spark's HDFSBackedStateStoreProvider and"
                + " RocksDBStateStoreProvider class names are accepted too)");
    }
  }

  /** A copy with another provider ({@code heap} or {@code rocksdb}). */
  public StateStoreConf withProvider(String name) {
    return new StateStoreConf(name, minDeltasForSnapshot, minBatchesToRetain, rocksDbLocalDir);
  }

  /** A copy that snapshots every {@code n} versions. */
  public StateStoreConf withMinDeltasForSnapshot(int n) {
    return new StateStoreConf(provider, n, minBatchesToRetain, rocksDbLocalDir);
  }

  /** A copy that keeps the newest {@code n} versions loadable. */
  public StateStoreConf withMinBatchesToRetain(int n) {
    return new StateStoreConf(provider, minDeltasForSnapshot, n, rocksDbLocalDir);
  }

  /** A copy whose rocksdb working databases live under {@code dir}. */
  public StateStoreConf withRocksDbLocalDir(String dir) {
    return new StateStoreConf(provider, minDeltasForSnapshot, minBatchesToRetain, dir);
  }

  /**
   * Fails now, with the error {@link StateStoreProvider#open} would give later, if the provider
   * cannot be used with this class path ({@code rocksdb} without rocksdbjni); for callers that
   * check a configuration when a query starts, before any store is opened on a worker.
   *
   * @throws IllegalStateException naming the missing artifact
   */
  public void checkAvailable() {
    if (provider.equals(ROCKSDB)) {
      requireClass("org.rocksdb.RocksDB", ROCKSDB_ARTIFACT);
    }
  }

  /**
   * Fails with an error naming the artifact to add if {@code className} is not on the class path.
   */
  static void requireClass(String className, String artifact) {
    try {
      Class.forName(className, false, StateStoreConf.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          "The rocksdb state store ("
              + PROVIDER_CLASS
              + "=rocksdb) needs "
              + artifact
              + " on the class path, and sluice-io declares it optional: add that dependency to"
              + " your project, or use the default heap store",
          e);
    }
  }
}
