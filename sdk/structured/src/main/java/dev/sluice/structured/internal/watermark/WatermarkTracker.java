package dev.sluice.structured.internal.watermark;

import dev.sluice.structured.internal.exec.StreamElement;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

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
 * wm.encode(out);               // into a state store, with Beam coders
 * WatermarkTracker back = WatermarkTracker.decode(in, Map.of("wm0", 600_000L));
 * }</pre>
 */
public final class WatermarkTracker implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, Long> delays;
  private final Map<String, Long> maxEventTimes = new HashMap<>();
  private long current;
  private long previous;
  private EventTimeStats lastBatch = EventTimeStats.EMPTY;

  private static final Coder<Map<String, Long>> MAX_TIMES =
      MapCoder.of(StringUtf8Coder.of(), BigEndianLongCoder.of());

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

  /**
   * Writes what the tracker learned (maximum event times, current and previous watermark, the last
   * batch's event times) with Beam coders; the delays are the query's, given again to {@link
   * #decode}.
   */
  public void encode(OutputStream out) throws IOException {
    MAX_TIMES.encode(maxEventTimes, out);
    BigEndianLongCoder.of().encode(current, out);
    BigEndianLongCoder.of().encode(previous, out);
    BigEndianLongCoder.of().encode(lastBatch.min(), out);
    BigEndianLongCoder.of().encode(lastBatch.max(), out);
    BigEndianLongCoder.of().encode(lastBatch.sum(), out);
    VarLongCoder.of().encode(lastBatch.count(), out);
  }

  /** The tracker {@link #encode} wrote, for watermark steps {@code id → delay in millis}. */
  public static WatermarkTracker decode(InputStream in, Map<String, Long> delays)
      throws IOException {
    WatermarkTracker t = new WatermarkTracker(delays);
    t.maxEventTimes.putAll(MAX_TIMES.decode(in));
    t.current = BigEndianLongCoder.of().decode(in);
    t.previous = BigEndianLongCoder.of().decode(in);
    long min = BigEndianLongCoder.of().decode(in);
    long max = BigEndianLongCoder.of().decode(in);
    long sum = BigEndianLongCoder.of().decode(in);
    long count = VarLongCoder.of().decode(in);
    t.lastBatch = count == 0 ? EventTimeStats.EMPTY : new EventTimeStats(min, max, sum, count);
    return t;
  }
}
