package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.translate.StageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.io.UnboundedSource.CheckpointMark;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.construction.SplittableParDo;
import org.apache.beam.sdk.values.WindowedValues;
import org.joda.time.Instant;

/**
 * Reads an {@link UnboundedSource}: split once into at most one reader per partition; each batch
 * every reader reads until it has no data, has read its share of {@code maxRecordsPerBatch}, or
 * {@code maxReadTimeMillis} passed. The watermark is the minimum of the readers' watermarks; the
 * readers' checkpoints are finalized after the batch has been processed by every stage.
 *
 * <pre>{@code
 * p.apply(Read.from(new MyUnboundedSource())); // read by an UnboundedReadSource
 * }</pre>
 */
final class UnboundedReadSource extends SourceStage {
  private static final int DEDUP_CAPACITY = 1 << 20;

  private final UnboundedSource<Object, CheckpointMark> source;
  private final int partitions;
  private final List<List<ReaderState>> readers = new ArrayList<>();
  private final boolean dedup;
  private final Map<Object, Boolean> seenIds =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
          return size() > DEDUP_CAPACITY;
        }
      };

  @SuppressWarnings("unchecked")
  UnboundedReadSource(ExecutionContext context, StageSpec spec) {
    super(context, spec);
    Object transform = spec.head().transform();
    this.source =
        (UnboundedSource<Object, CheckpointMark>)
            (transform instanceof SplittableParDo.PrimitiveUnboundedRead
                ? ((SplittableParDo.PrimitiveUnboundedRead<?>) transform).getSource()
                : ((Read.Unbounded<?>) transform).getSource());
    this.partitions = context.parallelism();
    this.dedup = source.requiresDeduping();
  }

  private static final class ReaderState {
    final UnboundedSource.UnboundedReader<Object> reader;
    boolean started;
    boolean hasCheckpoint;

    ReaderState(UnboundedSource.UnboundedReader<Object> reader) {
      this.reader = reader;
    }
  }

  @Override
  int partitions() {
    return partitions;
  }

  @Override
  void open() throws Exception {
    List<? extends UnboundedSource<Object, CheckpointMark>> splits =
        source.split(partitions, context.options());
    for (int i = 0; i < partitions; i++) {
      readers.add(new ArrayList<>());
    }
    for (int i = 0; i < splits.size(); i++) {
      readers
          .get(i % partitions)
          .add(new ReaderState(splits.get(i).createReader(context.options(), null)));
    }
  }

  @Override
  long read(int partition, ElementReceiver out) throws Exception {
    List<ReaderState> mine = readers.get(partition);
    if (mine.isEmpty()) {
      return 0;
    }
    long budget = Math.max(1, context.options().getMaxRecordsPerBatch() / partitions / mine.size());
    long deadline = System.nanoTime() + context.options().getMaxReadTimeMillis() * 1_000_000L;
    long total = 0;
    for (ReaderState state : mine) {
      if (!state.reader.getWatermark().isBefore(BoundedWindow.TIMESTAMP_MAX_VALUE)) {
        continue;
      }
      long read = 0;
      while (read < budget && System.nanoTime() < deadline) {
        boolean available = state.started ? state.reader.advance() : state.reader.start();
        state.started = true;
        if (!available) {
          break;
        }
        state.hasCheckpoint = true;
        if (dedup && isDuplicate(state.reader.getCurrentRecordId())) {
          continue;
        }
        out.accept(
            WindowedValues.timestampedValueInGlobalWindow(
                state.reader.getCurrent(), state.reader.getCurrentTimestamp()));
        read++;
      }
      total += read;
    }
    return total;
  }

  private boolean isDuplicate(byte[] id) {
    synchronized (seenIds) {
      return seenIds.put(java.nio.ByteBuffer.wrap(id), Boolean.TRUE) != null;
    }
  }

  @Override
  Instant watermark() {
    Instant min = BoundedWindow.TIMESTAMP_MAX_VALUE;
    for (List<ReaderState> list : readers) {
      for (ReaderState state : list) {
        Instant wm =
            state.started ? state.reader.getWatermark() : BoundedWindow.TIMESTAMP_MIN_VALUE;
        if (wm.isBefore(min)) {
          min = wm;
        }
      }
    }
    return min;
  }

  @Override
  void finalizeBatch() throws Exception {
    for (List<ReaderState> list : readers) {
      for (ReaderState state : list) {
        if (state.hasCheckpoint) {
          state.reader.getCheckpointMark().finalizeCheckpoint();
          state.hasCheckpoint = false;
        }
      }
    }
  }

  @Override
  void close() throws Exception {
    Exception failure = null;
    for (List<ReaderState> list : readers) {
      for (ReaderState state : list) {
        try {
          state.reader.close();
        } catch (Exception e) {
          failure = failure == null ? e : failure;
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
