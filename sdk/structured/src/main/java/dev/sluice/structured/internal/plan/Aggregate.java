package dev.sluice.structured.internal.plan;

import dev.sluice.structured.internal.expr.Aggregation;
import javax.annotation.Nullable;

/**
 * {@code groupBy(..).agg(..)}. On a stream it keeps one accumulator per group across batches; if a
 * grouping column is (a window over) a column with a watermark, groups whose event time is at or
 * below the watermark are final: late rows for them are dropped, and they are evicted (append mode
 * emits them then).
 *
 * <pre>{@code
 * new Aggregate(child, Aggregation.of(child.schema(), keys, aggs), 0);
 * }</pre>
 */
public final class Aggregate extends Unary {
  private final Aggregation aggregation;
  @Nullable private final Integer eventTimeKeyIndex;

  /**
   * @param eventTimeKeyIndex the grouping column that carries a watermark, or null if none does
   */
  public Aggregate(
      LogicalPlan child, Aggregation aggregation, @Nullable Integer eventTimeKeyIndex) {
    super(child, aggregation.outputSchema());
    this.aggregation = aggregation;
    this.eventTimeKeyIndex = eventTimeKeyIndex;
  }

  /**
   * {@code aggregation} over {@code child}; a grouping key that is the watermarked event-time
   * column of {@code child} becomes the event-time key (state of windows the watermark passed is
   * evicted).
   */
  public static Aggregate over(LogicalPlan child, Aggregation aggregation) {
    Integer eventTimeKey = null;
    Integer watermarked = Plans.watermarkColumn(child);
    if (watermarked != null) {
      eventTimeKey = aggregation.eventTimeKeyIndex(child.schema().getField(watermarked).getName());
    }
    return new Aggregate(child, aggregation, eventTimeKey);
  }

  public Aggregation aggregation() {
    return aggregation;
  }

  /** The grouping column that carries a watermark, or null. */
  @Nullable
  public Integer eventTimeKeyIndex() {
    return eventTimeKeyIndex;
  }

  @Override
  public String nodeName() {
    return "Aggregate";
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
