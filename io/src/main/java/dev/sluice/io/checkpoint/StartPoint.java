package dev.sluice.io.checkpoint;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import javax.annotation.Nullable;

/**
 * Where a restarted query starts, decided from its offset and commit logs exactly as Spark's {@code
 * MicroBatchExecution.populateStartOffsets} (the algorithm is in {@link CheckpointLayout}): the
 * next batch's id, whether it re-runs a planned batch that was not committed, the offsets to resume
 * after, and, for a re-run, the offsets it must read up to.
 *
 * <pre>{@code
 * StartPoint<List<String>> start = StartPoint.of(offsets, commits);
 * if (start.rerun()) {
 *   // read from after start.resumeAfter() up to exactly start.rerunEnd(), as batch start.batchId()
 * } else {
 *   // plan batch start.batchId() from after start.resumeAfter() (null: from the beginning)
 * }
 * }</pre>
 *
 * @param batchId the id of the next batch to run
 * @param rerun whether that batch was planned (has an offsets entry) but not committed
 * @param resumeAfter the offsets the next batch starts after; null to start from the beginning
 * @param rerunEnd for a re-run, the planned offsets it reads up to; null otherwise
 * @param <T> the offset log's value type
 */
public record StartPoint<T>(
    long batchId, boolean rerun, @Nullable T resumeAfter, @Nullable T rerunEnd) {

  /**
   * The start point given a query's logs.
   *
   * @throws IllegalStateException if the logs disagree (commits ahead of offsets, or more than one
   *     batch apart), with what to do
   * @throws CheckpointFileException if an entry needed cannot be read
   */
  public static <T> StartPoint<T> of(BatchLog<T> offsets, BatchLog<?> commits) throws IOException {
    OptionalLong latestPlanned = offsets.latestId();
    OptionalLong latestCommitted = commits.latestId();
    if (latestPlanned.isEmpty()) {
      if (latestCommitted.isPresent()) {
        throw inconsistent(
            offsets, commits, "no offsets but commits up to batch " + latestCommitted.getAsLong());
      }
      return new StartPoint<>(0, false, null, null);
    }
    long n = latestPlanned.getAsLong();
    long c = latestCommitted.isPresent() ? latestCommitted.getAsLong() : -1;
    if (c == n) {
      return new StartPoint<>(n + 1, false, required(offsets, n), null);
    }
    if (c == n - 1) {
      T previous = n == 0 ? null : offsets.get(n - 1).orElse(null);
      if (n > 0 && previous == null) {
        throw inconsistent(offsets, commits, "the offsets of batch " + (n - 1) + " are missing");
      }
      return new StartPoint<>(n, true, previous, required(offsets, n));
    }
    throw inconsistent(
        offsets,
        commits,
        "offsets end at batch " + n + " but commits at " + (c < 0 ? "none" : Long.toString(c)));
  }

  private static <T> T required(BatchLog<T> log, long batchId) throws IOException {
    Optional<T> value = log.get(batchId);
    if (value.isEmpty()) {
      throw new IllegalStateException(
          "The entry of batch " + batchId + " in " + log.directory().location() + " vanished");
    }
    return value.get();
  }

  private static IllegalStateException inconsistent(
      BatchLog<?> offsets, BatchLog<?> commits, String problem) {
    return new IllegalStateException(
        "The checkpoint's logs disagree ("
            + problem
            + "; offsets in "
            + offsets.directory().location()
            + ", commits in "
            + commits.directory().location()
            + "): a restart needs the commit log to end at the last planned batch or the one"
            + " before it. Restore the checkpoint from a backup or start a new checkpoint location");
  }
}
