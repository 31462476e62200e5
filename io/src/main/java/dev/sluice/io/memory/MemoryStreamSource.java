package dev.sluice.io.memory;

import com.google.auto.value.AutoValue;
import dev.sluice.io.stream.BatchCheckpoint;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchedCoder;
import dev.sluice.io.stream.BatchedSource;
import dev.sluice.io.stream.BatchingReader;
import dev.sluice.io.stream.SourceLog;
import dev.sluice.io.stream.StatusKey;
import java.io.Serializable;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Reads a {@link MemoryStream} as micro-batches: at each trigger, every offset added since the
 * previous batch is one batch (see {@link dev.sluice.io.stream} for the batch contract). Offsets in
 * progress: the last {@code addData} offset taken ({@code "0"}, {@code "1"}, ...); description
 * {@code MemoryStream[value#1]}.
 *
 * <p>The source carries the ids of the stream and of the run that reads it; its reader finds the
 * stream's rows through the run's {@link dev.sluice.io.context.RunContext}, and fails naming the
 * reason where there is none (a worker of a distributed runner, or after the run closed).
 *
 * <pre>{@code
 * MemoryStream input = MemoryStream.of(DdlSchema.parse("value INT"));
 * input.addValues(1, 2, 3);
 * PCollection<Batched<Row>> rows =
 *     p.apply(input.read(run).withTrigger(BatchTrigger.availableNow()));   // batch 0: 1, 2, 3
 * }</pre>
 */
@AutoValue
public abstract class MemoryStreamSource extends PTransform<PBegin, PCollection<Batched<Row>>> {
  private static final long serialVersionUID = 1L;

  /** The id of the stream read. */
  public abstract long streamId();

  /** The id of the run whose context holds the stream. */
  public abstract String runId();

  abstract Schema schema();

  abstract String description();

  /** When batches are closed; default {@code processingTime(0)}. */
  public abstract BatchTrigger trigger();

  @Nullable
  abstract StatusKey statusKey();

  @Nullable
  abstract SourceLog log();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setStreamId(long id);

    abstract Builder setRunId(String runId);

    abstract Builder setSchema(Schema schema);

    abstract Builder setDescription(String description);

    abstract Builder setTrigger(BatchTrigger trigger);

    abstract Builder setStatusKey(@Nullable StatusKey key);

    abstract Builder setLog(@Nullable SourceLog log);

    abstract MemoryStreamSource build();
  }

  static MemoryStreamSource of(long id, String runId, Schema schema, String description) {
    return new AutoValue_MemoryStreamSource.Builder()
        .setStreamId(id)
        .setRunId(runId)
        .setSchema(schema)
        .setDescription(description)
        .setTrigger(BatchTrigger.processingTime(0))
        .build();
  }

  /** A copy with the given trigger. */
  public MemoryStreamSource withTrigger(BatchTrigger trigger) {
    if (trigger == null) {
      throw new IllegalArgumentException("withTrigger needs a trigger, e.g. BatchTrigger.once()");
    }
    return toBuilder().setTrigger(trigger).build();
  }

  /** A copy that reports its {@link dev.sluice.io.stream.SourceStatus} under {@code key}. */
  public MemoryStreamSource withStatusKey(StatusKey key) {
    return toBuilder().setStatusKey(key).build();
  }

  /**
   * A copy that records its batches in {@code log} and starts from its resume point (a query with a
   * checkpoint location); null: no log.
   */
  public MemoryStreamSource withLog(@Nullable SourceLog log) {
    return toBuilder().setLog(log).build();
  }

  @Override
  public PCollection<Batched<Row>> expand(PBegin input) {
    return input
        .apply("ReadMemoryStream", Read.from(unboundedSource()))
        .setCoder(BatchedCoder.of(RowCoder.of(schema())));
  }

  /** The Beam source. */
  Source unboundedSource() {
    return new Source(this);
  }

  /** The Beam source behind {@link MemoryStreamSource}. */
  static final class Source extends BatchedSource<Row> {
    private static final long serialVersionUID = 1L;
    private final long id;
    private final String runId;
    private final String description;

    Source(MemoryStreamSource spec) {
      super(spec.trigger(), spec.statusKey(), spec.log(), RowCoder.of(spec.schema()));
      this.id = spec.streamId();
      this.runId = spec.runId();
      this.description = spec.description();
    }

    MemoryStream stream() {
      return MemoryStream.inRun(runId, id);
    }

    @Override
    protected BatchingReader<Row> openReader(
        PipelineOptions options, @Nullable BatchCheckpoint checkpoint) {
      return new MemoryReader(this, checkpoint);
    }
  }

  /** Position in the stream: offsets taken, the open batch's range and the next row in it. */
  static final class State implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Offsets taken by batches (the next batch starts at this offset). */
    long taken;

    /** Bounded triggers: the offsets present at the first poll (exclusive end); -1 before it. */
    long boundedEnd = -1;

    /** The open batch: the offset being read and the next row in it. */
    long batchFrom;

    long batchTo;
    int rowIndex;

    @Override
    public String toString() {
      return "MemoryStream.State[taken=" + taken + ", batch=" + batchFrom + ".." + batchTo + "]";
    }
  }

  private static final class MemoryReader extends BatchingReader<Row> {
    private final Source source;
    private final State state;
    @Nullable private MemoryStream stream;

    MemoryReader(Source source, @Nullable BatchCheckpoint checkpoint) {
      super(source, checkpoint);
      this.source = source;
      this.state = checkpoint == null ? new State() : (State) checkpoint.sourceState();
    }

    @Override
    protected boolean takeBatch(long nowMillis) {
      long available = stream().currentOffset() + 1;
      if (trigger().isBounded()) {
        if (state.boundedEnd < 0) {
          state.boundedEnd = available;
        }
        available = state.boundedEnd;
      }
      if (available <= state.taken) {
        return false;
      }
      state.batchFrom = state.taken;
      state.batchTo = available;
      state.rowIndex = 0;
      state.taken = available;
      return true;
    }

    @Override
    @Nullable
    protected Row nextRecord() {
      MemoryStream stream = stream();
      while (state.batchFrom < state.batchTo) {
        List<Row> rows = stream.slice(state.batchFrom, state.batchFrom + 1).get(0);
        if (state.rowIndex < rows.size()) {
          return rows.get(state.rowIndex++);
        }
        state.batchFrom++;
        state.rowIndex = 0;
      }
      return null;
    }

    private MemoryStream stream() {
      if (stream == null) {
        stream = source.stream();
      }
      return stream;
    }

    @Override
    protected Serializable state() {
      return state;
    }

    @Override
    @Nullable
    protected String offset() {
      return state.taken == 0 ? null : Long.toString(state.taken - 1);
    }

    @Override
    protected String description() {
      return source.description;
    }

    @Override
    public void close() {}
  }
}
