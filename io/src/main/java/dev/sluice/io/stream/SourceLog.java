package dev.sluice.io.stream;

import dev.sluice.io.checkpoint.BatchLog;
import dev.sluice.io.checkpoint.CheckpointFiles;
import dev.sluice.io.checkpoint.LogCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The checkpoint of one source of a query with a checkpoint location ({@code
 * <checkpoint>/sources/<i>}): two {@link BatchLog}s of {@link BatchCheckpoint}s, named by the
 * source's batch numbers.
 *
 * <ul>
 *   <li>{@code planned/<batch>}: written when the source takes a batch, <em>before</em> any of its
 *       records is read (Spark's offset log): the batch's number and exactly the input it reads;
 *   <li>{@code ends/<batch>}: written when the batch's end marker is out: the position after it.
 * </ul>
 *
 * <p>A restarted query gives the source the last batch it committed ({@code resumeAfter}); the
 * source then runs again, with the same number and the same input, the first batch it planned after
 * that one (a batch cut short by the crash, Spark's recovery rule), or else continues after the
 * last batch it ended at or before {@code resumeAfter}. The log travels with the source (it is part
 * of the serialized pipeline) and is read and written through {@link CheckpointFiles}, so a source
 * restarted on any worker of any runner finds it, given a location all workers share.
 *
 * <p>Each entry is the version line, one line of JSON for people ({@code {"batch":3,"open":true,
 * "offset":"…"}}), and the checkpoint as Beam checkpoints it ({@link BatchedSource#
 * getCheckpointMarkCoder()}: Java serialization, base64).
 *
 * <pre>{@code
 * SourceLog log = SourceLog.at("/tmp/cp/sources/0", 7);   // the query committed batch 7
 * BatchCheckpoint from = log.resumePoint();               // where the source's reader starts
 * }</pre>
 */
public final class SourceLog implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How many batches' entries each of the two logs keeps. */
  public static final int KEEP = 10;

  private final String location;
  private final long resumeAfter;
  @Nullable private transient BatchLog<BatchCheckpoint> planned;
  @Nullable private transient BatchLog<BatchCheckpoint> ends;

  private SourceLog(String location, long resumeAfter) {
    this.location = location;
    this.resumeAfter = resumeAfter;
  }

  /**
   * The log in directory {@code location} (a local path or a URI of a Beam file system) of a source
   * whose query committed its batches up to {@code resumeAfter} (-1: none, a first run).
   */
  public static SourceLog at(String location, long resumeAfter) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("A source log needs a directory");
    }
    return new SourceLog(location, resumeAfter);
  }

  /** The log's directory. */
  public String location() {
    return location;
  }

  /** The last batch the query committed before this run, or -1. */
  public long resumeAfter() {
    return resumeAfter;
  }

  /**
   * Where a new reader of the source starts: the first batch planned after {@link #resumeAfter()}
   * (to run again exactly), else the position after the last batch ended at or before it, else null
   * (from the beginning).
   */
  @Nullable
  public BatchCheckpoint resumePoint() throws IOException {
    if (resumeAfter < 0 && planned().latestId().isEmpty() && ends().latestId().isEmpty()) {
      return null;
    }
    for (long batch : planned().batchIds()) {
      if (batch > resumeAfter) {
        Optional<BatchCheckpoint> open = planned().get(batch);
        if (open.isPresent()) {
          // Batch `batch` runs again as planned; what came after it will be redone.
          planned().deleteAfter(batch);
          ends().deleteAfter(batch - 1);
          return open.get().forNewRun();
        }
      }
    }
    long best = -1;
    for (long batch : ends().batchIds()) {
      if (batch <= resumeAfter) {
        best = Math.max(best, batch);
      }
    }
    planned().deleteAfter(resumeAfter);
    ends().deleteAfter(resumeAfter);
    if (best < 0) {
      return null;
    }
    return ends().get(best).map(BatchCheckpoint::forNewRun).orElse(null);
  }

  /** Records that {@code batch} was taken, before its records are read. */
  void planned(long batch, BatchCheckpoint atStart) throws IOException {
    planned().put(batch, atStart);
    planned().purge(KEEP);
  }

  /** Records the position after {@code batch}. */
  void ended(long batch, BatchCheckpoint after) throws IOException {
    ends().put(batch, after);
    ends().purge(KEEP);
  }

  private BatchLog<BatchCheckpoint> planned() throws IOException {
    if (planned == null) {
      planned = BatchLog.open(CheckpointFiles.of(location).resolve("planned"), CODEC);
    }
    return planned;
  }

  private BatchLog<BatchCheckpoint> ends() throws IOException {
    if (ends == null) {
      ends = BatchLog.open(CheckpointFiles.of(location).resolve("ends"), CODEC);
    }
    return ends;
  }

  @Override
  public String toString() {
    return "SourceLog[" + location + ", resume after " + resumeAfter + "]";
  }

  private static final LogCodec<BatchCheckpoint> CODEC =
      new LogCodec<>() {
        @Override
        public int version() {
          return 1;
        }

        @Override
        public List<String> encode(BatchCheckpoint value) throws IOException {
          ByteArrayOutputStream bytes = new ByteArrayOutputStream();
          try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
          }
          return List.of(summary(value), Base64.getEncoder().encodeToString(bytes.toByteArray()));
        }

        @Override
        public BatchCheckpoint decode(int version, List<String> lines) throws Exception {
          if (lines.size() != 2) {
            throw new IllegalArgumentException(
                "expected a summary line and a checkpoint line, found " + lines.size() + " lines");
          }
          byte[] bytes = Base64.getDecoder().decode(lines.get(1));
          try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (BatchCheckpoint) in.readObject();
          }
        }
      };

  private static String summary(BatchCheckpoint c) {
    String offset = c.progress().endOffset;
    return "{\"batch\":"
        + c.nextBatch()
        + ",\"open\":"
        + c.batchOpen()
        + ",\"offset\":"
        + (offset == null ? "null" : quote(offset))
        + "}";
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      if (ch == '"' || ch == '\\') {
        out.append('\\').append(ch);
      } else if (ch < 0x20) {
        out.append(String.format("\\u%04x", (int) ch));
      } else {
        out.append(ch);
      }
    }
    return out.append('"').toString();
  }
}
