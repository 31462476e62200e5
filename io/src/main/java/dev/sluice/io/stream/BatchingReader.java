package dev.sluice.io.stream;

import java.io.IOException;
import java.io.Serializable;
import java.util.NoSuchElementException;
import javax.annotation.Nullable;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.joda.time.Instant;

/**
 * The reader of a {@link BatchedSource}: turns a source's "take the new input" and "next record"
 * into Spark's batch sequence for the source's {@link BatchTrigger}, with end markers, no-data
 * markers, the watermark and checkpoints.
 *
 * <p>The sequence, per trigger kind ("poll" = call {@link #takeBatch}):
 *
 * <pre>
 * ONCE:            poll; if it took input: its records, end(n, hasData) ; end of source
 * AVAILABLE_NOW:   poll until it takes nothing, each taken batch: records, end(n, hasData);
 *                  then end(n, no data) ; end of source
 * PROCESSING_TIME: every interval (aligned to multiples of it; 0: whenever asked, at most every
 *                  10 ms while idle): poll; took input: records, end(n, hasData);
 *                  took nothing after a data batch: end(n, no data), once;
 *                  took nothing and {@link #inputEnded()}: (the owed no-data marker), end of source
 * </pre>
 *
 * <p>Watermark, as a formula: {@code ended ? TIMESTAMP_MAX_VALUE : timestampOf(nextBatch)}, where
 * {@code nextBatch} is the open batch while one is open and the number of the next one otherwise.
 * With a clock-aligned processing-time trigger, batches are numbered on a clock shared by all
 * sources ({@code now / interval}, milliseconds for interval 0): a batch gets the larger of the
 * next number and the clock's, and an idle source's {@code nextBatch} follows the clock, so its
 * watermark keeps moving and never holds back another source of the same query. So it is {@code
 * timestampOf(n)} while batch {@code n} is open and {@code timestampOf(n + 1)} once its end marker
 * is out. After the end, {@link #advance()} returns false forever.
 *
 * <p>Checkpoints ({@link #getCheckpointMark()}) hold a copy of the batch sequence and of {@link
 * #state()}; a reader created from one continues after the last element returned before it was
 * taken. A subclass must therefore keep everything it needs in {@link #state()} (files seen,
 * offsets, the position inside the open batch) and rebuild the rest (open files, connections) from
 * it.
 *
 * <pre>{@code
 * final class CountingReader extends BatchingReader<Long> {
 *   private final CountingState state;   // Serializable: next, batchEnd
 *   protected boolean takeBatch(long now) { state.batchEnd = state.next + 10; return true; }
 *   protected Long nextRecord() { return state.next < state.batchEnd ? state.next++ : null; }
 *   protected Serializable state() { return state; }
 *   protected String offset() { return Long.toString(state.batchEnd); }
 *   protected String description() { return "Counting"; }
 *   public void close() {}
 * }
 * }</pre>
 *
 * @param <T> the record type
 */
public abstract class BatchingReader<T> extends UnboundedSource.UnboundedReader<Batched<T>> {
  /** How often an idle source with a 0 ms processing-time trigger looks for new input. */
  public static final long IDLE_POLL_MILLIS = 10;

  private final BatchedSource<T> source;
  private final BatchProgress progress;
  @Nullable private Batched<T> current;

  /**
   * When this reader's last poll began ({@link System#nanoTime()}), for {@link SourceStatus}. Not
   * in the checkpoint: a restored reader has not looked at the input yet, whatever its checkpoint
   * says about the previous reader's last poll.
   */
  private long polledAtNanos = SourceStatus.NEVER_POLLED;

  /**
   * A reader of {@code source}, starting afresh or after {@code checkpoint}.
   *
   * @param checkpoint where to continue, or null to start from the beginning
   */
  protected BatchingReader(BatchedSource<T> source, @Nullable BatchCheckpoint checkpoint) {
    this.source = source;
    this.progress = checkpoint == null ? new BatchProgress() : checkpoint.progress().copy();
  }

  // ---- what a source provides ---------------------------------------------------------------

  /**
   * Called at a trigger with no batch open: moves the input that arrived since the previous batch
   * (up to the source's rate limit; for {@link BatchTrigger.Kind#ONCE} all of it; for the bounded
   * triggers only input present when the source first polled) into a new batch.
   *
   * @return true if it took any new input (a batch with data, even if it yields no record)
   */
  protected abstract boolean takeBatch(long nowMillis) throws IOException;

  /** The next record of the batch taken, or null when it has no more. */
  @Nullable
  protected abstract T nextRecord() throws IOException;

  /**
   * True if no input will ever come again (e.g. the server closed the socket and every line is
   * taken). Only asked with a processing-time trigger after a poll took nothing.
   */
  protected boolean inputEnded() throws IOException {
    return false;
  }

  /** The source's state; the reader snapshots a deep copy of it into each checkpoint. */
  protected abstract Serializable state();

  /** The offset of the input taken so far, as Spark's progress shows it; null before any. */
  @Nullable
  protected abstract String offset();

  /** The source as Spark's progress names it, e.g. {@code FileStreamSource[file:/in]}. */
  protected abstract String description();

  /** Opens resources (connections) before the first poll; by default nothing. */
  protected void open() throws IOException {}

  /** Counts {@code n} malformed records dropped from the open batch. */
  protected final void countDropped(long n) {
    progress.dropped += n;
  }

  /** The source's trigger. */
  protected final BatchTrigger trigger() {
    return source.trigger();
  }

  /** The open batch's number, or the next batch's if none is open. */
  protected final long currentBatch() {
    return progress.nextBatch;
  }

  // ---- the batch sequence ---------------------------------------------------------------------

  @Override
  public boolean start() throws IOException {
    open();
    report();
    return advance();
  }

  @Override
  public boolean advance() throws IOException {
    current = null;
    if (progress.ended) {
      return false;
    }
    if (progress.endPending) {
      progress.ended = true;
      progress.caughtUp = true;
      report();
      return false;
    }
    if (progress.batchOpen) {
      return emitFromBatch();
    }
    long now = System.currentTimeMillis();
    BatchTrigger trigger = source.trigger();
    if (trigger.kind() == BatchTrigger.Kind.PROCESSING_TIME && now < progress.nextTriggerMillis) {
      return false;
    }
    return poll(now, trigger);
  }

  /**
   * The batch number processing time {@code now} falls in, for a clock-aligned processing-time
   * trigger ({@link BatchTrigger#withClockAlignedBatches()}): {@code now / interval} (interval 0:
   * milliseconds). Every source of a query numbers its batches on this shared clock, so batches of
   * different sources line up, and an idle source's watermark moves with time instead of holding
   * back the others; batch numbers are then sparse, which the facades accept (they number the
   * batches that ran themselves). Long.MIN_VALUE for the bounded triggers, whose batches count 0,
   * 1, 2, …
   */
  private long clockBatch(long now) {
    BatchTrigger trigger = source.trigger();
    if (!trigger.isClockAligned()) {
      return Long.MIN_VALUE;
    }
    return now / Math.max(1, trigger.intervalMillis());
  }

  /** Moves the next batch's number up to the clock's, when no batch is open. */
  private void followClock(long now) {
    if (!progress.batchOpen && !progress.ended) {
      progress.nextBatch = Math.max(progress.nextBatch, clockBatch(now));
    }
  }

  private boolean poll(long now, BatchTrigger trigger) throws IOException {
    polledAtNanos = System.nanoTime();
    followClock(now);
    String before = offset();
    boolean took = takeBatch(now);
    if (trigger.kind() == BatchTrigger.Kind.PROCESSING_TIME) {
      long interval = trigger.intervalMillis();
      progress.nextTriggerMillis =
          interval > 0 ? now / interval * interval + interval : took ? now : now + IDLE_POLL_MILLIS;
    }
    if (took) {
      progress.batchOpen = true;
      progress.rows = 0;
      progress.dropped = 0;
      progress.triggerTimeMillis = now;
      progress.startOffset = before;
      progress.endOffset = offset();
      progress.caughtUp = false;
      report();
      if (source.log() != null) {
        source.log().planned(progress.nextBatch, getCheckpointMark());
      }
      return emitFromBatch();
    }
    progress.caughtUp = true;
    switch (trigger.kind()) {
      case ONCE:
        progress.ended = true;
        report();
        return false;
      case AVAILABLE_NOW:
        emitNoData(now);
        progress.endPending = true;
        return true;
      default:
        boolean inputEnded = inputEnded();
        if (progress.idlePending) {
          progress.idlePending = false;
          emitNoData(now);
          progress.endPending = inputEnded;
          return true;
        }
        if (inputEnded) {
          progress.ended = true;
        }
        report();
        return false;
    }
  }

  private boolean emitFromBatch() throws IOException {
    long batch = progress.nextBatch;
    T record = nextRecord();
    if (record != null) {
      progress.rows++;
      current = Batched.record(batch, record);
      return true;
    }
    current =
        Batched.end(
            BatchEnd.builder()
                .setBatch(batch)
                .setHasData(true)
                .setNumInputRows(progress.rows)
                .setNumDroppedMalformed(progress.dropped)
                .setDescription(description())
                .setStartOffset(progress.startOffset)
                .setEndOffset(progress.endOffset)
                .setTriggerTimeMillis(progress.triggerTimeMillis)
                .build());
    progress.batchOpen = false;
    progress.lastEndedBatch = batch;
    progress.nextBatch = batch + 1;
    progress.idlePending = source.trigger().kind() == BatchTrigger.Kind.PROCESSING_TIME;
    progress.endPending = source.trigger().kind() == BatchTrigger.Kind.ONCE;
    report();
    if (source.log() != null) {
      source.log().ended(batch, getCheckpointMark());
    }
    return true;
  }

  private void emitNoData(long now) throws IOException {
    long batch = progress.nextBatch;
    String at = offset();
    current =
        Batched.end(
            BatchEnd.builder()
                .setBatch(batch)
                .setHasData(false)
                .setNumInputRows(0)
                .setDescription(description())
                .setStartOffset(at)
                .setEndOffset(at)
                .setTriggerTimeMillis(now)
                .build());
    progress.lastEndedBatch = batch;
    progress.nextBatch = batch + 1;
    report();
    if (source.log() != null) {
      source.log().ended(batch, getCheckpointMark());
    }
  }

  private void report() {
    StatusKey key = source.statusKey();
    if (key != null) {
      SourceStatus.update(
          key,
          progress.lastEndedBatch,
          progress.caughtUp || progress.ended,
          progress.ended,
          polledAtNanos);
    }
  }

  // ---- UnboundedReader ------------------------------------------------------------------------

  @Override
  public Batched<T> getCurrent() {
    if (current == null) {
      throw new NoSuchElementException("No current element: call start() or advance() first");
    }
    return current;
  }

  @Override
  public Instant getCurrentTimestamp() {
    return Batched.timestampOf(getCurrent().batch());
  }

  @Override
  public Instant getWatermark() {
    followClock(System.currentTimeMillis());
    return progress.ended
        ? BoundedWindow.TIMESTAMP_MAX_VALUE
        : Batched.timestampOf(progress.nextBatch);
  }

  @Override
  public BatchCheckpoint getCheckpointMark() {
    return new BatchCheckpoint(progress.copy(), BatchCheckpoint.deepCopy(state()));
  }

  @Override
  public BatchedSource<T> getCurrentSource() {
    return source;
  }
}
