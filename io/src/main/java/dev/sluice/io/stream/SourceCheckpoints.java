package dev.sluice.io.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import javax.annotation.Nullable;

/**
 * Where the sources of a query with a checkpoint location keep their positions (Spark's offset
 * log): a source whose status key is registered here writes its {@link BatchCheckpoint} after every
 * batch to {@code dir/<batch>}, and a source created without a checkpoint resumes from the one of
 * the last batch its query committed ({@code resumeAfter}). The registry is per JVM, like {@link
 * SourceStatus}: it serves the runners that execute the pipeline in the driver's JVM.
 *
 * <pre>{@code
 * SourceCheckpoints.register("run-1/0", Paths.get("cp/sources/0"), 7);  // committed through 7
 * // the source keyed "run-1/0" now resumes after its batch 7 and records each new batch
 * }</pre>
 */
public final class SourceCheckpoints {
  /** How many batches' positions a source keeps. */
  public static final int KEEP = 10;

  private static final Map<String, Registration> REGISTERED = new ConcurrentHashMap<>();

  private static final class Registration {
    final Path dir;
    final long resumeAfter;

    Registration(Path dir, long resumeAfter) {
      this.dir = dir;
      this.resumeAfter = resumeAfter;
    }
  }

  private SourceCheckpoints() {}

  /**
   * Makes the source with {@code statusKey} record its positions in {@code dir} and, if {@code
   * resumeAfter >= 0}, resume after its last batch numbered at most {@code resumeAfter}.
   */
  public static void register(String statusKey, Path dir, long resumeAfter) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the source checkpoint directory " + dir, e);
    }
    REGISTERED.put(statusKey, new Registration(dir, resumeAfter));
  }

  public static void unregister(String statusKey) {
    REGISTERED.remove(statusKey);
  }

  /** The position to resume from, or null to start from the beginning. */
  @Nullable
  static BatchCheckpoint resumePoint(@Nullable String statusKey) throws IOException {
    Registration r = statusKey == null ? null : REGISTERED.get(statusKey);
    if (r == null || r.resumeAfter < 0) {
      return null;
    }
    long best = Long.MIN_VALUE;
    for (long batch : batches(r.dir)) {
      if (batch <= r.resumeAfter && batch > best) {
        best = batch;
      }
    }
    if (best == Long.MIN_VALUE) {
      return null;
    }
    try (InputStream in = Files.newInputStream(r.dir.resolve(Long.toString(best)));
        ObjectInputStream objects = new ObjectInputStream(in)) {
      return ((BatchCheckpoint) objects.readObject()).forNewRun();
    } catch (ClassNotFoundException e) {
      throw new IOException(
          "Unreadable source checkpoint " + r.dir.resolve(Long.toString(best)), e);
    }
  }

  /** Records the position after {@code batch}, if the source is registered. */
  static void save(@Nullable String statusKey, long batch, BatchCheckpoint checkpoint)
      throws IOException {
    Registration r = statusKey == null ? null : REGISTERED.get(statusKey);
    if (r == null) {
      return;
    }
    Path tmp = r.dir.resolve("." + batch + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp);
        ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(checkpoint);
    }
    Files.move(
        tmp,
        r.dir.resolve(Long.toString(batch)),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    List<Long> all = batches(r.dir);
    all.sort(null);
    for (int i = 0; i < all.size() - KEEP; i++) {
      Files.deleteIfExists(r.dir.resolve(Long.toString(all.get(i))));
    }
  }

  private static List<Long> batches(Path dir) throws IOException {
    List<Long> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("-?\\d+"))
          .forEach(n -> out.add(Long.parseLong(n)));
    }
    return out;
  }
}
