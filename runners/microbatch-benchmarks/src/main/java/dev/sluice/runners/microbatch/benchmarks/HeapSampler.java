package dev.sluice.runners.microbatch.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Measures a run's heap: the peak of heap used sampled every 50 ms by a background thread (live
 * objects plus garbage not yet collected, so it depends on the collector's sizing), and the peak of
 * heap used right after a garbage collection (closer to the live set).
 *
 * <pre>{@code
 * try (HeapSampler sampler = new HeapSampler()) {
 *   sampler.start();
 *   pipeline.run().waitUntilFinish();
 *   HeapSampler.Peaks peaks = sampler.stop();
 * }
 * }</pre>
 */
public final class HeapSampler implements AutoCloseable {
  private static final long PERIOD_MILLIS = 50;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "heap-sampler");
            t.setDaemon(true);
            return t;
          });
  private final Set<String> heapPools = new HashSet<>();
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong();
  private final NotificationListener listener = (n, handback) -> onGc(n.getType(), n.getUserData());
  private volatile boolean active;
  private ScheduledFuture<?> sampling;

  /** A sampler listening to the JVM's garbage collectors; {@link #start()} begins a measurement. */
  public HeapSampler() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
      }
    }
  }

  /** Starts a measurement, resetting the peaks. */
  public synchronized void start() {
    peakUsed.set(memory.getHeapMemoryUsage().getUsed());
    peakAfterGc.set(0);
    active = true;
    sampling = timer.scheduleAtFixedRate(this::sample, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Ends the measurement and returns its peaks. */
  public synchronized Peaks stop() {
    sample();
    active = false;
    sampling.cancel(false);
    return new Peaks(peakUsed.get(), peakAfterGc.get());
  }

  private void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    peakUsed.accumulateAndGet(used, Math::max);
  }

  private void onGc(String type, Object data) {
    if (!active
        || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(type)
        || !(data instanceof CompositeData)) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) data);
    long before = 0;
    long after = 0;
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        before += e.getValue().getUsed();
      }
    }
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        after += e.getValue().getUsed();
      }
    }
    peakUsed.accumulateAndGet(before, Math::max);
    peakAfterGc.accumulateAndGet(after, Math::max);
  }

  /** Runs two full collections, so that the next measurement starts from a clean heap. */
  public static void collectGarbage() {
    System.gc();
    System.gc();
  }

  @Override
  public void close() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter) {
        try {
          ((NotificationEmitter) gc).removeNotificationListener(listener);
        } catch (javax.management.ListenerNotFoundException e) {
          // not registered on this collector
        }
      }
    }
    timer.shutdownNow();
  }

  /**
   * Peaks of one measurement, in bytes.
   *
   * <pre>{@code
   * long mb = peaks.usedBytes() >> 20;
   * }</pre>
   *
   * @param usedBytes largest heap used seen (samples and just before each collection)
   * @param afterGcBytes largest heap used right after a collection (0 if none ran)
   */
  public record Peaks(long usedBytes, long afterGcBytes) {}
}
