package dev.sluice.structured.internal.state;

import dev.sluice.io.state.StateEntry;
import dev.sluice.structured.internal.exec.BatchStepFn;
import dev.sluice.structured.internal.exec.StreamElement;
import dev.sluice.structured.internal.exec.StreamElementCoder;
import dev.sluice.structured.internal.watermark.WatermarkTracker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * The state side of {@code dropDuplicates} (Spark's {@code dedupe}): the first row of each key is
 * emitted, later ones dropped. With a watermark on a key column, rows at or below the batch's
 * watermark are dropped as late and keys at or below it are forgotten after the batch.
 *
 * <p>State: one entry per key seen, key {@code DATA + the key columns as a row} (Beam's row coder),
 * value the row's event time (or {@code Long.MIN_VALUE} without a watermark). A batch looks up and
 * writes only its own rows' keys; forgetting scans the keys when the watermark moved.
 *
 * <pre>{@code
 * keyed.apply(ParDo.of(new DeduplicateFn(schema, List.of(0), 1, delays, 0)));
 * }</pre>
 */
public final class DeduplicateFn extends StatefulOperatorFn<WatermarkTracker> {
  private final List<Integer> keyColumns;
  @Nullable private final Integer eventTimeColumn;
  private final Map<String, Long> delays;
  private final int operatorIndex;
  private final Schema keySchema;
  private final RowCoder keyCoder;

  public DeduplicateFn(
      Schema schema,
      List<Integer> keyColumns,
      @Nullable Integer eventTimeColumn,
      Map<String, Long> delays,
      int operatorIndex) {
    super(StreamElementCoder.of(schema));
    this.keyColumns = List.copyOf(keyColumns);
    this.eventTimeColumn = eventTimeColumn;
    this.delays = Map.copyOf(delays);
    this.operatorIndex = operatorIndex;
    Schema.Builder keys = Schema.builder();
    for (int i = 0; i < keyColumns.size(); i++) {
      keys.addField(schema.getField(keyColumns.get(i)).withName("k" + i).withNullable(true));
    }
    this.keySchema = keys.build();
    this.keyCoder = RowCoder.of(keySchema);
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

  private long eventTime(Row row) {
    if (eventTimeColumn == null) {
      return Long.MIN_VALUE;
    }
    Object value = row.getValue(eventTimeColumn);
    return value == null ? Long.MIN_VALUE : ((ReadableInstant) value).getMillis();
  }

  private byte[] stateKey(Row row) {
    List<Object> values = new ArrayList<>(keyColumns.size());
    for (int column : keyColumns) {
      values.add(row.getValue(column));
    }
    return StateBytes.key(DATA)
        .add(keyCoder, Row.withSchema(keySchema).attachValues(values))
        .bytes();
  }

  @Override
  protected OperatorSummary processBatch(
      long batch,
      List<StreamElement> elements,
      Shard<WatermarkTracker> shard,
      BatchStepFn.Output out) {
    WatermarkTracker watermark = shard.meta();
    ShardState state = shard.state();
    long wm = watermark.current();
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
          byte[] key = stateKey(e.row());
          if (state.get(key) == null) {
            state.put(key, StateBytes.value().add(BigEndianLongCoder.of(), time).bytes());
            updated++;
            out.output(e);
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
    long[] removed = {0};
    // keys at or below the watermark were forgotten by earlier batches and late rows are dropped,
    // so there is something to forget only when the watermark moved
    if (eventTimeColumn != null && watermark.advancedForThisBatch()) {
      shard.timeRemovals(
          () -> {
            for (Iterator<StateEntry> it = state.scan(new byte[] {DATA}); it.hasNext(); ) {
              StateEntry seen = it.next();
              if (StateBytes.decode(BigEndianLongCoder.of(), seen.value(), 0) <= wm) {
                state.remove(seen.key());
                removed[0]++;
              }
            }
          });
    }
    boolean ran = hasData || (eventTimeColumn != null && watermark.advancedForThisBatch());
    watermark.endBatch(elements);
    return OperatorSummary.builder()
        .setOperatorName("dedupe")
        .setOperatorIndex(operatorIndex)
        .setRan(ran)
        .setWatermarkMillis(wm)
        .setNumRowsUpdated(updated)
        .setNumRowsRemoved(removed[0])
        .setNumRowsDroppedByWatermark(dropped)
        .build();
  }
}
