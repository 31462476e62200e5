package dev.sluice.runners.microbatch.benchmarks;

import java.io.Serializable;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * An unbounded source emitting {@code count} events at {@code ratePerSecond}, paced by the wall
 * clock: event {@code i} becomes available {@code i / ratePerSecond} seconds after the reader
 * started, and is {@code KV(i, stamp)} where {@code stamp} is that due time in {@link
 * System#nanoTime()} units (so {@code System.nanoTime() - stamp} in a sink of the same JVM is the
 * event's latency, including any delay before the runner polled the reader). Its event timestamp is
 * the due time on the wall clock; the watermark is the next event's timestamp, and the end of time
 * once all events were emitted, so the pipeline ends by itself.
 *
 * <pre>{@code
 * p.apply(Read.from(new PacedSource(60_000, 1000))) // 1,000 events/s for 60 s
 *     .apply(ParDo.of(new RecordLatencyFn(runId)));
 * }</pre>
 */
public final class PacedSource extends UnboundedSource<KV<Long, Long>, PacedSource.Position> {
  private static final long serialVersionUID = 1L;

  private final long count;
  private final long ratePerSecond;

  /** {@code count} events at {@code ratePerSecond}. */
  public PacedSource(long count, long ratePerSecond) {
    if (count < 0 || ratePerSecond < 1) {
      throw new IllegalArgumentException("count must be >= 0 and ratePerSecond >= 1");
    }
    this.count = count;
    this.ratePerSecond = ratePerSecond;
  }

  @Override
  public List<PacedSource> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this);
  }

  @Override
  public UnboundedReader<KV<Long, Long>> createReader(
      PipelineOptions options, @Nullable Position checkpoint) {
    return new Reader(this, checkpoint);
  }

  @Override
  public Coder<Position> getCheckpointMarkCoder() {
    return SerializableCoder.of(Position.class);
  }

  @Override
  public Coder<KV<Long, Long>> getOutputCoder() {
    return KvCoder.of(VarLongCoder.of(), VarLongCoder.of());
  }

  /**
   * Where a reader is: when it started (both clocks) and the next event to emit.
   *
   * <pre>{@code
   * PacedSource.Position p = reader.getCheckpointMark(); // p.next() events were emitted
   * }</pre>
   *
   * @param startNanos {@link System#nanoTime()} when event 0 was due
   * @param startMillis wall clock when event 0 was due
   * @param next index of the next event
   */
  public record Position(long startNanos, long startMillis, long next)
      implements UnboundedSource.CheckpointMark, Serializable {
    @Override
    public void finalizeCheckpoint() {}
  }

  private static final class Reader extends UnboundedReader<KV<Long, Long>> {
    private final PacedSource source;
    private final @Nullable Position resumeFrom;
    private long startNanos;
    private long startMillis;
    private long next;
    private @Nullable KV<Long, Long> current;
    private Instant currentTimestamp = BoundedWindow.TIMESTAMP_MIN_VALUE;

    Reader(PacedSource source, @Nullable Position resumeFrom) {
      this.source = source;
      this.resumeFrom = resumeFrom;
    }

    @Override
    public boolean start() {
      if (resumeFrom == null) {
        startNanos = System.nanoTime();
        startMillis = System.currentTimeMillis();
        next = 0;
      } else {
        startNanos = resumeFrom.startNanos();
        startMillis = resumeFrom.startMillis();
        next = resumeFrom.next();
      }
      return advance();
    }

    private long dueNanos(long index) {
      return startNanos + index * 1_000_000_000L / source.ratePerSecond;
    }

    private Instant dueTimestamp(long index) {
      return new Instant(startMillis + index * 1000L / source.ratePerSecond);
    }

    @Override
    public boolean advance() {
      if (next >= source.count) {
        current = null;
        return false;
      }
      long due = dueNanos(next);
      if (System.nanoTime() < due) {
        current = null;
        return false;
      }
      current = KV.of(next, due);
      currentTimestamp = dueTimestamp(next);
      next++;
      return true;
    }

    @Override
    public KV<Long, Long> getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public Instant getCurrentTimestamp() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return currentTimestamp;
    }

    @Override
    public Instant getWatermark() {
      return next >= source.count ? BoundedWindow.TIMESTAMP_MAX_VALUE : dueTimestamp(next);
    }

    @Override
    public Position getCheckpointMark() {
      return new Position(startNanos, startMillis, next);
    }

    @Override
    public PacedSource getCurrentSource() {
      return source;
    }

    @Override
    public byte[] getCurrentRecordId() {
      return new byte[0];
    }

    @Override
    public void close() {}
  }
}
