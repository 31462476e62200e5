package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.translate.StageSpec;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.runners.core.metrics.MetricsContainerImpl;
import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A stage that reads a source: each batch, every partition reads a bounded slice of its splits into
 * its chain, then the stage's watermark becomes the source's.
 *
 * <pre>{@code
 * class MySource extends SourceStage {
 *   long read(int partition, ElementReceiver out) { ...; return recordsRead; }
 *   Instant watermark() { ... }
 * }
 * }</pre>
 */
abstract class SourceStage extends StageRuntime {
  private FusedChain[] chains;

  SourceStage(ExecutionContext context, StageSpec spec) {
    super(context, spec);
  }

  /** How many partitions read this source (splits are spread over them). */
  abstract int partitions();

  /** Prepares splits on the first batch. */
  void open() throws Exception {}

  /** Reads partition {@code partition}'s slice for this batch into {@code out}. */
  abstract long read(int partition, ElementReceiver out) throws Exception;

  /** The source's watermark after this batch's reads. */
  abstract Instant watermark();

  /** Finalizes what the batch read, once every stage has processed it. */
  void finalizeBatch() throws Exception {}

  /** Closes readers. */
  void close() throws Exception {}

  @Override
  public final @Nullable InputBuffer inputBuffer() {
    return null;
  }

  @Override
  public void runBatch(WorkerPool pool, BatchStats stats) throws Exception {
    MetricsContainerImpl metrics = context.metrics(spec.head().name());
    if (chains == null) {
      try (Closeable ignored = MetricsEnvironment.scopedMetricsContainer(metrics)) {
        open();
      }
      chains = new FusedChain[partitions()];
      for (int i = 0; i < chains.length; i++) {
        chains[i] = new FusedChain(context, spec, i);
      }
    }
    if (!isDone()) {
      List<Callable<Void>> tasks = new ArrayList<>();
      for (int i = 0; i < chains.length; i++) {
        int partition = i;
        FusedChain chain = chains[i];
        tasks.add(
            () -> {
              chain.startBundle();
              long n;
              try (Closeable ignored = MetricsEnvironment.scopedMetricsContainer(metrics)) {
                n = read(partition, chain.receiverFor(spec.head().output()));
              }
              chain.finishBundle();
              stats.addInputRecords(n);
              return null;
            });
      }
      pool.runAll(tasks);
    }
    if (advanceOutputWatermark(watermark())) {
      stats.watermarkMoved();
    }
  }

  @Override
  public void commitBatch() throws Exception {
    finalizeBatch();
    if (chains != null) {
      for (FusedChain chain : chains) {
        if (chain != null) {
          chain.commit();
        }
      }
    }
  }

  @Override
  public @Nullable Instant nextProcessingTimer() {
    return null;
  }

  @Override
  public void teardown(Throwable collector) {
    try {
      close();
    } catch (Exception e) {
      collector.addSuppressed(e);
    }
    if (chains != null) {
      for (FusedChain chain : chains) {
        if (chain != null) {
          chain.teardown(collector);
        }
      }
    }
  }
}
