package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.translate.StageSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.construction.SplittableParDo;
import org.apache.beam.sdk.values.WindowedValues;
import org.joda.time.Instant;

/**
 * Reads a {@link BoundedSource}: split once into bundles spread over the partitions, each read a
 * slice per batch ({@code maxRecordsPerBatch} over all partitions) with its reader kept open
 * between batches. The watermark stays at the beginning of time until every split is exhausted.
 *
 * <pre>{@code
 * p.apply(TextIO.read().from("/data/*.txt")); // read by a BoundedReadSource
 * }</pre>
 */
final class BoundedReadSource extends SourceStage {
  private final BoundedSource<Object> source;
  private final int partitions;
  private final List<Deque<BoundedSource<Object>>> pending = new ArrayList<>();
  private final BoundedSource.BoundedReader<Object>[] readers;
  private volatile boolean exhausted;

  @SuppressWarnings("unchecked")
  BoundedReadSource(ExecutionContext context, StageSpec spec) {
    super(context, spec);
    Object transform = spec.head().transform();
    this.source =
        (BoundedSource<Object>)
            (transform instanceof SplittableParDo.PrimitiveBoundedRead
                ? ((SplittableParDo.PrimitiveBoundedRead<?>) transform).getSource()
                : ((Read.Bounded<?>) transform).getSource());
    this.partitions = context.parallelism();
    this.readers = new BoundedSource.BoundedReader[partitions];
  }

  @Override
  int partitions() {
    return partitions;
  }

  @Override
  void open() throws Exception {
    List<? extends BoundedSource<Object>> splits;
    long size = 0;
    try {
      size = source.getEstimatedSizeBytes(context.options());
    } catch (Exception e) {
      size = 0;
    }
    long desiredBundleBytes = size > 0 ? Math.max(1, size / (partitions * 4L)) : 64L << 20;
    splits = source.split(desiredBundleBytes, context.options());
    if (splits.isEmpty()) {
      splits = List.of(source);
    }
    for (int i = 0; i < partitions; i++) {
      pending.add(new ArrayDeque<>());
    }
    for (int i = 0; i < splits.size(); i++) {
      pending.get(i % partitions).add(splits.get(i));
    }
  }

  @Override
  long read(int partition, ElementReceiver out) throws Exception {
    long budget = Math.max(1, context.options().getMaxRecordsPerBatch() / partitions);
    long read = 0;
    while (read < budget) {
      BoundedSource.BoundedReader<Object> reader = readers[partition];
      boolean available;
      if (reader == null) {
        BoundedSource<Object> next = pending.get(partition).poll();
        if (next == null) {
          break;
        }
        reader = next.createReader(context.options());
        readers[partition] = reader;
        available = reader.start();
      } else {
        available = reader.advance();
      }
      if (!available) {
        reader.close();
        readers[partition] = null;
        continue;
      }
      out.accept(
          WindowedValues.timestampedValueInGlobalWindow(
              reader.getCurrent(), reader.getCurrentTimestamp()));
      read++;
    }
    return read;
  }

  @Override
  Instant watermark() {
    if (!exhausted) {
      boolean all = true;
      for (int i = 0; i < partitions; i++) {
        if (readers[i] != null || pending.isEmpty() || !pending.get(i).isEmpty()) {
          all = false;
        }
      }
      exhausted = all;
    }
    return exhausted ? BoundedWindow.TIMESTAMP_MAX_VALUE : BoundedWindow.TIMESTAMP_MIN_VALUE;
  }

  @Override
  void close() throws Exception {
    Exception failure = null;
    for (int i = 0; i < readers.length; i++) {
      BoundedSource.BoundedReader<Object> reader = readers[i];
      if (reader != null) {
        try {
          reader.close();
        } catch (Exception e) {
          failure = failure == null ? e : failure;
        }
        readers[i] = null;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
