package dev.sluice.structured.internal.state;

import dev.sluice.io.state.StateEntry;
import dev.sluice.structured.internal.exec.BatchStepFn;
import dev.sluice.structured.internal.exec.StreamElement;
import dev.sluice.structured.internal.exec.StreamElementCoder;
import dev.sluice.structured.internal.expr.EvalContext;
import dev.sluice.structured.internal.expr.Predicate;
import dev.sluice.structured.internal.plan.Join;
import dev.sluice.structured.internal.watermark.WatermarkTracker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * The state side of a stream–stream join (Spark's {@code symmetricHashJoin}): both sides' rows are
 * kept; each batch joins the new left rows with all right rows and the new right rows with the
 * earlier left rows, so every matching pair is emitted exactly once, in the batch in which its
 * later row arrived. Rows whose watermarked time column is at or below the batch's watermark are
 * dropped as late. With a time range in the condition ({@link JoinTimeBounds}), rows no future row
 * can match are evicted after each batch; outer joins emit their unmatched preserved rows with
 * nulls then, left semi joins emit a left row once, at its first match. Input rows are {@link #tag
 * tagged}: column 0 says the side (0 left, 1 right), then the left columns, then the right columns.
 *
 * <p>State: one entry per buffered row, key {@code LEFT|RIGHT + sequence number} (so a side is read
 * in arrival order by a prefix scan), value a matched flag and the row's own side columns (Beam's
 * row coder). A batch writes its new rows, the rows whose matched flag it set, and the evictions;
 * it reads a side only when the other side has new rows (every buffered row may match), and scans
 * for eviction when the condition bounds the time range.
 *
 * <pre>{@code
 * keyed.apply(ParDo.of(new StreamJoinFn(schema, predicate, 2, 2, 1, 3, delays, 0, zone)));
 * }</pre>
 */
public final class StreamJoinFn extends StatefulOperatorFn<StreamJoinFn.JoinMeta> {
  /** The key kind of buffered left rows ({@link #DATA}). */
  static final byte LEFT = DATA;

  /** The key kind of buffered right rows. */
  static final byte RIGHT = DATA + 1;

  /** A row of one side and whether it has matched yet (for outer and semi joins). */
  static final class Stored {
    final Row row;
    boolean matched;
    @Nullable final byte[] key; // null: new in this batch, not stored yet
    boolean changed;

    Stored(Row row, boolean matched, @Nullable byte[] key) {
      this.row = row;
      this.matched = matched;
      this.key = key;
    }
  }

  /** A shard's watermark and the sequence number of its next buffered row. */
  static final class JoinMeta {
    final WatermarkTracker watermark;
    long nextRow;

    JoinMeta(WatermarkTracker watermark, long nextRow) {
      this.watermark = watermark;
      this.nextRow = nextRow;
    }
  }

  private final Schema schema;
  private final Predicate condition;
  private final int leftWidth;
  private final int rightWidth;
  @Nullable private final Integer leftTime;
  @Nullable private final Integer rightTime;
  private final java.util.Map<String, Long> delays;
  private final int operatorIndex;
  private final ZoneId zone;
  private final Join.Type type;
  private final Schema leftSchema;
  private final JoinTimeBounds bounds;
  private final RowCoder leftCoder;
  private final RowCoder rightCoder;

  public StreamJoinFn(
      Schema schema,
      Predicate condition,
      int leftWidth,
      int rightWidth,
      @Nullable Integer leftTime,
      @Nullable Integer rightTime,
      java.util.Map<String, Long> delays,
      int operatorIndex,
      ZoneId zone,
      Join.Type type,
      JoinTimeBounds bounds,
      Schema leftSchema) {
    super(StreamElementCoder.of(taggedSchema(schema)));
    this.type = type;
    this.leftSchema = leftSchema;
    this.bounds = bounds;
    this.schema = schema;
    this.condition = condition;
    this.leftWidth = leftWidth;
    this.rightWidth = rightWidth;
    this.leftTime = leftTime;
    this.rightTime = rightTime;
    this.delays = java.util.Map.copyOf(delays);
    this.operatorIndex = operatorIndex;
    this.zone = zone;
    this.leftCoder = RowCoder.of(sideSchema(schema, 0, leftWidth));
    this.rightCoder = RowCoder.of(sideSchema(schema, leftWidth, rightWidth));
  }

  /** The columns {@code offset .. offset + width - 1} of {@code joined}, nullable. */
  private static Schema sideSchema(Schema joined, int offset, int width) {
    Schema.Builder b = Schema.builder();
    for (int i = offset; i < offset + width; i++) {
      b.addField(joined.getField(i).withName("c" + i).withNullable(true));
    }
    return b.build();
  }

  /** The schema of tagged rows: {@code __side INT32}, then {@code joined}'s fields. */
  public static Schema taggedSchema(Schema joined) {
    Schema.Builder b = Schema.builder().addInt32Field("__side");
    for (Schema.Field f : joined.getFields()) {
      b.addField(f.withNullable(true));
    }
    return b.build();
  }

  /** {@code row} of side {@code side} (0 left, 1 right) as a tagged row. */
  public static Row tag(Schema tagged, int side, Row row, int leftWidth, int rightWidth) {
    List<Object> values = new ArrayList<>(1 + leftWidth + rightWidth);
    values.add(side);
    for (int i = 0; i < leftWidth; i++) {
      values.add(side == 0 ? row.getValue(i) : null);
    }
    for (int i = 0; i < rightWidth; i++) {
      values.add(side == 1 ? row.getValue(i) : null);
    }
    return Row.withSchema(tagged).addValues(values).build();
  }

  @Override
  protected JoinMeta newMeta() {
    return new JoinMeta(new WatermarkTracker(delays), 0);
  }

  @Override
  protected void encodeMeta(JoinMeta meta, OutputStream out) throws IOException {
    meta.watermark.encode(out);
    VarLongCoder.of().encode(meta.nextRow, out);
  }

  @Override
  protected JoinMeta decodeMeta(InputStream in) throws IOException {
    WatermarkTracker watermark = WatermarkTracker.decode(in, delays);
    return new JoinMeta(watermark, VarLongCoder.of().decode(in));
  }

  /** Writes {@code s} (a new row, or one whose matched flag changed) under its key. */
  private void store(ShardState state, boolean left, Stored s, byte[] key) {
    int offset = left ? 0 : leftWidth;
    int width = left ? leftWidth : rightWidth;
    RowCoder coder = left ? leftCoder : rightCoder;
    List<Object> own = new ArrayList<>(width);
    for (int i = offset; i < offset + width; i++) {
      own.add(s.row.getValue(i));
    }
    state.put(
        key,
        StateBytes.value()
            .addByte(s.matched ? 1 : 0)
            .add(coder, Row.withSchema(coder.getSchema()).attachValues(own))
            .bytes());
  }

  /** The buffered rows of a side, in arrival order. */
  private Iterator<Stored> stored(ShardState state, boolean left) {
    Iterator<StateEntry> entries = state.scan(new byte[] {left ? LEFT : RIGHT});
    int offset = left ? 0 : leftWidth;
    int width = left ? leftWidth : rightWidth;
    RowCoder coder = left ? leftCoder : rightCoder;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return entries.hasNext();
      }

      @Override
      public Stored next() {
        StateEntry e = entries.next();
        Row own = StateBytes.decode(coder, e.value(), 1);
        Row padded = Row.withSchema(schema).addValues(pad(own.getValues(), offset, width)).build();
        return new Stored(padded, e.value()[0] == 1, e.key());
      }
    };
  }

  private static boolean late(Row row, @Nullable Integer column, long watermark) {
    if (column == null) {
      return false;
    }
    Object value = row.getValue(column);
    return value != null && ((ReadableInstant) value).getMillis() <= watermark;
  }

  private Row side(Row tagged, int offset, int width) {
    List<Object> values = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      values.add(tagged.getValue(1 + offset + i));
    }
    return Row.withSchema(schema).addValues(pad(values, offset, width)).build();
  }

  private List<Object> pad(List<Object> values, int offset, int width) {
    List<Object> all = new ArrayList<>(leftWidth + rightWidth);
    for (int i = 0; i < leftWidth + rightWidth; i++) {
      all.add(i >= offset && i < offset + width ? values.get(i - offset) : null);
    }
    return all;
  }

  @Override
  protected OperatorSummary processBatch(
      long batch, List<StreamElement> elements, Shard<JoinMeta> shard, BatchStepFn.Output out) {
    JoinMeta meta = shard.meta();
    ShardState state = shard.state();
    long wm = meta.watermark.current();
    boolean hasData = false;
    long dropped = 0;
    List<Stored> newLeft = new ArrayList<>();
    List<Stored> newRight = new ArrayList<>();
    for (StreamElement e : elements) {
      switch (e.kind()) {
        case ROW:
          hasData = true;
          boolean isLeft = e.row().getInt32(0) == 0;
          Row row = isLeft ? side(e.row(), 0, leftWidth) : side(e.row(), leftWidth, rightWidth);
          // time columns are indexes into the joined row
          if (late(row, isLeft ? leftTime : rightTime, wm)) {
            dropped++;
          } else {
            (isLeft ? newLeft : newRight).add(new Stored(row, false, null));
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
    EvalContext context = EvalContext.of(System.currentTimeMillis(), zone);
    // new left rows with every right row (buffered, then new); new right rows with buffered left
    if (!newLeft.isEmpty()) {
      for (Iterator<Stored> it = stored(state, false); it.hasNext(); ) {
        Stored r = it.next();
        for (Stored l : newLeft) {
          match(batch, l, r, context, out);
        }
        rewriteIfChanged(state, false, r);
      }
      for (Stored r : newRight) {
        for (Stored l : newLeft) {
          match(batch, l, r, context, out);
        }
      }
    }
    if (!newRight.isEmpty()) {
      for (Iterator<Stored> it = stored(state, true); it.hasNext(); ) {
        Stored l = it.next();
        for (Stored r : newRight) {
          match(batch, l, r, context, out);
        }
        rewriteIfChanged(state, true, l);
      }
    }
    for (Stored l : newLeft) {
      store(state, true, l, rowKey(LEFT, meta.nextRow++));
    }
    for (Stored r : newRight) {
      store(state, false, r, rowKey(RIGHT, meta.nextRow++));
    }
    long[] removed = {0};
    shard.timeRemovals(() -> removed[0] = evict(batch, state, wm, out));
    boolean evicts = bounds.lower() != null || bounds.upper() != null;
    boolean ran = hasData || (evicts && meta.watermark.advancedForThisBatch());
    meta.watermark.endBatch(elements);
    return OperatorSummary.builder()
        .setOperatorName("symmetricHashJoin")
        .setOperatorIndex(operatorIndex)
        .setRan(ran)
        .setWatermarkMillis(wm)
        .setNumRowsUpdated(newLeft.size() + newRight.size())
        .setNumRowsRemoved(removed[0])
        .setNumRowsDroppedByWatermark(dropped)
        .build();
  }

  private static byte[] rowKey(byte side, long sequence) {
    return StateBytes.key(side).add(BigEndianLongCoder.of(), sequence).bytes();
  }

  private void rewriteIfChanged(ShardState state, boolean left, Stored s) {
    if (s.changed && s.key != null) {
      store(state, left, s, s.key);
    }
  }

  /**
   * Forgets the rows no future row can match: future rows are later than the watermark, so a left
   * row at {@code tL} is done once {@code tL + upper <= wm}, a right row at {@code tR} once {@code
   * tR - lower <= wm}. An outer join emits its unmatched preserved rows then, with nulls.
   */
  private long evict(long batch, ShardState state, long wm, BatchStepFn.Output out) {
    long removed = 0;
    if (bounds.upper() != null && leftTime != null) {
      removed += evictSide(batch, state, true, leftTime, bounds.upper(), wm, out);
    }
    if (bounds.lower() != null && rightTime != null) {
      removed += evictSide(batch, state, false, rightTime, -bounds.lower(), wm, out);
    }
    return removed;
  }

  private long evictSide(
      long batch,
      ShardState state,
      boolean left,
      int timeColumn,
      long reach,
      long wm,
      BatchStepFn.Output out) {
    long removed = 0;
    for (Iterator<Stored> it = stored(state, left); it.hasNext(); ) {
      Stored s = it.next();
      Object time = s.row.getValue(timeColumn);
      if (time == null || ((ReadableInstant) time).getMillis() + reach > wm) {
        continue;
      }
      if (!s.matched && outer(left)) {
        out.output(StreamElement.row(batch, s.row));
      }
      state.remove(s.key);
      removed++;
    }
    return removed;
  }

  /** True if unmatched rows of this side are emitted with nulls. */
  private boolean outer(boolean left) {
    return type == Join.Type.FULL_OUTER
        || (left ? type == Join.Type.LEFT_OUTER : type == Join.Type.RIGHT_OUTER);
  }

  private void match(
      long batch, Stored left, Stored right, EvalContext context, BatchStepFn.Output out) {
    if (type == Join.Type.LEFT_SEMI && left.matched) {
      return;
    }
    Row joined = joined(left.row, right.row);
    if (!condition.test(joined, context)) {
      return;
    }
    left.changed |= !left.matched;
    right.changed |= !right.matched;
    left.matched = true;
    right.matched = true;
    out.output(StreamElement.row(batch, type == Join.Type.LEFT_SEMI ? leftOnly(left.row) : joined));
  }

  private Row leftOnly(Row paddedLeft) {
    List<Object> values = new ArrayList<>(leftWidth);
    for (int i = 0; i < leftWidth; i++) {
      values.add(paddedLeft.getValue(i));
    }
    return Row.withSchema(leftSchema).addValues(values).build();
  }

  private Row joined(Row left, Row right) {
    List<Object> values = new ArrayList<>(leftWidth + rightWidth);
    for (int i = 0; i < leftWidth; i++) {
      values.add(left.getValue(i));
    }
    for (int i = leftWidth; i < leftWidth + rightWidth; i++) {
      values.add(right.getValue(i));
    }
    return Row.withSchema(schema).addValues(values).build();
  }
}
