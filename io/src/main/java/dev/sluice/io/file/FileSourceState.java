package dev.sluice.io.file;

import dev.sluice.io.stream.RunScopedState;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import javax.annotation.Nullable;

/**
 * The checkpointed state of a file stream source. Lifetimes: {@code seen} grows with every batch
 * and loses files older than the {@code maxFileAge} threshold; {@code available} is set at the
 * first poll of a bounded trigger and shrinks as batches take files; the batch fields describe the
 * open batch and the position inside it.
 */
final class FileSourceState implements RunScopedState {
  private static final long serialVersionUID = 1L;

  /** Files taken by some batch: absolute path to modification time. */
  final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

  /** The newest modification time among the files taken. */
  long latestModificationTime = Long.MIN_VALUE;

  /** Spark's {@code logOffset}: the number of batches that took files, minus 1. */
  long logOffset = -1;

  /** Bounded triggers: the files present at the first poll not taken yet; null before it. */
  @Nullable ArrayList<FileEntry> available;

  /** The files of the open batch, in reading order. */
  ArrayList<String> batchFiles = new ArrayList<>();

  /** The file of the open batch being read. */
  int fileIndex;

  /** Lines of that file whose records are all emitted. */
  long linesDone;

  /** Records emitted from the next line (a JSON line may hold several). */
  int rowInLine;

  @Override
  public String toString() {
    return "FileSourceState[logOffset="
        + logOffset
        + ", seen="
        + seen.size()
        + ", batchFiles="
        + batchFiles
        + ", fileIndex="
        + fileIndex
        + ", linesDone="
        + linesDone
        + ", rowInLine="
        + rowInLine
        + "]";
  }

  /** Forgets the files a bounded trigger found at the previous run's first poll. */
  @Override
  public Serializable forNewRun() {
    FileSourceState next = dev.sluice.io.stream.BatchCheckpoint.deepCopy(this);
    next.available = null;
    return next;
  }
}
