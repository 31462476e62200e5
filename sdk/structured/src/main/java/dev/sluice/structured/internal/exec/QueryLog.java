package dev.sluice.structured.internal.exec;

import dev.sluice.io.checkpoint.BatchLog;
import dev.sluice.io.checkpoint.CheckpointLayout;
import dev.sluice.io.checkpoint.LogCodec;
import dev.sluice.io.stream.BatchEnd;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * A query's offset and commit logs, named by Spark's batch ids ({@code offsets/<batchId>}, {@code
 * commits/<batchId>}, both {@link BatchLog}s): the sink step writes a batch's offsets entry before
 * it hands the batch to the sink, and its commit entry once the sink's output and every step's
 * state of that batch are saved. Each entry also names the query's logical batch (the number its
 * sources gave the batch, {@code sluiceBatch}), which is what a restart resumes after.
 *
 * <p>The offsets entry is Spark's shape: the version line, one line of batch metadata ({@code
 * {"batchWatermarkMs":…,"batchTimestampMs":…,"sluiceBatch":…}}), then one line per source with the
 * offset it read up to ({@code -} when it had none). The commit entry is Spark's {@code
 * {"nextBatchWatermarkMs":…}} plus {@code sluiceBatch}.
 *
 * <pre>{@code
 * QueryLog log = QueryLog.at("/tmp/cp");
 * long resumeAfter = log.lastCommittedLogicalBatch();   // -1 on a first run
 * }</pre>
 */
public final class QueryLog implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How many batches the logs keep (Spark's {@code spark.sql.streaming.minBatchesToRetain}). */
  public static final int KEEP = 100;

  /** A commit log entry. */
  public record Commit(long nextBatchWatermarkMs, long sluiceBatch) {}

  private final String root;
  @Nullable private transient BatchLog<List<String>> offsets;
  @Nullable private transient BatchLog<Commit> commits;

  private QueryLog(String root) {
    this.root = root;
  }

  /** The logs of the checkpoint at {@code root} (a local path or a Beam file system URI). */
  public static QueryLog at(String root) {
    return new QueryLog(root);
  }

  /** The logical batch of the last committed batch, or -1 if none is. */
  public long lastCommittedLogicalBatch() throws IOException {
    Optional<BatchLog.Entry<Commit>> last = commits().latest();
    return last.map(e -> e.value().sluiceBatch()).orElse(-1L);
  }

  /** The last committed batch id, or -1. */
  public long lastCommittedBatchId() throws IOException {
    return commits().latestId().orElse(-1);
  }

  /** Records what batch {@code batchId} (logical batch {@code logical}) read, before its output. */
  void planned(
      long batchId, long logical, long watermarkMs, long triggerMs, Map<String, BatchEnd> ends)
      throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(
        "{\"batchWatermarkMs\":"
            + watermarkMs
            + ",\"batchTimestampMs\":"
            + triggerMs
            + ",\"sluiceBatch\":"
            + logical
            + "}");
    for (BatchEnd end : ends.values()) {
      String offset = end.endOffset();
      lines.add(offset == null ? "-" : offset.replace('\n', ' ').replace('\r', ' '));
    }
    offsets().put(batchId, lines);
  }

  /** Records that batch {@code batchId} (logical batch {@code logical}) is done. */
  void committed(long batchId, long logical, long nextWatermarkMs) throws IOException {
    commits().add(batchId, new Commit(nextWatermarkMs, logical));
    commits().purge(KEEP);
    offsets().purge(KEEP);
  }

  private BatchLog<List<String>> offsets() throws IOException {
    if (offsets == null) {
      offsets = BatchLog.open(CheckpointLayout.of(root).offsets(), LogCodec.lines());
    }
    return offsets;
  }

  private BatchLog<Commit> commits() throws IOException {
    if (commits == null) {
      commits = BatchLog.open(CheckpointLayout.of(root).commits(), LogCodec.json(Commit.class));
    }
    return commits;
  }
}
