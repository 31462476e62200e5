package dev.sluice.io.stream;

import java.util.Objects;
import javax.annotation.Nullable;
import org.joda.time.Instant;

/**
 * One element of a micro-batched stream: a record of batch {@code n}, or the {@link BatchEnd}
 * marker that closes batch {@code n}. Both are timestamped {@link #timestampOf(long)
 * timestampOf(n)}; see the package documentation for the watermark contract.
 *
 * <pre>{@code
 * Batched<Row> r = Batched.record(3, row);       // r.isRecord(), r.batch() == 3
 * Batched<Row> e = Batched.end(batchEnd);        // e.isEnd(), e.end().numInputRows()
 * }</pre>
 *
 * @param <T> the record type
 */
public final class Batched<T> {
  private final long batch;
  @Nullable private final T record;
  @Nullable private final BatchEnd end;

  private Batched(long batch, @Nullable T record, @Nullable BatchEnd end) {
    this.batch = batch;
    this.record = record;
    this.end = end;
  }

  /** A record of batch {@code batch}. */
  public static <T> Batched<T> record(long batch, T record) {
    return new Batched<>(batch, Objects.requireNonNull(record, "record"), null);
  }

  /** The marker closing batch {@code end.batch()}. */
  public static <T> Batched<T> end(BatchEnd end) {
    return new Batched<>(end.batch(), null, end);
  }

  /** The Beam timestamp of every element of batch {@code batch}: {@code batch} epoch millis. */
  public static Instant timestampOf(long batch) {
    return new Instant(batch);
  }

  /** The batch whose elements carry {@code timestamp}. */
  public static long batchOf(Instant timestamp) {
    return timestamp.getMillis();
  }

  public long batch() {
    return batch;
  }

  public boolean isRecord() {
    return record != null;
  }

  public boolean isEnd() {
    return end != null;
  }

  /** The record; throws if this is an end marker. */
  public T record() {
    if (record == null) {
      throw new IllegalStateException("The end marker of batch " + batch + " has no record");
    }
    return record;
  }

  /** The end marker; throws if this is a record. */
  public BatchEnd end() {
    if (end == null) {
      throw new IllegalStateException("A record of batch " + batch + " is not an end marker");
    }
    return end;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Batched)) {
      return false;
    }
    Batched<?> that = (Batched<?>) o;
    return batch == that.batch
        && Objects.equals(record, that.record)
        && Objects.equals(end, that.end);
  }

  @Override
  public int hashCode() {
    return Objects.hash(batch, record, end);
  }

  @Override
  public String toString() {
    return isRecord() ? "Batched[" + batch + ": " + record + "]" : "Batched[" + end + "]";
  }
}
