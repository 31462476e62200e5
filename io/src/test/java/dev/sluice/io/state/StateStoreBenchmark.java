package dev.sluice.io.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Bytes a state store writes per batch when a batch touches a small part of a large state (a main
 * class, not a test; see io/README.md, "State store and batch log", for the command and results).
 *
 * <p>Each run loads {@code keys} keys (16-byte keys, 16-byte values) in batches of {@code
 * loadBatch}, then runs {@code batches} batches that each update {@code touch} (1%) of the keys,
 * chosen at random, and reports per provider: the state's snapshot size, the bytes one batch wrote
 * when no snapshot was due (its delta or changelog), that as a share of the snapshot, the bytes per
 * batch averaged over all touch batches (snapshots every {@code minDeltasForSnapshot} = 10
 * included), the median commit time, and the heap in use after the last batch.
 *
 * <pre>{@code
 * java -Xmx1g -cp ... dev.sluice.io.state.StateStoreBenchmark                  # 1M keys, heap and rocksdb
 * java -Xmx1g -cp ... dev.sluice.io.state.StateStoreBenchmark --keys=10000000 --providers=rocksdb
 * }</pre>
 */
public final class StateStoreBenchmark {
  private StateStoreBenchmark() {}

  /** One provider's results. */
  private record Result(
      String provider,
      long keys,
      long loadMillis,
      long snapshotBytes,
      long medianDeltaBytes,
      double averageBytesPerBatch,
      long medianCommitMillis,
      long rowsTotal,
      long heapUsedMb,
      long storeMemoryMb) {}

  public static void main(String[] args) throws Exception {
    long keys = 1_000_000;
    int batches = 20;
    String providers = "heap,rocksdb";
    Path root = null;
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      switch (kv[0]) {
        case "keys" -> keys = Long.parseLong(kv[1].replace("_", ""));
        case "batches" -> batches = Integer.parseInt(kv[1]);
        case "providers" -> providers = kv[1];
        case "dir" -> root = Paths.get(kv[1]);
        default ->
            throw new IllegalArgumentException(
                "Unknown argument "
                    + arg
                    + ": use --keys=N --batches=N --providers=heap,rocksdb --dir=path");
      }
    }
    List<Result> results = new ArrayList<>();
    for (String provider : providers.split(",")) {
      Path dir = root != null ? root : Files.createTempDirectory("sluice-state-bench-");
      try {
        results.add(run(provider.strip(), keys, batches, dir.resolve(provider.strip())));
      } finally {
        if (root == null) {
          deleteRecursively(dir);
        }
      }
    }
    print(results, batches);
  }

  private static byte[] key(long i) {
    return String.format(Locale.ROOT, "key-%012d", i).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(long i, long version) {
    return ByteBuffer.allocate(16).putLong(i).putLong(version).array();
  }

  private static Result run(String provider, long keys, int batches, Path dir) throws IOException {
    StateStoreConf conf =
        StateStoreConf.defaults()
            .withProvider(provider)
            .withRocksDbLocalDir(dir.resolve("work").toString());
    long loadBatch = Math.min(keys, 500_000);
    long touch = Math.max(1, keys / 100);
    Random random = new Random(7);
    try (StateStoreProvider p = StateStoreProvider.open(dir.resolve("state").toString(), conf)) {
      long version = 0;
      long start = System.nanoTime();
      for (long from = 0; from < keys; from += loadBatch) {
        StateStore store = p.getStore(version);
        for (long i = from; i < Math.min(keys, from + loadBatch); i++) {
          store.put(key(i), value(i, 0));
        }
        version = store.commit();
      }
      long loadMillis = (System.nanoTime() - start) / 1_000_000;
      List<Long> deltaBytes = new ArrayList<>();
      List<Long> commitMillis = new ArrayList<>();
      long totalBytes = 0;
      long snapshotBytes = 0;
      StateStoreMetrics last = null;
      for (int b = 0; b < batches; b++) {
        StateStore store = p.getStore(version);
        for (long n = 0; n < touch; n++) {
          long i = (long) (random.nextDouble() * keys);
          store.put(key(i), value(i, version));
        }
        version = store.commit();
        last = store.metrics();
        totalBytes += last.checkpointBytesWritten();
        commitMillis.add(last.commitTimeMs());
        Path snapshot =
            dir.resolve("state")
                .resolve(version + (provider.equals("heap") ? ".snapshot" : ".zip"));
        if (Files.exists(snapshot)) {
          snapshotBytes = Files.size(snapshot);
        } else {
          deltaBytes.add(last.checkpointBytesWritten());
        }
      }
      System.gc(); // count live objects only
      Runtime rt = Runtime.getRuntime();
      long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
      return new Result(
          provider,
          keys,
          loadMillis,
          snapshotBytes,
          median(deltaBytes),
          (double) totalBytes / batches,
          median(commitMillis),
          last.numRowsTotal(),
          heapMb,
          last.memoryUsedBytes() >> 20);
    }
  }

  private static long median(List<Long> values) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void print(List<Result> results, int batches) {
    System.out.printf(
        Locale.ROOT,
        "| provider | keys | load | snapshot | bytes/batch (no snapshot) | share of snapshot |"
            + " bytes/batch incl. snapshots (%d batches) | commit p50 | heap used | store memory |%n",
        batches);
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %.1f s | %s | %s | %.2f %% | %s | %d ms | %d MB | %d MB |%n",
          r.provider(),
          r.rowsTotal(),
          r.loadMillis() / 1000.0,
          bytes(r.snapshotBytes()),
          bytes(r.medianDeltaBytes()),
          100.0 * r.medianDeltaBytes() / Math.max(1, r.snapshotBytes()),
          bytes((long) r.averageBytesPerBatch()),
          r.medianCommitMillis(),
          r.heapUsedMb(),
          r.storeMemoryMb());
    }
  }

  private static String bytes(long n) {
    if (n >= 10L << 20) {
      return String.format(Locale.ROOT, "%.1f MB", n / 1048576.0);
    }
    return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
