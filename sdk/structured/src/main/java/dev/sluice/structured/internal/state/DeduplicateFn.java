package dev.sluice.structured.internal.state;

import dev.sluice.structured.internal.exec.BatchStepFn;
import dev.sluice.structured.internal.exec.Forwarding;
import dev.sluice.structured.internal.exec.StreamElement;
import dev.sluice.structured.internal.exec.StreamElementCoder;
import dev.sluice.structured.internal.watermark.WatermarkTracker;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * The state side of {@code dropDuplicates} (Spark's {@code dedupe}): the first row of each key is
 * emitted, later ones dropped. With a watermark on a key column, rows at or below the batch's
 * watermark are dropped as late and keys at or below it are forgotten after the batch.
 *
 * <pre>{@code
 * keyed.apply(ParDo.of(new DeduplicateFn(schema, List.of(0), 1, delays, 0)));
 * }</pre>
 */
public final class DeduplicateFn extends BatchStepFn<DeduplicateFn.Seen> {
  /** One shard's keys (with their event time, or Long.MIN_VALUE) and watermark. */
  static final class Seen implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<List<Object>, Long> keys = new HashMap<>();
    WatermarkTracker watermark;
  }

  private final List<Integer> keyColumns;
  @Nullable private final Integer eventTimeColumn;
  private final Map<String, Long> delays;
  private final int operatorIndex;

  public DeduplicateFn(
      org.apache.beam.sdk.schemas.Schema schema,
      List<Integer> keyColumns,
      @Nullable Integer eventTimeColumn,
      Map<String, Long> delays,
      int operatorIndex) {
    super(StreamElementCoder.of(schema));
    this.keyColumns = List.copyOf(keyColumns);
    this.eventTimeColumn = eventTimeColumn;
    this.delays = Map.copyOf(delays);
    this.operatorIndex = operatorIndex;
  }

  @Override
  protected Seen newState() {
    Seen seen = new Seen();
    seen.watermark = new WatermarkTracker(delays);
    return seen;
  }

  private long eventTime(Row row) {
    if (eventTimeColumn == null) {
      return Long.MIN_VALUE;
    }
    Object value = row.getValue(eventTimeColumn);
    return value == null ? Long.MIN_VALUE : ((ReadableInstant) value).getMillis();
  }

  @Override
  protected void processBatch(
      long batch, List<StreamElement> elements, StepState<Seen> state, Output out) {
    Seen seen = state.op;
    long wm = seen.watermark.current();
    boolean hasData = false;
    long dropped = 0;
    long updated = 0;
    for (StreamElement e : elements) {
      switch (e.kind()) {
        case ROW:
          hasData = true;
          long time = eventTime(e.row());
          if (eventTimeColumn != null && time <= wm) {
            dropped++;
            continue;
          }
          List<Object> key = new ArrayList<>(keyColumns.size());
          for (int column : keyColumns) {
            key.add(e.row().getValue(column));
          }
          if (seen.keys.putIfAbsent(key, time) == null) {
            updated++;
            out.output(e);
          }
          break;
        case END:
          hasData |= e.end().hasData();
          Forwarding.forward(e, state, out);
          break;
        default:
          Forwarding.forward(e, state, out);
      }
    }
    long removed = 0;
    if (eventTimeColumn != null) {
      int before = seen.keys.size();
      seen.keys.values().removeIf(t -> t <= wm);
      removed = (long) before - seen.keys.size();
    }
    boolean ran = hasData || (eventTimeColumn != null && seen.watermark.advancedForThisBatch());
    seen.watermark.endBatch(elements);
    out.output(
        StreamElement.summary(
            batch,
            OperatorSummary.builder()
                .setOperatorName("dedupe")
                .setOperatorIndex(operatorIndex)
                .setRan(ran)
                .setWatermarkMillis(wm)
                .setNumRowsTotal(seen.keys.size())
                .setNumRowsUpdated(updated)
                .setNumRowsRemoved(removed)
                .setNumRowsDroppedByWatermark(dropped)
                .build()));
  }
}
