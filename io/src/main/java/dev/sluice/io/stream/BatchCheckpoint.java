package dev.sluice.io.stream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.io.UnboundedSource;

/**
 * The checkpoint of a {@link BatchingReader}: everything a new reader needs to continue exactly
 * where the old one stopped, with no record lost or repeated. It holds the batch sequence (next
 * batch number, whether a batch is open and what it read so far, whether a no-data marker is owed,
 * the processing time of the next trigger) and the source's own state (files seen, offsets, the
 * position inside the open batch).
 *
 * <p>Checkpoints are immutable snapshots: the reader copies its state into a new one each time it
 * is asked. They are Java-serialized by {@link BatchedSource#getCheckpointMarkCoder()}. Finalizing
 * one is forwarded to the source state when it implements {@link UnboundedSource.CheckpointMark}
 * (the socket source uses this to drop lines it no longer needs).
 *
 * <pre>{@code
 * BatchCheckpoint mark = (BatchCheckpoint) reader.getCheckpointMark();
 * byte[] bytes = CoderUtils.encodeToByteArray(source.getCheckpointMarkCoder(), mark);
 * BatchingReader<Row> resumed = source.createReader(options,
 *     CoderUtils.decodeFromByteArray(source.getCheckpointMarkCoder(), bytes));
 * }</pre>
 */
public final class BatchCheckpoint implements UnboundedSource.CheckpointMark, Serializable {
  private static final long serialVersionUID = 1L;

  private final BatchProgress progress;
  private final Serializable sourceState;

  BatchCheckpoint(BatchProgress progress, Serializable sourceState) {
    this.progress = progress;
    this.sourceState = sourceState;
  }

  BatchProgress progress() {
    return progress;
  }

  /** The number of the batch that is open, or that the next batch will get. */
  public long nextBatch() {
    return progress.nextBatch;
  }

  /** True if the checkpoint was taken inside a batch (after some of its elements). */
  public boolean batchOpen() {
    return progress.batchOpen;
  }

  /** True if the source had ended when the checkpoint was taken. */
  public boolean ended() {
    return progress.ended;
  }

  /**
   * The position for a new run of the query (a restart from a checkpoint location): the batch
   * numbering and the source's positions continue; what belonged to the previous run (its end, a
   * pending no-data marker, the input a bounded trigger found at its first poll) is forgotten.
   */
  public BatchCheckpoint forNewRun() {
    BatchProgress p = progress.copy();
    p.ended = false;
    p.endPending = false;
    p.idlePending = false;
    p.caughtUp = false;
    p.nextTriggerMillis = 0;
    Serializable state =
        sourceState instanceof RunScopedState
            ? ((RunScopedState) sourceState).forNewRun()
            : deepCopy(sourceState);
    return new BatchCheckpoint(p, state);
  }

  /** A copy of the source's own state, for its reader to continue from. */
  public Serializable sourceState() {
    return deepCopy(sourceState);
  }

  @Override
  public void finalizeCheckpoint() throws IOException {
    if (sourceState instanceof UnboundedSource.CheckpointMark) {
      ((UnboundedSource.CheckpointMark) sourceState).finalizeCheckpoint();
    }
  }

  /** A deep copy by Java serialization, so a checkpoint never shares state with its reader. */
  @SuppressWarnings("unchecked")
  public static <S extends Serializable> S deepCopy(S value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        return (S) in.readObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy source state " + value.getClass(), e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Cannot copy source state " + value.getClass(), e);
    }
  }

  /** Equal when they continue from the same batch position with equal source state. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BatchCheckpoint)) {
      return false;
    }
    BatchCheckpoint that = (BatchCheckpoint) o;
    return nextBatch() == that.nextBatch()
        && batchOpen() == that.batchOpen()
        && ended() == that.ended()
        && java.util.Objects.equals(sourceState, that.sourceState);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(nextBatch(), batchOpen(), ended());
  }

  @Override
  public String toString() {
    return "BatchCheckpoint[" + progress + ", " + sourceState + "]";
  }
}
