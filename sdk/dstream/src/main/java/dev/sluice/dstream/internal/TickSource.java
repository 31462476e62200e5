package dev.sluice.dstream.internal;

import java.io.Serializable;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.joda.time.Instant;

/**
 * One tick per batch interval while a live context runs: the tick of the batch ending at {@code T}
 * (milliseconds since the epoch) is the value {@code T}, stamped {@code T - 1} so it falls in that
 * batch, and emitted once the clock reaches the batch's start. The facade merges ticks into its
 * per-batch operations so that a batch without data still exists: {@code print()} shows its header,
 * {@code count()} says 0, and the checkpoint writer records it.
 *
 * <pre>{@code
 * PCollection<Long> batchEnds = pipeline.apply(Read.from(new TickSource(1000)));
 * }</pre>
 *
 * <p>The first tick is the batch the reader starts in. Its watermark is the clock, held below the
 * next tick until that tick is emitted.
 */
public final class TickSource extends UnboundedSource<Long, TickSource.Next> {
  private static final long serialVersionUID = 1L;

  private final long interval;

  /** A clock ticking every {@code intervalMillis}, on multiples of it since the epoch. */
  public TickSource(long intervalMillis) {
    this.interval = intervalMillis;
  }

  /** The end of the next batch to tick. */
  public static final class Next implements UnboundedSource.CheckpointMark, Serializable {
    private static final long serialVersionUID = 1L;
    final long batchEnd;

    Next(long batchEnd) {
      this.batchEnd = batchEnd;
    }

    @Override
    public void finalizeCheckpoint() {}
  }

  @Override
  public List<TickSource> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this);
  }

  @Override
  public UnboundedReader<Long> createReader(PipelineOptions options, Next checkpoint) {
    long first = Math.floorDiv(System.currentTimeMillis(), interval) * interval + interval;
    return new Reader(this, checkpoint == null ? first : checkpoint.batchEnd);
  }

  @Override
  public Coder<Next> getCheckpointMarkCoder() {
    return SerializableCoder.of(Next.class);
  }

  @Override
  public Coder<Long> getOutputCoder() {
    return VarLongCoder.of();
  }

  private static final class Reader extends UnboundedReader<Long> {
    private final TickSource source;
    private long next;
    private Long current;

    Reader(TickSource source, long next) {
      this.source = source;
      this.next = next;
    }

    @Override
    public boolean start() {
      return advance();
    }

    @Override
    public boolean advance() {
      if (System.currentTimeMillis() < next - source.interval) {
        return false;
      }
      current = next;
      next += source.interval;
      return true;
    }

    @Override
    public Long getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public Instant getCurrentTimestamp() {
      return new Instant(getCurrent() - 1);
    }

    @Override
    public Instant getWatermark() {
      return new Instant(Math.min(System.currentTimeMillis(), next - 1));
    }

    @Override
    public CheckpointMark getCheckpointMark() {
      return new Next(next);
    }

    @Override
    public UnboundedSource<Long, ?> getCurrentSource() {
      return source;
    }

    @Override
    public void close() {}
  }
}
