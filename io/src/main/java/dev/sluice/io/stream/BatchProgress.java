package dev.sluice.io.stream;

import java.io.Serializable;
import javax.annotation.Nullable;

/**
 * Where a {@link BatchingReader} is in its sequence of batches: the part of its checkpoint that is
 * the same for every source. Mutable, owned by one reader; checkpoints hold copies.
 */
final class BatchProgress implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The open batch's number while one is open; else the number the next batch will get. */
  long nextBatch;

  /** A batch was taken and its end marker is not out yet. */
  boolean batchOpen;

  /** The last batch whose end marker is out; -1 before the first. */
  long lastEndedBatch = -1;

  /** A batch with data ended since the last no-data marker: the next empty trigger emits one. */
  boolean idlePending;

  /** The last end marker is out: the next {@code advance()} ends the source. */
  boolean endPending;

  /** The source has ended: watermark at the end of time, no more elements. */
  boolean ended;

  /** The last poll found nothing new (or the input is exhausted). */
  boolean caughtUp;

  /** Processing time before which no poll happens (processing-time triggers). */
  long nextTriggerMillis;

  // ---- the open batch ----
  long rows;
  long dropped;
  long triggerTimeMillis;
  @Nullable String startOffset;
  @Nullable String endOffset;

  BatchProgress copy() {
    BatchProgress c = new BatchProgress();
    c.nextBatch = nextBatch;
    c.batchOpen = batchOpen;
    c.lastEndedBatch = lastEndedBatch;
    c.idlePending = idlePending;
    c.endPending = endPending;
    c.ended = ended;
    c.caughtUp = caughtUp;
    c.nextTriggerMillis = nextTriggerMillis;
    c.rows = rows;
    c.dropped = dropped;
    c.triggerTimeMillis = triggerTimeMillis;
    c.startOffset = startOffset;
    c.endOffset = endOffset;
    return c;
  }

  @Override
  public String toString() {
    return "BatchProgress[nextBatch="
        + nextBatch
        + ", batchOpen="
        + batchOpen
        + ", lastEndedBatch="
        + lastEndedBatch
        + ", idlePending="
        + idlePending
        + ", endPending="
        + endPending
        + ", ended="
        + ended
        + ", rows="
        + rows
        + "]";
  }
}
