package dev.sluice.structured.internal.state;

import dev.sluice.structured.OutputMode;
import dev.sluice.structured.internal.exec.BatchStepFn;
import dev.sluice.structured.internal.exec.Forwarding;
import dev.sluice.structured.internal.exec.StreamElement;
import dev.sluice.structured.internal.exec.StreamElementCoder;
import dev.sluice.structured.internal.expr.Aggregation;
import dev.sluice.structured.internal.expr.EvalContext;
import dev.sluice.structured.internal.watermark.WatermarkTracker;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.beam.sdk.values.Row;

/**
 * The state side of a streaming aggregation (Spark's {@code stateStoreSave}): one shard's groups,
 * merged batch by batch from the partial aggregates of {@link PreAggregateFn}.
 *
 * <p>Per batch, with {@code wm} the watermark of the batch: in append and update mode, partials of
 * groups whose event time (window end, or the grouping column's value) is {@code <= wm} are late
 * and dropped (complete mode keeps every group, so it takes late rows too, as Spark does); the rest
 * are merged; then complete mode emits every group, update mode the groups changed in this batch,
 * and, when a grouping column carries a watermark, groups at or below {@code wm} are evicted —
 * append mode emits them at that moment.
 *
 * <p>With a {@code session_window} key, a partial's session merges with the key's sessions it
 * overlaps into one session spanning them all ({@link Sessions}).
 *
 * <p>An aggregation over another aggregation (complete mode only) sees the earlier one's whole
 * result table every batch, so it starts from no groups each batch ({@code perBatch}).
 *
 * <pre>{@code
 * keyed.apply(ParDo.of(new AggregateFn(aggregation, eventTimeKey, OutputMode.UPDATE, delays, 0)));
 * }</pre>
 */
public final class AggregateFn extends BatchStepFn<AggregateFn.Groups> {
  /** One shard's groups and watermark. */
  static final class Groups implements Serializable {
    private static final long serialVersionUID = 1L;
    final Map<Row, Row> accumulators = new LinkedHashMap<>();
    WatermarkTracker watermark;
  }

  private final Aggregation aggregation;
  @Nullable private final Integer eventTimeKey;
  private final OutputMode mode;
  private final Map<String, Long> delays;
  private final int operatorIndex;
  private final boolean perBatch;
  private final ZoneId zone;

  /**
   * @param perBatch true for an aggregation over an earlier aggregation's complete result: its
   *     groups are recomputed from scratch every batch
   */
  public AggregateFn(
      Aggregation aggregation,
      @Nullable Integer eventTimeKey,
      OutputMode mode,
      Map<String, Long> delays,
      int operatorIndex,
      boolean perBatch,
      ZoneId zone) {
    super(StreamElementCoder.of(aggregation.keySchema(), aggregation.accumulatorSchema()));
    this.perBatch = perBatch;
    this.zone = zone;
    this.aggregation = aggregation;
    this.eventTimeKey = eventTimeKey;
    this.mode = mode;
    this.delays = Map.copyOf(delays);
    this.operatorIndex = operatorIndex;
  }

  @Override
  protected Groups newState() {
    Groups groups = new Groups();
    groups.watermark = new WatermarkTracker(delays);
    return groups;
  }

  private boolean evicts() {
    return eventTimeKey != null && mode != OutputMode.COMPLETE;
  }

  private boolean isLate(Row key, long watermark) {
    return eventTimeKey != null && aggregation.eventTimeOfKey(key, eventTimeKey) <= watermark;
  }

  /** Adds the group's result row, unless a HAVING condition rejects the group. */
  private void emit(Row key, Row accumulator, List<Row> output) {
    EvalContext context = EvalContext.of(System.currentTimeMillis(), zone);
    if (aggregation.having(key, accumulator, context)) {
      output.add(aggregation.result(key, accumulator, context));
    }
  }

  @Override
  protected void processBatch(
      long batch, List<StreamElement> elements, StepState<Groups> state, Output out) {
    Groups groups = state.op;
    if (perBatch) {
      groups.accumulators.clear();
    }
    long wm = groups.watermark.current();
    boolean hasData = false;
    long dropped = 0;
    Set<Row> updated = new LinkedHashSet<>();
    for (StreamElement e : elements) {
      switch (e.kind()) {
        case PARTIAL:
          hasData = true;
          if (evicts() && isLate(e.row(), wm)) {
            dropped++;
          } else if (aggregation.hasSessionWindow()) {
            updated.add(
                Sessions.merge(
                    aggregation, groups.accumulators, e.row(), e.accumulator(), updated));
          } else {
            groups.accumulators.merge(e.row(), e.accumulator(), aggregation::merge);
            updated.add(e.row());
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
    List<Row> output = new ArrayList<>();
    if (mode == OutputMode.COMPLETE) {
      for (Map.Entry<Row, Row> g : groups.accumulators.entrySet()) {
        emit(g.getKey(), g.getValue(), output);
      }
    } else if (mode == OutputMode.UPDATE) {
      for (Row key : updated) {
        emit(key, groups.accumulators.get(key), output);
      }
    }
    if (evicts()) {
      Iterator<Map.Entry<Row, Row>> it = groups.accumulators.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<Row, Row> g = it.next();
        if (isLate(g.getKey(), wm)) {
          if (mode == OutputMode.APPEND) {
            emit(g.getKey(), g.getValue(), output);
          }
          it.remove();
          removed++;
        }
      }
    }
    updated.retainAll(groups.accumulators.keySet());
    for (Row row : output) {
      out.output(StreamElement.row(batch, row));
    }
    boolean ran = hasData || (evicts() && groups.watermark.advancedForThisBatch());
    groups.watermark.endBatch(elements);
    out.output(
        StreamElement.summary(
            batch,
            OperatorSummary.builder()
                .setOperatorName("stateStoreSave")
                .setOperatorIndex(operatorIndex)
                .setRan(ran)
                .setWatermarkMillis(wm)
                .setNumRowsTotal(groups.accumulators.size())
                .setNumRowsUpdated(mode == OutputMode.APPEND ? updated.size() : output.size())
                .setNumRowsRemoved(removed)
                .setNumRowsDroppedByWatermark(dropped)
                .build()));
  }
}
