package dev.sluice.structured.internal.state;

import dev.sluice.structured.internal.exec.BatchStepFn;
import dev.sluice.structured.internal.exec.Forwarding;
import dev.sluice.structured.internal.exec.StreamElement;
import dev.sluice.structured.internal.exec.StreamElementCoder;
import dev.sluice.structured.internal.expr.EvalContext;
import dev.sluice.structured.internal.expr.Predicate;
import dev.sluice.structured.internal.plan.Join;
import dev.sluice.structured.internal.watermark.WatermarkTracker;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
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
 * <pre>{@code
 * keyed.apply(ParDo.of(new StreamJoinFn(schema, predicate, 2, 2, 1, 3, delays, 0, zone)));
 * }</pre>
 */
public final class StreamJoinFn extends BatchStepFn<StreamJoinFn.Sides> {
  /** A buffered row and whether it has matched yet (for outer and semi joins). */
  static final class Stored implements Serializable {
    private static final long serialVersionUID = 1L;
    final Row row;
    boolean matched;

    Stored(Row row) {
      this.row = row;
    }
  }

  /** Both sides' rows. */
  static final class Sides implements Serializable {
    private static final long serialVersionUID = 1L;
    final List<Stored> left = new ArrayList<>();
    final List<Stored> right = new ArrayList<>();
    WatermarkTracker watermark;
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
  protected Sides newState() {
    Sides sides = new Sides();
    sides.watermark = new WatermarkTracker(delays);
    return sides;
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
  protected void processBatch(
      long batch, List<StreamElement> elements, StepState<Sides> state, Output out) {
    Sides sides = state.op;
    long wm = sides.watermark.current();
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
            (isLeft ? newLeft : newRight).add(new Stored(row));
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
    EvalContext context = EvalContext.of(System.currentTimeMillis(), zone);
    List<Stored> allRight = new ArrayList<>(sides.right);
    allRight.addAll(newRight);
    for (Stored l : newLeft) {
      for (Stored r : allRight) {
        match(batch, l, r, context, out);
      }
    }
    for (Stored r : newRight) {
      for (Stored l : sides.left) {
        match(batch, l, r, context, out);
      }
    }
    sides.left.addAll(newLeft);
    sides.right.addAll(newRight);
    long removed = evict(batch, sides, wm, out);
    boolean evicts = bounds.lower() != null || bounds.upper() != null;
    boolean ran = hasData || (evicts && sides.watermark.advancedForThisBatch());
    sides.watermark.endBatch(elements);
    out.output(
        StreamElement.summary(
            batch,
            OperatorSummary.builder()
                .setOperatorName("symmetricHashJoin")
                .setOperatorIndex(operatorIndex)
                .setRan(ran)
                .setWatermarkMillis(wm)
                .setNumRowsTotal(sides.left.size() + sides.right.size())
                .setNumRowsUpdated(newLeft.size() + newRight.size())
                .setNumRowsRemoved(removed)
                .setNumRowsDroppedByWatermark(dropped)
                .build()));
  }

  /**
   * Forgets the rows no future row can match: future rows are later than the watermark, so a left
   * row at {@code tL} is done once {@code tL + upper <= wm}, a right row at {@code tR} once {@code
   * tR - lower <= wm}. An outer join emits its unmatched preserved rows then, with nulls.
   */
  private long evict(long batch, Sides sides, long wm, Output out) {
    long removed = 0;
    if (bounds.upper() != null && leftTime != null) {
      removed += evictSide(batch, sides.left, leftTime, bounds.upper(), wm, true, out);
    }
    if (bounds.lower() != null && rightTime != null) {
      removed += evictSide(batch, sides.right, rightTime, -bounds.lower(), wm, false, out);
    }
    return removed;
  }

  private long evictSide(
      long batch,
      List<Stored> rows,
      int timeColumn,
      long reach,
      long wm,
      boolean left,
      Output out) {
    long removed = 0;
    java.util.Iterator<Stored> it = rows.iterator();
    while (it.hasNext()) {
      Stored s = it.next();
      Object time = s.row.getValue(timeColumn);
      if (time == null || ((ReadableInstant) time).getMillis() + reach > wm) {
        continue;
      }
      if (!s.matched && outer(left)) {
        out.output(StreamElement.row(batch, s.row));
      }
      it.remove();
      removed++;
    }
    return removed;
  }

  /** True if unmatched rows of this side are emitted with nulls. */
  private boolean outer(boolean left) {
    return type == Join.Type.FULL_OUTER
        || (left ? type == Join.Type.LEFT_OUTER : type == Join.Type.RIGHT_OUTER);
  }

  private void match(long batch, Stored left, Stored right, EvalContext context, Output out) {
    if (type == Join.Type.LEFT_SEMI && left.matched) {
      return;
    }
    Row joined = joined(left.row, right.row);
    if (!condition.test(joined, context)) {
      return;
    }
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
