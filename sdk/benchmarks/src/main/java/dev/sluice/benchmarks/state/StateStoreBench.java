package dev.sluice.benchmarks.state;

import static dev.sluice.structured.Functions.col;

import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingQueryProgress;
import dev.sluice.structured.StreamingSession;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A probe of the Structured facade's state stores (not a test; {@code mvn verify} does not run it):
 * how many bytes a batch adds to the checkpoint when the state is large and the batch touches few
 * of its keys, and whether a state larger than the heap fits the RocksDB store.
 *
 * <p>The query counts rows per key ({@code readStream.text(in).groupBy("value").count()}, update
 * mode, noop sink, a checkpoint location) on MicroBatchRunner with the default trigger. The probe
 * first loads {@code keys} distinct keys (files of at most 1M lines, one batch each), then adds
 * {@code batches} files that each touch {@code percent}% of the keys (a different slice each time),
 * waiting for each to be processed ({@code processAllAvailable}) and measuring the checkpoint
 * directory before and after: the growth is what that batch wrote (its state deltas or changelogs
 * for every shard, the no-data batch that follows it, and the commit and source logs).
 *
 * <pre>{@code
 * StateStoreBench.Result r = StateStoreBench.run("heap", 1_000_000, 1, 10, Paths.get("/tmp/sb"));
 * System.out.println(r.table());
 * }</pre>
 *
 * <p>{@code main}'s arguments: provider ({@code heap} or {@code rocksdb}), keys (default 1000000),
 * percent touched per batch (default 1), batches (default 10), work directory (default {@code
 * /tmp/sluice-state-bench}, emptied first). The commands are in this module's README.
 */
public final class StateStoreBench {
  private static final int LOAD_FILE_KEYS = 1_000_000;

  private StateStoreBench() {}

  /** One measured batch: its checkpoint growth and the progress of its data batch. */
  public record Batch(long touched, long growthBytes, long durationMs, long commitTimeMs) {}

  /** What a run measured. */
  public record Result(
      String provider,
      long keys,
      long stateBytes,
      long loadMillis,
      long memoryUsedBytes,
      List<Batch> batches) {

    /** The median growth of the measured batches. */
    public long medianGrowth() {
      List<Long> growth = new ArrayList<>();
      for (Batch b : batches) {
        growth.add(b.growthBytes());
      }
      growth.sort(null);
      return growth.isEmpty() ? 0 : growth.get(growth.size() / 2);
    }

    /** A Markdown table of the run. */
    public String table() {
      StringBuilder s = new StringBuilder();
      s.append(
          String.format(
              Locale.ROOT,
              "%s: %,d keys loaded in %.1f s; checkpoint after loading %,d bytes; state store"
                  + " memory %,d bytes%n",
              provider,
              keys,
              loadMillis / 1000.0,
              stateBytes,
              memoryUsedBytes));
      s.append(
          "| batch | keys touched | checkpoint growth (bytes) | % of state | batch ms | commit ms |\n");
      s.append("|---|---|---|---|---|---|\n");
      for (int i = 0; i < batches.size(); i++) {
        Batch b = batches.get(i);
        s.append(
            String.format(
                Locale.ROOT,
                "| %d | %,d | %,d | %.2f%% | %d | %d |%n",
                i + 1,
                b.touched(),
                b.growthBytes(),
                100.0 * b.growthBytes() / stateBytes,
                b.durationMs(),
                b.commitTimeMs()));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "median growth per batch: %,d bytes = %.2f%% of the state%n",
              medianGrowth(),
              100.0 * medianGrowth() / stateBytes));
      return s.toString();
    }
  }

  /** Runs the probe with {@code args} (see the class documentation) and prints its table. */
  public static void main(String[] args) throws Exception {
    String provider = args.length > 0 ? args[0] : "heap";
    long keys = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    int percent = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int batches = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    Path work = Paths.get(args.length > 4 ? args[4] : "/tmp/sluice-state-bench");
    System.out.println(run(provider, keys, percent, batches, work).table());
    System.exit(0);
  }

  /**
   * Runs the probe in {@code work} (emptied first): loads {@code keys} keys, then runs {@code
   * batches} batches touching {@code percent}% of them each.
   */
  public static Result run(String provider, long keys, int percent, int batches, Path work)
      throws Exception {
    deleteRecursively(work);
    Path in = Files.createDirectories(work.resolve("in"));
    Path checkpoint = work.resolve("checkpoint");
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    session.conf().set("spark.sql.streaming.stateStore.providerClass", provider);
    StreamingQuery query =
        session
            .readStream()
            .option("maxFilesPerTrigger", 1)
            .text(in.toString())
            .groupBy(col("value"))
            .count()
            .writeStream()
            .outputMode("update")
            .format("noop")
            .option("checkpointLocation", checkpoint.toString())
            .start();
    try {
      long start = System.nanoTime();
      int file = 0;
      for (long from = 0; from < keys; from += LOAD_FILE_KEYS) {
        long to = Math.min(keys, from + LOAD_FILE_KEYS);
        addFile(in, file++, from, to, 1);
      }
      query.processAllAvailable();
      long loadMillis = (System.nanoTime() - start) / 1_000_000;
      StreamingQueryProgress loaded = query.lastProgress();
      long total = loaded.stateOperators().get(0).numRowsTotal();
      if (total != keys) {
        throw new IllegalStateException("Expected " + keys + " keys in state, found " + total);
      }
      long stateBytes = sizeOf(checkpoint);
      long memory = loaded.stateOperators().get(0).memoryUsedBytes();
      List<Batch> measured = new ArrayList<>();
      long step = 100 / percent;
      for (int b = 0; b < batches; b++) {
        long before = sizeOf(checkpoint);
        // keys b, b + step, b + 2 step, ...: percent% of the keys, another slice each batch
        long touched = addFile(in, file++, b % step, keys, step);
        query.processAllAvailable();
        StreamingQueryProgress data = lastDataBatch(query);
        measured.add(
            new Batch(
                touched,
                sizeOf(checkpoint) - before,
                data.batchDuration(),
                data.stateOperators().get(0).commitTimeMs()));
      }
      return new Result(provider, keys, stateBytes, loadMillis, memory, measured);
    } finally {
      query.stop();
    }
  }

  private static StreamingQueryProgress lastDataBatch(StreamingQuery query) {
    List<StreamingQueryProgress> all = query.recentProgress();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).numInputRows() > 0) {
        return all.get(i);
      }
    }
    throw new IllegalStateException("No batch read data");
  }

  /** Writes file {@code index} with keys {@code from, from + step, ... < to}; returns its size. */
  static long addFile(Path dir, int index, long from, long to, long step) throws IOException {
    Path hidden = dir.resolve(String.format(Locale.ROOT, ".part-%05d.txt.tmp", index));
    long lines = 0;
    try (BufferedWriter out = Files.newBufferedWriter(hidden, StandardCharsets.UTF_8)) {
      for (long k = from; k < to; k += step) {
        out.write(key(k));
        out.write('\n');
        lines++;
      }
    }
    Files.move(
        hidden,
        dir.resolve(String.format(Locale.ROOT, "part-%05d.txt", index)),
        StandardCopyOption.ATOMIC_MOVE);
    return lines;
  }

  /** The text of key {@code k}. */
  static String key(long k) {
    return String.format(Locale.ROOT, "key-%09d", k);
  }

  /**
   * The bytes of the regular files under {@code dir} (0 if it does not exist); files the running
   * query deletes meanwhile (retention) are skipped.
   */
  static long sizeOf(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    long[] total = {0};
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              total[0] += attrs.size();
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE; // deleted while walking
          }
        });
    return total[0];
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot empty the work directory " + dir, e);
        }
      }
    }
  }
}
