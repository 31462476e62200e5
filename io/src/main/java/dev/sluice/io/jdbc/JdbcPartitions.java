package dev.sluice.io.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongFunction;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's partitioning of a JDBC read by a column ({@code partitionColumn}, {@code lowerBound},
 * {@code upperBound}, {@code numPartitions}): the range is cut into {@code numPartitions} strides
 * of {@code upperBound / n - lowerBound / n}; the first partition also takes values below {@code
 * lowerBound} and nulls, the last everything from its start up. The bounds only decide the stride:
 * no row is filtered out.
 *
 * <pre>{@code
 * JdbcPartitions.whereClauses("\"id\"", 0, 100, 4, Long::toString);
 * // ["\"id\" < 25 or \"id\" is null", "\"id\" >= 25 AND \"id\" < 50",
 * //  "\"id\" >= 50 AND \"id\" < 75", "\"id\" >= 75"]
 * }</pre>
 */
public final class JdbcPartitions {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcPartitions.class);

  private JdbcPartitions() {}

  /**
   * The {@code WHERE} clause of each partition; a single null (no clause) when {@code numPartitions
   * <= 1} or the bounds are equal.
   *
   * @param column the quoted column name
   * @param literal writes a bound as a SQL literal (numbers as they are, dates and timestamps
   *     quoted)
   * @throws IllegalArgumentException if {@code lowerBound > upperBound}
   */
  public static List<String> whereClauses(
      String column,
      long lowerBound,
      long upperBound,
      int numPartitions,
      LongFunction<String> literal) {
    if (numPartitions <= 1 || lowerBound == upperBound) {
      return Collections.singletonList(null);
    }
    if (lowerBound > upperBound) {
      throw new IllegalArgumentException(
          "Operation not allowed: the lower bound of partitioning column is larger than the upper"
              + " bound. Lower bound: "
              + literal.apply(lowerBound)
              + "; Upper bound: "
              + literal.apply(upperBound));
    }
    long width = upperBound - lowerBound;
    int n = numPartitions;
    if (width >= 0 && width < numPartitions) {
      LOG.warn(
          "The number of partitions is reduced because the specified number of partitions is less"
              + " than the difference between upper bound and lower bound. Updated number of"
              + " partitions: {}; Input number of partitions: {}; Lower bound: {}; Upper bound: {}.",
          width,
          numPartitions,
          lowerBound,
          upperBound);
      n = (int) width;
    }
    long stride = upperBound / n - lowerBound / n;
    List<String> clauses = new ArrayList<>(n);
    long current = lowerBound;
    for (int i = 0; i < n; i++) {
      @Nullable String lower = i != 0 ? column + " >= " + literal.apply(current) : null;
      current += stride;
      @Nullable String upper = i != n - 1 ? column + " < " + literal.apply(current) : null;
      String clause;
      if (upper == null) {
        clause = lower;
      } else if (lower == null) {
        clause = upper + " or " + column + " is null";
      } else {
        clause = lower + " AND " + upper;
      }
      clauses.add(clause);
    }
    return clauses;
  }
}
