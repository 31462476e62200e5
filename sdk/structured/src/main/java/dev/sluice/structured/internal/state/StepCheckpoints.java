package dev.sluice.structured.internal.state;

import dev.sluice.structured.internal.exec.BatchStepFn;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.annotation.Nullable;

/**
 * The state snapshots of one stateful step of a query with a checkpoint location (Spark's state
 * store checkpoints): after each batch a shard writes its state to {@code dir/<shard>/<batch>}; a
 * restarted query's shard starts from its snapshot of the last committed batch. The sink step's
 * snapshots also commit the batch ({@code commits/<batch>}, Spark's commit log) once its output is
 * written, which is what a restart resumes after.
 *
 * <pre>{@code
 * fn.checkpointTo(new StepCheckpoints("cp/state/Aggregate3", lastCommitted, null));
 * }</pre>
 */
public final class StepCheckpoints implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How many snapshots a shard keeps. */
  static final int KEEP = 10;

  private final String dir;
  private final long resumeAfter;
  @Nullable private final String commits;

  /**
   * @param dir where the step's shards keep their snapshots
   * @param resumeAfter the last committed batch of the previous run, or -1 for a fresh start
   * @param commits where batches are committed after this step's snapshot (the sink), or null
   */
  public StepCheckpoints(String dir, long resumeAfter, @Nullable String commits) {
    this.dir = dir;
    this.resumeAfter = resumeAfter;
    this.commits = commits;
  }

  /** The last batch committed in the commit log {@code commits}, or -1 if none is. */
  public static long lastCommitted(Path commits) throws IOException {
    long last = -1;
    for (long batch : batches(commits)) {
      last = Math.max(last, batch);
    }
    return last;
  }

  /** The shard's state after the last committed batch, or null if there is none. */
  @Nullable
  public <S extends Serializable> BatchStepFn.StepState<S> load(int shard) throws IOException {
    if (resumeAfter < 0) {
      return null;
    }
    Path shardDir = Paths.get(dir, Integer.toString(shard));
    long best = Long.MIN_VALUE;
    for (long batch : batches(shardDir)) {
      if (batch <= resumeAfter && batch > best) {
        best = batch;
      }
    }
    if (best == Long.MIN_VALUE) {
      return null;
    }
    Path file = shardDir.resolve(Long.toString(best));
    try (InputStream in = Files.newInputStream(file);
        ObjectInputStream objects = new ObjectInputStream(in)) {
      @SuppressWarnings("unchecked")
      BatchStepFn.StepState<S> state = (BatchStepFn.StepState<S>) objects.readObject();
      return state;
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new IOException(
          "Unreadable state snapshot "
              + file
              + ": was the checkpoint written by another version of the query? Use a new"
              + " checkpoint location",
          e);
    }
  }

  /** Writes the shard's state after {@code batch} (without pending later batches), then commits. */
  public <S extends Serializable> void save(int shard, long batch, BatchStepFn.StepState<S> state)
      throws IOException {
    BatchStepFn.StepState<S> snapshot = new BatchStepFn.StepState<>();
    snapshot.shard = shard;
    snapshot.op = state.op;
    Path shardDir = Paths.get(dir, Integer.toString(shard));
    Files.createDirectories(shardDir);
    Path tmp = shardDir.resolve("." + batch + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp);
        ObjectOutputStream objects = new ObjectOutputStream(out)) {
      objects.writeObject(snapshot);
    }
    Files.move(
        tmp,
        shardDir.resolve(Long.toString(batch)),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    prune(shardDir);
    if (commits != null) {
      Path commitDir = Paths.get(commits);
      Files.createDirectories(commitDir);
      Path marker = commitDir.resolve(Long.toString(batch));
      if (!Files.exists(marker)) {
        Files.write(commitDir.resolve("." + batch + ".tmp"), new byte[0]);
        Files.move(commitDir.resolve("." + batch + ".tmp"), marker, StandardCopyOption.ATOMIC_MOVE);
      }
      prune(commitDir);
    }
  }

  private static void prune(Path dir) throws IOException {
    List<Long> all = batches(dir);
    all.sort(null);
    for (int i = 0; i < all.size() - KEEP; i++) {
      Files.deleteIfExists(dir.resolve(Long.toString(all.get(i))));
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
