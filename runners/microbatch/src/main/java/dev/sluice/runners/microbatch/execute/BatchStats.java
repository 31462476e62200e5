package dev.sluice.runners.microbatch.execute;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one batch did, used to tell progress from idleness.
 *
 * <pre>{@code
 * BatchStats stats = new BatchStats();
 * stats.addInputRecords(100);
 * stats.madeProgress(); // true
 * }</pre>
 */
public final class BatchStats {
  private final AtomicLong inputRecords = new AtomicLong();
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong timersFired = new AtomicLong();
  private volatile boolean watermarkMoved;

  /** Records read from sources. */
  public void addInputRecords(long n) {
    inputRecords.addAndGet(n);
  }

  /** Elements taken by non-source stages. */
  public void addProcessed(long n) {
    processed.addAndGet(n);
  }

  /** Timers fired. */
  public void addTimersFired(long n) {
    timersFired.addAndGet(n);
  }

  /** Notes that some watermark moved. */
  public void watermarkMoved() {
    watermarkMoved = true;
  }

  /** Records read from sources in this batch. */
  public long inputRecords() {
    return inputRecords.get();
  }

  /**
   * True if the batch read, processed or fired anything. A watermark that moved without making
   * anything happen is not progress: every stage already saw it in this batch, so a source whose
   * watermark follows the clock cannot keep an idle loop spinning.
   */
  public boolean madeProgress() {
    return inputRecords.get() > 0 || processed.get() > 0 || timersFired.get() > 0;
  }

  /** True if some watermark moved in this batch. */
  public boolean watermarkHasMoved() {
    return watermarkMoved;
  }
}
