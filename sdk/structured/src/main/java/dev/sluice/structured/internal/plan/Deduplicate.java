package dev.sluice.structured.internal.plan;

import java.util.List;
import javax.annotation.Nullable;

/**
 * {@code dropDuplicates(cols)}: the first row of each distinct combination of {@code keyIndexes} is
 * kept. With a watermark on one of the key columns, rows at or below the watermark are dropped as
 * late and keys at or below it are forgotten.
 *
 * <pre>{@code
 * new Deduplicate(child, List.of(0, 2), 2);
 * }</pre>
 */
public final class Deduplicate extends Unary {
  private final List<Integer> keyIndexes;
  @Nullable private final Integer eventTimeIndex;

  public Deduplicate(
      LogicalPlan child, List<Integer> keyIndexes, @Nullable Integer eventTimeIndex) {
    super(child, child.schema());
    this.keyIndexes = List.copyOf(keyIndexes);
    this.eventTimeIndex = eventTimeIndex;
  }

  public List<Integer> keyIndexes() {
    return keyIndexes;
  }

  /** The key column carrying a watermark, or null. */
  @Nullable
  public Integer eventTimeIndex() {
    return eventTimeIndex;
  }

  @Override
  public String nodeName() {
    return "Deduplicate";
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
