package dev.sluice.structured.runtime;

import dev.sluice.structured.expressions.EvalContext;
import dev.sluice.structured.expressions.Predicate;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * The state side of a stream–stream inner join (Spark's {@code symmetricHashJoin}): both sides'
 * rows are kept; each batch joins the new left rows with all right rows and the new right rows with
 * the earlier left rows, so every matching pair is emitted exactly once, in the batch in which its
 * later row arrived. Rows whose watermarked time column is at or below the batch's watermark are
 * dropped as late. Input rows are {@link #tag tagged}: column 0 says the side (0 left, 1 right),
 * then the left columns, then the right columns.
 *
 * <pre>{@code
 * keyed.apply(ParDo.of(new StreamJoinFn(schema, predicate, 2, 2, 1, 3, delays, 0, zone)));
 * }</pre>
 */
public final class StreamJoinFn extends BatchStepFn<StreamJoinFn.Sides> {
  /** Both sides' rows. */
  static final class Sides implements Serializable {
    private static final long serialVersionUID = 1L;
    final List<Row> left = new ArrayList<>();
    final List<Row> right = new ArrayList<>();
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

  public StreamJoinFn(
      Schema schema,
      Predicate condition,
      int leftWidth,
      int rightWidth,
      @Nullable Integer leftTime,
      @Nullable Integer rightTime,
      java.util.Map<String, Long> delays,
      int operatorIndex,
      ZoneId zone) {
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
    List<Row> newLeft = new ArrayList<>();
    List<Row> newRight = new ArrayList<>();
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
            (isLeft ? newLeft : newRight).add(row);
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
    long emitted = 0;
    List<Row> allRight = new ArrayList<>(sides.right);
    allRight.addAll(newRight);
    for (Row l : newLeft) {
      for (Row r : allRight) {
        emitted += emit(batch, l, r, context, out);
      }
    }
    for (Row r : newRight) {
      for (Row l : sides.left) {
        emitted += emit(batch, l, r, context, out);
      }
    }
    sides.left.addAll(newLeft);
    sides.right.addAll(newRight);
    sides.watermark.endBatch(elements);
    out.output(
        StreamElement.summary(
            batch,
            OperatorSummary.builder()
                .setOperatorName("symmetricHashJoin")
                .setOperatorIndex(operatorIndex)
                .setRan(hasData)
                .setWatermarkMillis(wm)
                .setNumRowsTotal(sides.left.size() + sides.right.size())
                .setNumRowsUpdated(newLeft.size() + newRight.size())
                .setNumRowsRemoved(0)
                .setNumRowsDroppedByWatermark(dropped)
                .build()));
  }

  private int emit(long batch, Row left, Row right, EvalContext context, Output out) {
    List<Object> values = new ArrayList<>(leftWidth + rightWidth);
    for (int i = 0; i < leftWidth; i++) {
      values.add(left.getValue(i));
    }
    for (int i = leftWidth; i < leftWidth + rightWidth; i++) {
      values.add(right.getValue(i));
    }
    Row joined = Row.withSchema(schema).addValues(values).build();
    if (condition.test(joined, context)) {
      out.output(StreamElement.row(batch, joined));
      return 1;
    }
    return 0;
  }
}
