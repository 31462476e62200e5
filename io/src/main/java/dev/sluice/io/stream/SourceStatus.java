package dev.sluice.io.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * What a running source last said about itself, in a JVM-wide registry by key: how a facade's
 * {@code processAllAvailable()} learns that a source has read everything there is.
 *
 * <p>A source built with {@code withStatusKey(key)} reports after every poll of its input and after
 * every batch end marker: the last batch whose end marker it emitted, and whether it is caught up
 * (its last poll found no new data, or its bounded input is exhausted and the source has ended).
 * Sources without a key report nothing.
 *
 * <pre>{@code
 * p.apply(FileStreamSource.json(schema, "in/").withStatusKey("query-1/source-0"));
 * ...
 * SourceStatus status = SourceStatus.get("query-1/source-0");
 * if (status != null && status.caughtUp() && status.updatedAtMillis() > askedAt) {
 *   // every batch up to status.lastEndedBatch() is out of the source
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

  private SourceStatus(long lastEndedBatch, boolean caughtUp, long updatedAtMillis, boolean ended) {
    this.lastEndedBatch = lastEndedBatch;
    this.caughtUp = caughtUp;
    this.updatedAtMillis = updatedAtMillis;
    this.ended = ended;
  }

  /**
   * Records the status of the source registered as {@code key}, stamped with the current time.
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
    if (key == null) {
      throw new IllegalArgumentException("SourceStatus.update needs the source's status key");
    }
    REGISTRY.put(
        key,
        new SourceStatus(lastEndedBatch, caughtUp || ended, System.currentTimeMillis(), ended));
  }

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
        + "]";
  }
}
