package dev.sluice.io.stream;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The base of Sluice's streaming sources: an {@link UnboundedSource} of {@link Batched} records
 * whose reader is a {@link BatchingReader}.
 *
 * <p>It never splits ({@link #split} returns the source itself): batch numbers are global to the
 * source, so one reader decides them. Its checkpoints are {@link BatchCheckpoint}s,
 * Java-serialized.
 *
 * <pre>{@code
 * final class MySource extends BatchedSource<Row> {
 *   MySource(BatchTrigger trigger) {
 *     super(trigger, null, RowCoder.of(schema));
 *   }
 *   public BatchingReader<Row> createReader(PipelineOptions o, BatchCheckpoint from) {
 *     return new MyReader(this, from);
 *   }
 * }
 * }</pre>
 *
 * @param <T> the record type
 */
public abstract class BatchedSource<T> extends UnboundedSource<Batched<T>, BatchCheckpoint> {
  private static final long serialVersionUID = 1L;

  private final BatchTrigger trigger;
  @Nullable private final StatusKey statusKey;
  @Nullable private final SourceLog log;
  private final Coder<T> recordCoder;

  protected BatchedSource(
      BatchTrigger trigger, @Nullable StatusKey statusKey, Coder<T> recordCoder) {
    this(trigger, statusKey, null, recordCoder);
  }

  /**
   * A source with a trigger, a status key (or null) and, for a query with a checkpoint location,
   * its {@link SourceLog} (or null).
   */
  protected BatchedSource(
      BatchTrigger trigger,
      @Nullable StatusKey statusKey,
      @Nullable SourceLog log,
      Coder<T> recordCoder) {
    if (trigger == null) {
      throw new IllegalArgumentException("A source needs a trigger, e.g. BatchTrigger.once()");
    }
    this.trigger = trigger;
    this.statusKey = statusKey;
    this.log = log;
    this.recordCoder = recordCoder;
  }

  /** When the source closes batches. */
  public BatchTrigger trigger() {
    return trigger;
  }

  /** The key under which the reader reports its {@link SourceStatus}, or null. */
  @Nullable
  public StatusKey statusKey() {
    return statusKey;
  }

  /** Where the source records its batches for a restart, or null (no checkpoint location). */
  @Nullable
  public SourceLog log() {
    return log;
  }

  /** The source itself: one reader per source, so batch numbers are global to it. */
  @Override
  public List<? extends BatchedSource<T>> split(int desiredNumSplits, PipelineOptions options) {
    return Collections.singletonList(this);
  }

  /**
   * A reader continuing exactly after {@code checkpoint}; without one, from the resume point of the
   * source's {@link SourceLog} (a restart from a checkpoint location), else from the beginning.
   */
  @Override
  public final BatchingReader<T> createReader(
      PipelineOptions options, @Nullable BatchCheckpoint checkpoint) throws IOException {
    BatchCheckpoint from = checkpoint != null ? checkpoint : log == null ? null : log.resumePoint();
    return openReader(options, from);
  }

  /**
   * A reader starting from the beginning ({@code checkpoint} null) or continuing exactly after
   * {@code checkpoint}.
   */
  protected abstract BatchingReader<T> openReader(
      PipelineOptions options, @Nullable BatchCheckpoint checkpoint) throws IOException;

  @Override
  public Coder<BatchCheckpoint> getCheckpointMarkCoder() {
    return SerializableCoder.of(BatchCheckpoint.class);
  }

  @Override
  public Coder<Batched<T>> getOutputCoder() {
    return BatchedCoder.of(recordCoder);
  }

  @Override
  public boolean requiresDeduping() {
    return false;
  }
}
