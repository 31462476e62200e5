package dev.sluice.structured.internal.plan;

/**
 * {@code withWatermark(column, delay)}: tracks the largest event time of {@code column}; the
 * query's watermark is that minus {@code delayMillis} (the minimum over all watermark nodes).
 *
 * <pre>{@code
 * new Watermark(child, "ts", 10 * 60_000, "wm0");
 * }</pre>
 */
public final class Watermark extends Unary {
  private final String column;
  private final int columnIndex;
  private final long delayMillis;
  private final String id;

  public Watermark(LogicalPlan child, String column, int columnIndex, long delayMillis, String id) {
    super(child, child.schema());
    this.column = column;
    this.columnIndex = columnIndex;
    this.delayMillis = delayMillis;
    this.id = id;
  }

  public String column() {
    return column;
  }

  public int columnIndex() {
    return columnIndex;
  }

  public long delayMillis() {
    return delayMillis;
  }

  /** Unique within the query: names the node's event-time reports. */
  public String id() {
    return id;
  }

  @Override
  public String nodeName() {
    return "EventTimeWatermark";
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
