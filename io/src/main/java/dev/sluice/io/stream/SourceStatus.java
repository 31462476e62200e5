package dev.sluice.io.stream;

import dev.sluice.io.context.RunContext;
import javax.annotation.Nullable;

/**
 * What a running source last said about itself, kept in its run's {@link RunContext}: how a
 * facade's {@code processAllAvailable()} learns that a source has read everything there is.
 *
 * <p>A source built with {@code withStatusKey(key)} reports after every poll of its input and after
 * every batch end marker: the last batch whose end marker it emitted, whether it is caught up (its
 * last poll found no new data, or its bounded input is exhausted and the source has ended), and
 * when that last poll <em>began</em> ({@link #polledAtNanos()}, on {@link System#nanoTime()}'s
 * clock). Sources without a key report nothing, and neither do sources whose run's context is not
 * in their JVM (a worker of a distributed runner): this is a driver-JVM channel.
 *
 * <p>"Everything available at time T has been read" is proved by a caught-up status whose poll
 * began after T: that poll saw every input that existed at T and found nothing it had not taken
 * already. The time a status was <em>reported</em> proves nothing, because a poll that looked
 * before T may report after it (a loaded machine may pause the reader between looking and
 * reporting); and a reader restored from a checkpoint reports before it has polled at all.
 *
 * <pre>{@code
 * RunContext run = RunContext.open();
 * p.apply(FileStreamSource.json(schema, "in/").withStatusKey(StatusKey.of(run.runId(), "s0")));
 * ...
 * long askedAt = System.nanoTime();
 * SourceStatus status = SourceStatus.get(run, "s0");
 * if (status != null && status.caughtUpSince(askedAt)) {
 *   // everything in the input at askedAt is in batches up to status.lastEndedBatch()
 * }
 * run.close();   // forgets the statuses with the run
 * }</pre>
 */
public final class SourceStatus {
  /** The name prefix under which statuses are kept in a run's context. */
  private static final String PREFIX = "io.sourceStatus/";

  private final long lastEndedBatch;
  private final boolean caughtUp;
  private final long updatedAtMillis;
  private final boolean ended;
  private final long polledAtNanos;

  private SourceStatus(
      long lastEndedBatch,
      boolean caughtUp,
      long updatedAtMillis,
      boolean ended,
      long polledAtNanos) {
    this.lastEndedBatch = lastEndedBatch;
    this.caughtUp = caughtUp;
    this.updatedAtMillis = updatedAtMillis;
    this.ended = ended;
    this.polledAtNanos = polledAtNanos;
  }

  /**
   * Records the status of the source {@code key} names, stamped with the current time, which also
   * stands for the time its last poll began (use {@link #update(StatusKey, long, boolean, boolean,
   * long)} when the source knows when that was, as {@link BatchingReader} does).
   *
   * @param lastEndedBatch the last batch whose end marker (with or without data) the source
   *     emitted; -1 before the first
   * @param caughtUp true if the source's last poll found nothing new, or its input is exhausted
   */
  public static void update(StatusKey key, long lastEndedBatch, boolean caughtUp) {
    update(key, lastEndedBatch, caughtUp, false);
  }

  /**
   * As {@link #update(String, long, boolean)}, saying also whether the source has ended (it will
   * emit nothing more, so it reports nothing more either).
   */
  public static void update(StatusKey key, long lastEndedBatch, boolean caughtUp, boolean ended) {
    update(key, lastEndedBatch, caughtUp, ended, System.nanoTime());
  }

  /**
   * Records the status of the source {@code key} names in its run's context; does nothing if the
   * run's context is not open in this JVM.
   *
   * @param lastEndedBatch the last batch whose end marker (with or without data) the source
   *     emitted; -1 before the first
   * @param caughtUp true if the source's last poll found nothing new, or its input is exhausted
   * @param ended true if the source has ended (it emits and reports nothing more)
   * @param polledAtNanos when the source's last poll began, on {@link System#nanoTime()}'s clock;
   *     {@link #NEVER_POLLED} if this reader has not polled yet
   */
  public static void update(
      StatusKey key, long lastEndedBatch, boolean caughtUp, boolean ended, long polledAtNanos) {
    if (key == null) {
      throw new IllegalArgumentException("SourceStatus.update needs the source's status key");
    }
    RunContext run = RunContext.find(key.runId());
    if (run != null) {
      run.put(
          PREFIX + key.source(),
          new SourceStatus(
              lastEndedBatch, caughtUp || ended, System.currentTimeMillis(), ended, polledAtNanos));
    }
  }

  /** The {@code polledAtNanos} of a reader that has not polled its input yet. */
  public static final long NEVER_POLLED = Long.MIN_VALUE;

  /** The last status source {@code source} of {@code run} reported, or null if none did. */
  @Nullable
  public static SourceStatus get(RunContext run, String source) {
    return run.get(PREFIX + source, SourceStatus.class);
  }

  /** The last status reported under {@code key} in this JVM, or null. */
  @Nullable
  public static SourceStatus get(StatusKey key) {
    RunContext run = RunContext.find(key.runId());
    return run == null ? null : get(run, key.source());
  }

  /** The last batch whose end marker the source emitted; -1 before the first. */
  public long lastEndedBatch() {
    return lastEndedBatch;
  }

  /** True if the last poll found no new data, or the source's input is exhausted. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** True if the source has ended: all its batches are out and it reports no more. */
  public boolean ended() {
    return ended;
  }

  /** When this status was reported (epoch millis). */
  public long updatedAtMillis() {
    return updatedAtMillis;
  }

  /**
   * When the poll this status reports on began, on {@link System#nanoTime()}'s clock; {@link
   * #NEVER_POLLED} if the reader has not polled yet.
   */
  public long polledAtNanos() {
    return polledAtNanos;
  }

  /**
   * True if the source has read everything its input held at {@code askedAtNanos} (a {@link
   * System#nanoTime()} reading): it has ended, or it is caught up after a poll that began after
   * {@code askedAtNanos}. Its batches up to {@link #lastEndedBatch()} then hold all that input.
   */
  public boolean caughtUpSince(long askedAtNanos) {
    return ended || (caughtUp && polledAtNanos != NEVER_POLLED && polledAtNanos - askedAtNanos > 0);
  }

  @Override
  public String toString() {
    return "SourceStatus[lastEndedBatch="
        + lastEndedBatch
        + ", caughtUp="
        + caughtUp
        + ", updatedAtMillis="
        + updatedAtMillis
        + ", ended="
        + ended
        + ", polledAtNanos="
        + polledAtNanos
        + "]";
  }
}
