package dev.sluice.structured.internal.watermark;

import dev.sluice.structured.internal.exec.StreamElement;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spark's event-time watermark for one query: each {@code withWatermark} step {@code i} reports the
 * event times it saw; after every batch the watermark becomes {@code min over steps that saw data
 * of (max event time_i − delay_i)}, and it never moves back. It starts at 0 (the epoch), as in
 * Spark, and the value computed at the end of batch {@code n} is the one batch {@code n + 1} uses.
 *
 * <pre>{@code
 * WatermarkTracker wm = new WatermarkTracker(Map.of("wm0", 600_000L));
 * wm.current();                 // 0
 * wm.endBatch(elementsOfBatch); // now max(ts) - 10 minutes
 * }</pre>
 */
public final class WatermarkTracker implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Long> delays;
  private final Map<String, Long> maxEventTimes = new HashMap<>();
  private long current;
  private long previous;
  private EventTimeStats lastBatch = EventTimeStats.EMPTY;

  /** A tracker for watermark steps {@code id → delay in millis}. */
  public WatermarkTracker(Map<String, Long> delays) {
    this.delays = new HashMap<>(delays);
  }

  /** True if the query has a watermark at all. */
  public boolean isDefined() {
    return !delays.isEmpty();
  }

  /** The watermark the current batch uses, epoch millis. */
  public long current() {
    return current;
  }

  /** True if the current batch's watermark is later than the previous batch's. */
  public boolean advancedForThisBatch() {
    return current > previous;
  }

  /** Event times reported in the last ended batch (all steps together). */
  public EventTimeStats lastBatchEventTimes() {
    return lastBatch;
  }

  /**
   * Ends a batch: folds the batch's EVENT_TIME elements (others are ignored) into the watermark the
   * next batch uses.
   */
  public void endBatch(List<StreamElement> batch) {
    EventTimeStats all = EventTimeStats.EMPTY;
    for (StreamElement e : batch) {
      if (e.kind() == StreamElement.Kind.EVENT_TIME && e.eventTimes().count() > 0) {
        maxEventTimes.merge(e.name(), e.eventTimes().max(), Math::max);
        all = all.merge(e.eventTimes());
      }
    }
    lastBatch = all;
    long next = Long.MAX_VALUE;
    for (Map.Entry<String, Long> max : maxEventTimes.entrySet()) {
      Long delay = delays.get(max.getKey());
      if (delay != null) {
        next = Math.min(next, max.getValue() - delay);
      }
    }
    previous = current;
    if (next != Long.MAX_VALUE && next > current) {
      current = next;
    }
  }
}
