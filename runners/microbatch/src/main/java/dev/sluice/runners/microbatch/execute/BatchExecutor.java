package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.MicroBatchPipelineOptions;
import dev.sluice.runners.microbatch.translate.StagePlan;
import dev.sluice.runners.microbatch.translate.StageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.runners.core.metrics.MetricsContainerStepMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricsEnvironment;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch loop. Each batch runs every stage once, in topological order: sources read a slice,
 * downstream stages take what was written to their input buffers, advance their input watermark and
 * fire due timers. When every stage has processed the batch, sources finalize their checkpoints and
 * bundle callbacks run. The loop ends when every watermark is at the end of time, on {@link
 * #cancel()}, or on the first failure.
 *
 * <p>Idle batches (nothing read, processed, fired or advanced) sleep until the next processing-time
 * timer or for {@code idleSleepMillis}; a synthetic (TestStream) clock jumps to the next timer
 * instead. A pipeline that can make no more progress — every source finished, no timer pending, yet
 * some watermark short of the end — fails with a message naming the stuck stages instead of
 * hanging.
 * <!-- given: MicroBatchPipelineOptions options; StagePlan plan; MetricsContainerStepMap metrics; -->
 *
 * <pre>{@code
 * BatchExecutor executor = BatchExecutor.start(options, plan, metrics, false);
 * executor.awaitTermination(Duration.standardMinutes(1));
 * }</pre>
 */
public final class BatchExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(BatchExecutor.class);
  private static final int STALL_BATCHES = 3;

  private final ExecutionContext context;
  private final List<StageRuntime> stages = new ArrayList<>();
  private final WorkerPool pool;
  private final ScheduledExecutorService scheduler;
  private final CountDownLatch finished = new CountDownLatch(1);
  private final MetricsContainerStepMap metrics;
  private volatile boolean cancelled;
  private volatile PipelineResult.State state = PipelineResult.State.RUNNING;
  private volatile @Nullable Throwable failure;
  private final AtomicLong batchId = new AtomicLong();

  private BatchExecutor(
      MicroBatchPipelineOptions options,
      StagePlan plan,
      MetricsContainerStepMap metrics,
      BatchClock clock) {
    this.metrics = metrics;
    this.context = new ExecutionContext(options, plan, metrics, clock);
    String name = options.getJobName() == null ? "pipeline" : options.getJobName();
    this.pool = new WorkerPool(options.getParallelism(), name);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "microbatch-" + name + "-scheduler");
              t.setDaemon(true);
              return t;
            });
    for (StageSpec spec : plan.stages()) {
      StageRuntime runtime = StageFactory.create(context, spec, scheduler);
      context.register(spec, runtime);
      stages.add(runtime);
    }
  }

  /** Creates the stages of {@code plan} and starts the loop on its own thread. */
  public static BatchExecutor start(
      MicroBatchPipelineOptions options,
      StagePlan plan,
      MetricsContainerStepMap metrics,
      boolean syntheticClock) {
    BatchExecutor executor =
        new BatchExecutor(
            options, plan, metrics, syntheticClock ? BatchClock.synthetic() : BatchClock.system());
    Thread driver = new Thread(executor::loop, "microbatch-driver");
    driver.setDaemon(true);
    driver.start();
    return executor;
  }

  private void loop() {
    MetricsEnvironment.setMetricsSupported(true);
    MicroBatchPipelineOptions options = context.options();
    int idleBatches = 0;
    try {
      while (!cancelled) {
        long batchStart = System.nanoTime();
        BatchStats stats = new BatchStats();
        for (StageRuntime stage : stages) {
          stage.runBatch(pool, stats);
        }
        for (StageRuntime stage : stages) {
          stage.commitBatch();
        }
        batchId.incrementAndGet();
        if (allDone()) {
          state = PipelineResult.State.DONE;
          return;
        }
        if (stats.madeProgress()) {
          idleBatches = 0;
        } else {
          idleBatches++;
          waitWhileIdle(idleBatches);
        }
        long interval = options.getBatchIntervalMillis();
        if (interval > 0) {
          long remaining = interval * 1_000_000L - (System.nanoTime() - batchStart);
          if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
          }
        }
      }
      state = PipelineResult.State.CANCELLED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state = PipelineResult.State.CANCELLED;
    } catch (Throwable t) {
      failure = t;
      state = PipelineResult.State.FAILED;
      LOG.debug("Pipeline failed in batch {}", batchId.get(), t);
    } finally {
      try {
        shutdown();
      } catch (Throwable t) {
        if (failure == null) {
          failure = t;
          state = PipelineResult.State.FAILED;
        } else {
          failure.addSuppressed(t);
        }
      } finally {
        finished.countDown();
      }
    }
  }

  private boolean allDone() {
    for (StageRuntime stage : stages) {
      if (!stage.isDone()) {
        return false;
      }
    }
    return true;
  }

  private void waitWhileIdle(int idleBatches) throws InterruptedException {
    Instant nextTimer = null;
    boolean sourcesOpen = false;
    for (StageRuntime stage : stages) {
      Instant t = stage.nextProcessingTimer();
      if (t != null && (nextTimer == null || t.isBefore(nextTimer))) {
        nextTimer = t;
      }
      if (stage.spec().kind() == StageSpec.Kind.SOURCE && !stage.isDone()) {
        sourcesOpen = true;
      }
    }
    BatchClock clock = context.clock();
    if (clock.isSynthetic()) {
      if (sourcesOpen) {
        return;
      }
      if (nextTimer != null) {
        clock.advanceTo(nextTimer);
        return;
      }
    } else if (nextTimer != null || sourcesOpen) {
      long sleepMillis = context.options().getIdleSleepMillis();
      if (nextTimer != null) {
        sleepMillis =
            Math.min(sleepMillis, Math.max(0, nextTimer.getMillis() - clock.now().getMillis()));
      }
      if (sleepMillis > 0) {
        Thread.sleep(sleepMillis);
      }
      return;
    }
    if (!sourcesOpen && idleBatches >= STALL_BATCHES) {
      StringBuilder stuck = new StringBuilder();
      for (StageRuntime stage : stages) {
        if (!stage.isDone()) {
          stuck.append("\n  ").append(stage.spec().label()).append(" at watermark ");
          stuck.append(stage.outputWatermark());
        }
      }
      throw new IllegalStateException(
          "The pipeline can make no more progress: every source is finished and no timer is"
              + " pending, but these stages have not reached the end of time:"
              + stuck);
    }
  }

  private void shutdown() {
    Throwable collector = new RuntimeException("teardown");
    for (StageRuntime stage : stages) {
      stage.teardown(collector);
    }
    pool.close();
    scheduler.shutdownNow();
    if (collector.getSuppressed().length > 0) {
      if (failure != null) {
        for (Throwable t : collector.getSuppressed()) {
          failure.addSuppressed(t);
        }
      } else {
        LOG.warn("Teardown failed", collector);
      }
    }
  }

  /** Asks the loop to stop after the current batch. */
  public void cancel() {
    cancelled = true;
  }

  /** Waits up to {@code timeout} (forever if null); returns true if the loop ended. */
  public boolean awaitTermination(@Nullable Duration timeout) throws InterruptedException {
    if (timeout == null) {
      finished.await();
      return true;
    }
    return finished.await(timeout.getMillis(), TimeUnit.MILLISECONDS);
  }

  /** The pipeline's state. */
  public PipelineResult.State state() {
    return state;
  }

  /** The failure that stopped the loop, or null. */
  public @Nullable Throwable failure() {
    return failure;
  }

  /** Batches completed so far. */
  public long batchId() {
    return batchId.get();
  }

  /** Metrics of every step. */
  public MetricsContainerStepMap metrics() {
    return metrics;
  }
}
