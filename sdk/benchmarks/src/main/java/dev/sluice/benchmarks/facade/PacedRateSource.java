package dev.sluice.benchmarks.facade;

import java.io.Serializable;
import java.util.List;
import java.util.NoSuchElementException;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * F5's source for the hand-written Beam pipeline: {@code count} rows {@code KV(value, dueMillis)}
 * at {@code ratePerSecond}, value {@code i} due {@code i / ratePerSecond} seconds after the reader
 * started and emitted as soon as a poll finds it due (the rate source's row timestamp is the same
 * due time, so "timestamp to sink" means the same in every engine). Event time is the due time; the
 * watermark goes to the end of time after the last row, so the pipeline ends by itself.
 *
 * <pre>{@code
 * p.apply(Read.from(new PacedRateSource(60_000, 1000))) // 1,000 rows/s for 60 s
 *     .apply(ParDo.of(new BeamQueries.RateSinkFn()));
 * }</pre>
 */
public final class PacedRateSource extends UnboundedSource<KV<Long, Long>, PacedRateSource.Mark> {
  private static final long serialVersionUID = 1L;

  private final long count;
  private final long ratePerSecond;

  /** {@code count} rows at {@code ratePerSecond}. */
  public PacedRateSource(long count, long ratePerSecond) {
    if (count < 0 || ratePerSecond < 1) {
      throw new IllegalArgumentException(
          "count must be >= 0 and ratePerSecond >= 1, got " + count + " and " + ratePerSecond);
    }
    this.count = count;
    this.ratePerSecond = ratePerSecond;
  }

  @Override
  public List<PacedRateSource> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this);
  }

  @Override
  public UnboundedReader<KV<Long, Long>> createReader(
      PipelineOptions options, @Nullable Mark checkpoint) {
    return new Reader(this, checkpoint);
  }

  @Override
  public Coder<Mark> getCheckpointMarkCoder() {
    return SerializableCoder.of(Mark.class);
  }

  @Override
  public Coder<KV<Long, Long>> getOutputCoder() {
    return BeamQueries.rateCoder();
  }

  /**
   * A reader's position: when value 0 was due (wall clock, ms) and the next value.
   *
   * <pre>{@code
   * PacedRateSource.Mark m = new PacedRateSource.Mark(System.currentTimeMillis(), 0);
   * }</pre>
   */
  public record Mark(long startMillis, long next)
      implements UnboundedSource.CheckpointMark, Serializable {
    @Override
    public void finalizeCheckpoint() {}
  }

  private static final class Reader extends UnboundedReader<KV<Long, Long>> {
    private final PacedRateSource source;
    private final @Nullable Mark resumeFrom;
    private long startMillis;
    private long next;
    private @Nullable KV<Long, Long> current;

    Reader(PacedRateSource source, @Nullable Mark resumeFrom) {
      this.source = source;
      this.resumeFrom = resumeFrom;
    }

    @Override
    public boolean start() {
      startMillis = resumeFrom == null ? System.currentTimeMillis() : resumeFrom.startMillis();
      next = resumeFrom == null ? 0 : resumeFrom.next();
      return advance();
    }

    private long due(long value) {
      return startMillis + value * 1000L / source.ratePerSecond;
    }

    @Override
    public boolean advance() {
      if (next >= source.count || System.currentTimeMillis() < due(next)) {
        current = null;
        return false;
      }
      current = KV.of(next, due(next));
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
      return new Instant(current.getValue());
    }

    @Override
    public Instant getWatermark() {
      return next >= source.count ? BoundedWindow.TIMESTAMP_MAX_VALUE : new Instant(due(next));
    }

    @Override
    public Mark getCheckpointMark() {
      return new Mark(startMillis, next);
    }

    @Override
    public PacedRateSource getCurrentSource() {
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
