package dev.sluice.structured.internal.expr;

import dev.sluice.structured.AnalysisException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A window specification (Spark's {@code WindowSpec}): partitioning expressions, ordering
 * expressions and the frame, {@code ROWS} or {@code RANGE} between two bounds relative to the
 * current row. Bounds are offsets; {@link #UNBOUNDED_PRECEDING} and {@link #UNBOUNDED_FOLLOWING}
 * are the partition's ends and 0 is the current row. Immutable.
 *
 * <pre>{@code
 * WindowDefinition w = WindowDefinition.EMPTY
 *     .partitionBy(List.of(new Attribute(List.of("user_id"))))
 *     .orderBy(List.of(new Attribute(List.of("ts"))))
 *     .rowsBetween(WindowDefinition.UNBOUNDED_PRECEDING, 0);
 * w.sql();   // "PARTITION BY user_id ORDER BY ts ASC NULLS FIRST ROWS BETWEEN UNBOUNDED ..."
 * }</pre>
 */
public final class WindowDefinition implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Spark's {@code Window.unboundedPreceding}. */
  public static final long UNBOUNDED_PRECEDING = Long.MIN_VALUE;

  /** Spark's {@code Window.unboundedFollowing}. */
  public static final long UNBOUNDED_FOLLOWING = Long.MAX_VALUE;

  /** No partitioning, no ordering, the default frame. */
  public static final WindowDefinition EMPTY =
      new WindowDefinition(List.of(), List.of(), null, 0, 0);

  /** The kind of frame. */
  public enum FrameType {
    ROWS,
    RANGE
  }

  private final List<Expression> partition;
  private final List<Expression> order;
  private final FrameType frame; // null: the default frame
  private final long lower;
  private final long upper;

  private WindowDefinition(
      List<Expression> partition, List<Expression> order, FrameType frame, long lower, long upper) {
    this.partition = List.copyOf(partition);
    this.order = List.copyOf(order);
    this.frame = frame;
    this.lower = lower;
    this.upper = upper;
  }

  /** This window partitioned by {@code columns} instead. */
  public WindowDefinition partitionBy(List<Expression> columns) {
    return new WindowDefinition(columns, order, frame, lower, upper);
  }

  /** This window ordered by {@code columns} (sort orders or plain, ascending) instead. */
  public WindowDefinition orderBy(List<Expression> columns) {
    return new WindowDefinition(partition, columns, frame, lower, upper);
  }

  /**
   * This window with the frame {@code ROWS BETWEEN start AND end} (row offsets).
   *
   * @throws AnalysisException if {@code end} comes before {@code start}
   */
  public WindowDefinition rowsBetween(long start, long end) {
    return withFrame(FrameType.ROWS, start, end);
  }

  /**
   * This window with the frame {@code RANGE BETWEEN start AND end} (offsets of the ordering value).
   *
   * @throws AnalysisException if {@code end} comes before {@code start}
   */
  public WindowDefinition rangeBetween(long start, long end) {
    return withFrame(FrameType.RANGE, start, end);
  }

  private WindowDefinition withFrame(FrameType type, long start, long end) {
    if (start == UNBOUNDED_FOLLOWING) {
      throw new AnalysisException(
          "A window frame cannot start at unboundedFollowing; use e.g. rowsBetween(currentRow(),"
              + " unboundedFollowing())");
    }
    if (end == UNBOUNDED_PRECEDING) {
      throw new AnalysisException(
          "A window frame cannot end at unboundedPreceding; use e.g."
              + " rowsBetween(unboundedPreceding(), currentRow())");
    }
    if (start > end) {
      throw new AnalysisException(
          "The lower bound of a window frame must be less than or equal to the upper bound: "
              + type
              + " BETWEEN "
              + bound(start)
              + " AND "
              + bound(end));
    }
    return new WindowDefinition(partition, order, type, start, end);
  }

  public List<Expression> partition() {
    return partition;
  }

  public List<Expression> order() {
    return order;
  }

  /** True if a frame was given ({@code rowsBetween}/{@code rangeBetween}). */
  public boolean hasFrame() {
    return frame != null;
  }

  /**
   * The frame in force: the given one, or Spark's default — {@code RANGE BETWEEN UNBOUNDED
   * PRECEDING AND CURRENT ROW} with an ordering, {@code ROWS BETWEEN UNBOUNDED PRECEDING AND
   * UNBOUNDED FOLLOWING} without.
   */
  public FrameType frameType() {
    if (frame != null) {
      return frame;
    }
    return order.isEmpty() ? FrameType.ROWS : FrameType.RANGE;
  }

  public long lower() {
    return frame != null ? lower : UNBOUNDED_PRECEDING;
  }

  public long upper() {
    if (frame != null) {
      return upper;
    }
    return order.isEmpty() ? UNBOUNDED_FOLLOWING : 0;
  }

  /** A copy with other expressions, in the order of {@link #expressions()}. */
  WindowDefinition withExpressions(List<Expression> all) {
    int p = partition.size();
    return new WindowDefinition(
        all.subList(0, p), all.subList(p, p + order.size()), frame, lower, upper);
  }

  /** The partitioning then the ordering expressions. */
  List<Expression> expressions() {
    List<Expression> all = new ArrayList<>(partition);
    all.addAll(order);
    return all;
  }

  private static String bound(long b) {
    if (b == UNBOUNDED_PRECEDING) {
      return "UNBOUNDED PRECEDING";
    }
    if (b == UNBOUNDED_FOLLOWING) {
      return "UNBOUNDED FOLLOWING";
    }
    if (b == 0) {
      return "CURRENT ROW";
    }
    return b < 0 ? -b + " PRECEDING" : b + " FOLLOWING";
  }

  /** Spark's text of the specification, as it appears in a window column's name. */
  public String sql() {
    return sql(frameSql(frameType(), lower(), upper()));
  }

  /** The frame as Spark writes it: {@code ROWS BETWEEN 2 PRECEDING AND CURRENT ROW}. */
  static String frameSql(FrameType type, long lower, long upper) {
    return (type == FrameType.ROWS ? "ROWS" : "RANGE")
        + " BETWEEN "
        + bound(lower)
        + " AND "
        + bound(upper);
  }

  /** The specification's text with another frame text. */
  String sql(String frameText) {
    List<String> parts = new ArrayList<>();
    if (!partition.isEmpty()) {
      parts.add(
          "PARTITION BY "
              + partition.stream().map(Expression::sql).collect(Collectors.joining(", ")));
    }
    if (!order.isEmpty()) {
      parts.add(
          "ORDER BY "
              + order.stream()
                  .map(e -> e instanceof SortOrder ? e.sql() : e.sql() + " ASC NULLS FIRST")
                  .collect(Collectors.joining(", ")));
    }
    parts.add(frameText);
    return String.join(" ", parts);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WindowDefinition)) {
      return false;
    }
    WindowDefinition w = (WindowDefinition) o;
    return w.partition.equals(partition)
        && w.order.equals(order)
        && w.frameType() == frameType()
        && w.lower() == lower()
        && w.upper() == upper();
  }

  @Override
  public int hashCode() {
    return Objects.hash(partition, order, frameType(), lower(), upper());
  }

  @Override
  public String toString() {
    return sql();
  }
}
