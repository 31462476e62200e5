package dev.sluice.structured.internal.plan;

import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.OutputMode;
import dev.sluice.structured.internal.exec.QueryCompiler;
import dev.sluice.structured.internal.state.JoinTimeBounds;

/**
 * The checks Spark makes when a streaming query starts (its {@code UnsupportedOperationChecker}),
 * with Spark's messages, adapted to what Sluice runs. {@code plan} is the query below any final
 * sort/limit, which the sink applies.
 *
 * <pre>{@code
 * Validation.check(plan, OutputMode.APPEND, hasSort, hasLimit);   // throws AnalysisException
 * }</pre>
 */
public final class Validation {
  /** Spark's refusal of window functions ({@code over}) on streams. */
  public static final String NON_TIME_WINDOWS =
      "Non-time-based windows are not supported on streaming DataFrames/Datasets; window"
          + " functions (row_number, rank, lag, lead, aggregates over(..)) need a static frame:"
          + " use them inside foreachBatch, or group by window(..) of an event time instead";

  private Validation() {}

  public static void check(LogicalPlan plan, OutputMode mode, boolean sorted, boolean limited) {
    int aggregations = plan.streamingAggregations();
    if (aggregations > 1 && mode != OutputMode.COMPLETE) {
      throw new AnalysisException(
          "Multiple streaming aggregations are not supported with streaming DataFrames/Datasets"
              + " in "
              + mode.sparkName()
              + " output mode; Sluice supports them in Complete output mode, where each later"
              + " aggregation is recomputed over the earlier one's whole result every batch");
    }
    if (mode == OutputMode.COMPLETE && aggregations == 0) {
      throw new AnalysisException(
          "Complete output mode not supported when there are no streaming aggregations on"
              + " streaming DataFrames/Datasets;");
    }
    checkNodes(plan, mode);
    if (sorted && !(aggregations > 0 && mode == OutputMode.COMPLETE)) {
      throw new AnalysisException(
          "Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated"
              + " DataFrame/Dataset in Complete output mode;");
    }
    if (limited && mode == OutputMode.UPDATE) {
      throw new AnalysisException(
          "Limits are not supported on streaming DataFrames/Datasets in Update output mode;");
    }
  }

  private static void requireBound(Long bound, String join, String kept, String other) {
    if (bound == null) {
      throw new AnalysisException(
          "Stream-stream "
              + join
              + " join between two streaming DataFrame/Datasets is not supported without a"
              + " watermark on both sides' event-time columns and a condition bounding how much"
              + " later the "
              + other
              + " side's time can be than the "
              + kept
              + " side's (e.g. rightTime <= leftTime + interval 1 hour): without it the "
              + kept
              + " side's unmatched rows could never be emitted");
    }
  }

  private static void checkNodes(LogicalPlan node, OutputMode mode) {
    if (!node.isStreaming()) {
      return;
    }
    node.accept(new NodeChecks(mode));
    for (LogicalPlan child : node.children()) {
      checkNodes(child, mode);
    }
  }

  /** Spark's checks of single streaming nodes; kinds without checks pass. */
  private static final class NodeChecks extends PlanVisitor.Partial<Void> {
    private final OutputMode mode;

    NodeChecks(OutputMode mode) {
      this.mode = mode;
    }

    @Override
    protected Void otherwise(LogicalPlan node) {
      return null;
    }

    @Override
    public Void visit(Sort node) {
      throw new AnalysisException(
          "Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated"
              + " DataFrame/Dataset in Complete output mode (and as the query's last operation);");
    }

    @Override
    public Void visit(Windowed node) {
      throw new AnalysisException(NON_TIME_WINDOWS);
    }

    @Override
    public Void visit(Limit node) {
      throw new AnalysisException(
          "A limit on a streaming DataFrame must be the query's last operation;");
    }

    @Override
    public Void visit(Aggregate node) {
      if (mode == OutputMode.APPEND && node.eventTimeKeyIndex() == null) {
        throw new AnalysisException(
            "Append output mode not supported when there are streaming aggregations on streaming"
                + " DataFrames/DataSets without watermark; group by a window of a column with"
                + " withWatermark(..), or use the update or complete output mode");
      }
      return null;
    }

    @Override
    public Void visit(Join j) {
      if (j.isStreamStream()) {
        if (mode != OutputMode.APPEND) {
          throw new AnalysisException(
              "Join between two streaming DataFrames/Datasets is not supported in "
                  + mode.sparkName()
                  + " output mode, only in Append output mode;");
        }
        JoinTimeBounds bounds = QueryCompiler.joinBounds(j);
        switch (j.type()) {
          case INNER:
          case LEFT_SEMI:
            break;
          case LEFT_OUTER:
            requireBound(bounds.upper(), "LeftOuter", "left", "right");
            break;
          case RIGHT_OUTER:
            requireBound(bounds.lower(), "RightOuter", "right", "left");
            break;
          case FULL_OUTER:
            requireBound(bounds.upper(), "FullOuter", "left", "right");
            requireBound(bounds.lower(), "FullOuter", "right", "left");
            break;
          default:
            throw new AnalysisException(
                j.type().name().toLowerCase(java.util.Locale.ROOT)
                    + " joins between two streaming DataFrames/Datasets are not supported");
        }
      } else {
        boolean streamLeft = j.left().isStreaming();
        boolean ok;
        switch (j.type()) {
          case INNER:
          case CROSS:
            ok = true;
            break;
          case LEFT_OUTER:
          case LEFT_SEMI:
          case LEFT_ANTI:
            ok = streamLeft;
            break;
          case RIGHT_OUTER:
            ok = !streamLeft;
            break;
          default:
            ok = false;
        }
        if (!ok) {
          throw new AnalysisException(
              j.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                  + " join with a streaming DataFrame/Dataset on the "
                  + (streamLeft ? "left" : "right")
                  + " and a static DataFrame/Dataset on the "
                  + (streamLeft ? "right" : "left")
                  + " is not supported;");
        }
      }
      return null;
    }
  }
}
