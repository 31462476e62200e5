package dev.sluice.io.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * What a running source last said about itself, in a JVM-wide registry by key: how a facade's
 * {@code processAllAvailable()} learns that a source has read everything there is.
 *
 * <p>A source built with {@code withStatusKey(key)} reports after every poll of its input and after
 * every batch end marker: the last batch whose end marker it emitted, whether it is caught up (its
 * last poll found no new data, or its bounded input is exhausted and the source has ended), and
 * when that last poll <em>began</em> ({@link #polledAtNanos()}, on {@link System#nanoTime()}'s
 * clock). Sources without a key report nothing.
 *
 * <p>"Everything available at time T has been read" is proved by a caught-up status whose poll
 * began after T: that poll saw every input that existed at T and found nothing it had not taken
 * already. The time a status was <em>reported</em> proves nothing, because a poll that looked
 * before T may report after it (a loaded machine may pause the reader between looking and
 * reporting); and a reader restored from a checkpoint reports before it has polled at all.
 *
 * <pre>{@code
 * p.apply(FileStreamSource.json(schema, "in/").withStatusKey("query-1/source-0"));
 * ...
 * long askedAt = System.nanoTime();
 * SourceStatus status = SourceStatus.get("query-1/source-0");
 * if (status != null && status.caughtUpSince(askedAt)) {
 *   // everything in the input at askedAt is in batches up to status.lastEndedBatch()
 * }
 * SourceStatus.remove("query-1/source-0");
 * }</pre>
 */
public final class SourceStatus {
  private static final Map<String, SourceStatus> REGISTRY = new ConcurrentHashMap<>();

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
   * Records the status of the source registered as {@code key}, stamped with the current time,
   * which also stands for the time its last poll began (use {@link #update(String, long, boolean,
   * boolean, long)} when the source knows when that was, as {@link BatchingReader} does).
   *
   * @param lastEndedBatch the last batch whose end marker (with or without data) the source
   *     emitted; -1 before the first
   * @param caughtUp true if the source's last poll found nothing new, or its input is exhausted
   */
  public static void update(String key, long lastEndedBatch, boolean caughtUp) {
    update(key, lastEndedBatch, caughtUp, false);
  }

  /**
   * As {@link #update(String, long, boolean)}, saying also whether the source has ended (it will
   * emit nothing more, so it reports nothing more either).
   */
  public static void update(String key, long lastEndedBatch, boolean caughtUp, boolean ended) {
    update(key, lastEndedBatch, caughtUp, ended, System.nanoTime());
  }

  /**
   * Records the status of the source registered as {@code key}.
   *
   * @param lastEndedBatch the last batch whose end marker (with or without data) the source
   *     emitted; -1 before the first
   * @param caughtUp true if the source's last poll found nothing new, or its input is exhausted
   * @param ended true if the source has ended (it emits and reports nothing more)
   * @param polledAtNanos when the source's last poll began, on {@link System#nanoTime()}'s clock;
   *     {@link #NEVER_POLLED} if this reader has not polled yet
   */
  public static void update(
      String key, long lastEndedBatch, boolean caughtUp, boolean ended, long polledAtNanos) {
    if (key == null) {
      throw new IllegalArgumentException("SourceStatus.update needs the source's status key");
    }
    REGISTRY.put(
        key,
        new SourceStatus(
            lastEndedBatch, caughtUp || ended, System.currentTimeMillis(), ended, polledAtNanos));
  }

  /** The {@code polledAtNanos} of a reader that has not polled its input yet. */
  public static final long NEVER_POLLED = Long.MIN_VALUE;

  /** The last status reported under {@code key}, or null if none was (or it was removed). */
  @Nullable
  public static SourceStatus get(String key) {
    return key == null ? null : REGISTRY.get(key);
  }

  /** Forgets the status under {@code key}, e.g. when the query that reads the source stops. */
  public static void remove(String key) {
    if (key != null) {
      REGISTRY.remove(key);
    }
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
