package dev.sluice.structured.internal.plan;

import dev.sluice.structured.internal.expr.Expression;
import dev.sluice.structured.internal.expr.Predicate;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.schemas.Schema;

/**
 * {@code join(other, condition, type)}. The output has the left columns then the right columns.
 *
 * <pre>{@code
 * new Join(left, right, predicate, condition, Join.Type.INNER, joinedSchema, leftKeys, rightKeys);
 * }</pre>
 */
public final class Join extends LogicalPlan {
  /** Join types, with Spark's spellings in {@link #parse(String)}. */
  public enum Type {
    INNER,
    LEFT_OUTER,
    RIGHT_OUTER,
    FULL_OUTER,
    LEFT_SEMI,
    LEFT_ANTI,
    CROSS;

    /** Spark's join type names: inner, left, leftouter, left_outer, right, full, semi, anti … */
    public static Type parse(String name) {
      String n = name.toLowerCase(Locale.ROOT).replace("_", "");
      switch (n) {
        case "inner":
          return INNER;
        case "cross":
          return CROSS;
        case "left":
        case "leftouter":
          return LEFT_OUTER;
        case "right":
        case "rightouter":
          return RIGHT_OUTER;
        case "outer":
        case "full":
        case "fullouter":
          return FULL_OUTER;
        case "semi":
        case "leftsemi":
          return LEFT_SEMI;
        case "anti":
        case "leftanti":
          return LEFT_ANTI;
        default:
          throw new IllegalArgumentException(
              "Unsupported join type '"
                  + name
                  + "'. Supported join types include: 'inner', 'outer', 'full', 'fullouter',"
                  + " 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right',"
                  + " 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti',"
                  + " 'anti', 'cross'.");
      }
    }
  }

  private final LogicalPlan left;
  private final LogicalPlan right;
  private final Predicate condition;
  private final Expression conditionExpression;
  private final Type type;
  private final List<Integer> leftKeys;
  private final List<Integer> rightKeys;
  private final Schema joinedSchema;

  /**
   * @param condition evaluated on the joined row ({@code joinedSchema}: left then right columns)
   * @param leftKeys left columns equated to {@code rightKeys} by the condition (may be empty)
   */
  public Join(
      LogicalPlan left,
      LogicalPlan right,
      Predicate condition,
      Expression conditionExpression,
      Type type,
      Schema joinedSchema,
      List<Integer> leftKeys,
      List<Integer> rightKeys) {
    super(type == Type.LEFT_SEMI || type == Type.LEFT_ANTI ? left.schema() : joinedSchema);
    this.joinedSchema = joinedSchema;
    this.left = left;
    this.right = right;
    this.condition = condition;
    this.conditionExpression = conditionExpression;
    this.type = type;
    this.leftKeys = List.copyOf(leftKeys);
    this.rightKeys = List.copyOf(rightKeys);
  }

  /** Left columns then right columns (all nullable): what the condition sees. */
  public Schema joinedSchema() {
    return joinedSchema;
  }

  public LogicalPlan left() {
    return left;
  }

  public LogicalPlan right() {
    return right;
  }

  public Predicate condition() {
    return condition;
  }

  /** The condition as written (for the time range of stream–stream joins). */
  public Expression conditionExpression() {
    return conditionExpression;
  }

  public Type type() {
    return type;
  }

  public List<Integer> leftKeys() {
    return leftKeys;
  }

  public List<Integer> rightKeys() {
    return rightKeys;
  }

  /** True if both inputs are streams. */
  public boolean isStreamStream() {
    return left.isStreaming() && right.isStreaming();
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public String nodeName() {
    return "Join " + type;
  }

  @Override
  public <R> R accept(PlanVisitor<R> visitor) {
    return visitor.visit(this);
  }
}
