package dev.sluice.structured.internal.state;

import dev.sluice.io.state.StateEntry;
import dev.sluice.structured.OutputMode;
import dev.sluice.structured.internal.exec.BatchStepFn;
import dev.sluice.structured.internal.exec.StreamElement;
import dev.sluice.structured.internal.exec.StreamElementCoder;
import dev.sluice.structured.internal.expr.Aggregation;
import dev.sluice.structured.internal.expr.EvalContext;
import dev.sluice.structured.internal.watermark.WatermarkTracker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
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
 * <p>State: one entry per group, key {@code DATA + key row} and value the accumulator row, both
 * with Beam's row coders; a batch reads and writes the groups its partials touch. With a session
 * window the key is {@code DATA + other grouping values + key row}, so the sessions a new one may
 * merge with are found by a prefix scan. Complete mode reads every group each batch (it emits them
 * all), and eviction scans the groups when the watermark moved, as Spark's does.
 *
 * <p>An aggregation over another aggregation (complete mode only) sees the earlier one's whole
 * result table every batch, so it starts from no groups each batch ({@code perBatch}).
 *
 * <pre>{@code
 * keyed.apply(ParDo.of(new AggregateFn(aggregation, eventTimeKey, OutputMode.UPDATE, delays, 0)));
 * }</pre>
 */
public final class AggregateFn extends StatefulOperatorFn<WatermarkTracker> {
  private final Aggregation aggregation;
  @Nullable private final Integer eventTimeKey;
  private final OutputMode mode;
  private final Map<String, Long> delays;
  private final int operatorIndex;
  private final boolean perBatch;
  private final ZoneId zone;
  private final RowCoder keyCoder;
  private final RowCoder accumulatorCoder;
  @Nullable private final Schema sessionOthers;
  @Nullable private final RowCoder othersCoder;

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
    this.keyCoder = RowCoder.of(aggregation.keySchema());
    this.accumulatorCoder = RowCoder.of(aggregation.accumulatorSchema());
    this.sessionOthers = aggregation.hasSessionWindow() ? othersSchema() : null;
    this.othersCoder = sessionOthers == null ? null : RowCoder.of(sessionOthers);
  }

  /** The key schema without the session window: what a session's neighbours share. */
  private Schema othersSchema() {
    Schema.Builder b = Schema.builder();
    Schema keys = aggregation.keySchema();
    for (int i = 0; i < keys.getFieldCount(); i++) {
      if (i != aggregation.sessionWindowKeyIndex()) {
        b.addField(keys.getField(i).withName("k" + i));
      }
    }
    return b.build();
  }

  @Override
  protected WatermarkTracker newMeta() {
    return new WatermarkTracker(delays);
  }

  @Override
  protected void encodeMeta(WatermarkTracker meta, OutputStream out) throws IOException {
    meta.encode(out);
  }

  @Override
  protected WatermarkTracker decodeMeta(InputStream in) throws IOException {
    return WatermarkTracker.decode(in, delays);
  }

  private boolean evicts() {
    return eventTimeKey != null && mode != OutputMode.COMPLETE;
  }

  private boolean isLate(Row key, long watermark) {
    return eventTimeKey != null && aggregation.eventTimeOfKey(key, eventTimeKey) <= watermark;
  }

  /** The state key prefix shared by {@code key}'s session and its neighbours. */
  private StateBytes sessionPrefix(Row key) {
    List<Object> others = new ArrayList<>(key.getValues());
    others.remove(aggregation.sessionWindowKeyIndex());
    return StateBytes.key(DATA)
        .add(othersCoder, Row.withSchema(sessionOthers).attachValues(others));
  }

  private byte[] stateKey(Row key) {
    StateBytes b = sessionOthers == null ? StateBytes.key(DATA) : sessionPrefix(key);
    return b.add(keyCoder, key).bytes();
  }

  private Row keyOf(byte[] stateKey) {
    InputStream in = StateBytes.from(stateKey, 1);
    if (othersCoder != null) {
      StateBytes.decode(othersCoder, in);
    }
    return StateBytes.decode(keyCoder, in);
  }

  private Row accumulatorOf(byte[] value) {
    return StateBytes.decode(accumulatorCoder, value, 0);
  }

  private byte[] value(Row accumulator) {
    return StateBytes.value().add(accumulatorCoder, accumulator).bytes();
  }

  /** Adds the group's result row, unless a HAVING condition rejects the group. */
  private void emit(Row key, Row accumulator, List<Row> output) {
    EvalContext context = EvalContext.of(System.currentTimeMillis(), zone);
    if (aggregation.having(key, accumulator, context)) {
      output.add(aggregation.result(key, accumulator, context));
    }
  }

  @Override
  protected OperatorSummary processBatch(
      long batch,
      List<StreamElement> elements,
      Shard<WatermarkTracker> shard,
      BatchStepFn.Output out) {
    WatermarkTracker watermark = shard.meta();
    ShardState state = shard.state();
    if (perBatch) {
      for (Iterator<StateEntry> it = state.scan(new byte[] {DATA}); it.hasNext(); ) {
        state.remove(it.next().key());
      }
    }
    long wm = watermark.current();
    boolean hasData = false;
    long dropped = 0;
    // the groups this batch changed, with their accumulators now
    Map<Row, Row> updated = new LinkedHashMap<>();
    for (StreamElement e : elements) {
      switch (e.kind()) {
        case PARTIAL:
          hasData = true;
          if (evicts() && isLate(e.row(), wm)) {
            dropped++;
          } else if (sessionOthers != null) {
            mergeSession(state, e.row(), e.accumulator(), updated);
          } else {
            byte[] key = stateKey(e.row());
            byte[] old = state.get(key);
            Row merged =
                old == null
                    ? e.accumulator()
                    : aggregation.merge(accumulatorOf(old), e.accumulator());
            state.put(key, value(merged));
            updated.put(e.row(), merged);
          }
          break;
        case END:
          hasData |= e.end().hasData();
          shard.forward(e, out);
          break;
        default:
          shard.forward(e, out);
      }
    }
    List<Row> output = new ArrayList<>();
    if (mode == OutputMode.COMPLETE) {
      for (Iterator<StateEntry> it = state.scan(new byte[] {DATA}); it.hasNext(); ) {
        StateEntry g = it.next();
        emit(keyOf(g.key()), accumulatorOf(g.value()), output);
      }
    } else if (mode == OutputMode.UPDATE) {
      for (Map.Entry<Row, Row> g : updated.entrySet()) {
        emit(g.getKey(), g.getValue(), output);
      }
    }
    long[] removed = {0};
    // Groups at or below the watermark were evicted by earlier batches and late partials are
    // dropped, so there is something to evict only when the watermark moved.
    if (evicts() && watermark.advancedForThisBatch()) {
      shard.timeRemovals(
          () -> {
            for (Iterator<StateEntry> it = state.scan(new byte[] {DATA}); it.hasNext(); ) {
              StateEntry g = it.next();
              Row key = keyOf(g.key());
              if (isLate(key, wm)) {
                if (mode == OutputMode.APPEND) {
                  emit(key, accumulatorOf(g.value()), output);
                }
                state.remove(g.key());
                updated.remove(key);
                removed[0]++;
              }
            }
          });
    }
    for (Row row : output) {
      out.output(StreamElement.row(batch, row));
    }
    boolean ran = hasData || (evicts() && watermark.advancedForThisBatch());
    watermark.endBatch(elements);
    return OperatorSummary.builder()
        .setOperatorName("stateStoreSave")
        .setOperatorIndex(operatorIndex)
        .setRan(ran)
        .setWatermarkMillis(wm)
        .setNumRowsUpdated(mode == OutputMode.APPEND ? updated.size() : output.size())
        .setNumRowsRemoved(removed[0])
        .setNumRowsDroppedByWatermark(dropped)
        .build();
  }

  /**
   * Merges a partial's session with the sessions of the same other grouping values it overlaps
   * ({@link Sessions}): reads them by prefix, removes the absorbed ones, writes the merged one.
   */
  private void mergeSession(ShardState state, Row key, Row accumulator, Map<Row, Row> updated) {
    Map<Row, Row> neighbours = new LinkedHashMap<>();
    for (Iterator<StateEntry> it = state.scan(sessionPrefix(key).bytes()); it.hasNext(); ) {
      StateEntry e = it.next();
      neighbours.put(keyOf(e.key()), accumulatorOf(e.value()));
    }
    Set<Row> before = new HashSet<>(neighbours.keySet());
    Row merged = Sessions.merge(aggregation, neighbours, key, accumulator, updated.keySet());
    for (Row gone : before) {
      if (!neighbours.containsKey(gone)) {
        state.remove(stateKey(gone));
      }
    }
    Row mergedAccumulator = neighbours.get(merged);
    state.put(stateKey(merged), value(mergedAccumulator));
    updated.put(merged, mergedAccumulator);
  }
}
