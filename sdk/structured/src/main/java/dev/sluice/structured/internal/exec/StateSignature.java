package dev.sluice.structured.internal.exec;

import dev.sluice.io.schema.SparkTypes;
import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.internal.plan.Aggregate;
import dev.sluice.structured.internal.plan.Deduplicate;
import dev.sluice.structured.internal.plan.Join;
import dev.sluice.structured.internal.plan.LogicalPlan;
import dev.sluice.structured.internal.plan.PlanVisitor;
import dev.sluice.structured.internal.plan.Source;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;

/**
 * What of a query its checkpoint depends on, so a restart can tell a compatible change of the query
 * from an incompatible one, as Spark's "recovery semantics after changes in a streaming query": the
 * number of sources, and each stateful operator (streaming aggregation, dropDuplicates,
 * stream-stream join) in plan order with the schema of what it keeps. Filters, projections, new
 * columns and other stateless changes do not appear, so they may change between runs; adding,
 * removing or changing a stateful operation may not.
 *
 * <p>Stored in the checkpoint's {@code plan} file as {@code v1}, {@code sources: N}, then one line
 * per operator.
 *
 * <pre>{@code
 * StateSignature now = StateSignature.of(plan);
 * now.checkCompatible(StateSignature.parse(storedLines), "/tmp/cp");   // throws if it changed
 * }</pre>
 *
 * @param sources how many sources the query reads
 * @param operators one description per stateful operator, in plan order
 */
public record StateSignature(int sources, List<String> operators) {
  /** The first line of the stored form. */
  static final String VERSION = "v1";

  public StateSignature {
    operators = List.copyOf(operators);
  }

  /** The signature of {@code plan}. */
  public static StateSignature of(LogicalPlan plan) {
    int[] sources = {0};
    List<String> operators = new ArrayList<>();
    plan.accept(
        new PlanVisitor.Partial<Void>() {
          @Override
          protected Void otherwise(LogicalPlan node) {
            node.children().forEach(c -> c.accept(this));
            return null;
          }

          @Override
          public Void visit(Source node) {
            sources[0]++;
            return null;
          }

          @Override
          public Void visit(Aggregate node) {
            otherwise(node);
            if (node.isStreaming()) {
              operators.add(
                  "Aggregate key: "
                      + SparkTypes.simpleString(node.aggregation().keySchema())
                      + ", state: "
                      + SparkTypes.simpleString(node.aggregation().accumulatorSchema()));
            }
            return null;
          }

          @Override
          public Void visit(Deduplicate node) {
            otherwise(node);
            if (node.isStreaming()) {
              Schema input = node.children().get(0).schema();
              List<Schema.Field> keys = new ArrayList<>();
              for (int i : node.keyIndexes()) {
                keys.add(input.getField(i));
              }
              operators.add(
                  "Deduplicate key: "
                      + SparkTypes.simpleString(Schema.builder().addFields(keys).build()));
            }
            return null;
          }

          @Override
          public Void visit(Join node) {
            otherwise(node);
            if (node.isStreamStream()) {
              operators.add(
                  "StreamingSymmetricHashJoin "
                      + node.type()
                      + " left: "
                      + SparkTypes.simpleString(node.left().schema())
                      + ", right: "
                      + SparkTypes.simpleString(node.right().schema()));
            }
            return null;
          }
        });
    return new StateSignature(sources[0], operators);
  }

  /** The stored form: version line, sources, operators. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(VERSION);
    lines.add("sources: " + sources);
    lines.addAll(operators);
    return lines;
  }

  /** The signature stored as {@code lines}, or null if they are not a signature of this version. */
  @Nullable
  public static StateSignature parse(List<String> lines) {
    if (lines.size() < 2
        || !lines.get(0).equals(VERSION)
        || !lines.get(1).startsWith("sources: ")) {
      return null;
    }
    try {
      int sources = Integer.parseInt(lines.get(1).substring("sources: ".length()).trim());
      return new StateSignature(sources, lines.subList(2, lines.size()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Checks that a query with this signature may restart from a checkpoint written by one with
   * {@code stored}.
   *
   * @throws AnalysisException naming what changed and what to do
   */
  public void checkCompatible(StateSignature stored, String location) {
    String reason = null;
    if (stored.sources != sources) {
      reason =
          "there are "
              + stored.sources
              + " sources in the checkpoint and now there are "
              + sources
              + " sources requested by the query";
    } else if (stored.operators.size() != operators.size()) {
      reason =
          "the checkpoint has "
              + stored.operators.size()
              + " stateful operators "
              + stored.operators
              + " and the query "
              + operators.size()
              + " "
              + operators
              + "; adding or removing an aggregation, dropDuplicates or stream-stream join is not"
              + " allowed across restarts";
    } else {
      for (int i = 0; i < operators.size() && reason == null; i++) {
        if (!stored.operators.get(i).equals(operators.get(i))) {
          reason =
              "the schema of stateful operator "
                  + i
                  + " is not compatible with its existing state (its keys or aggregates"
                  + " changed). Existing: "
                  + stored.operators.get(i)
                  + "; provided: "
                  + operators.get(i);
        }
      }
    }
    if (reason != null) {
      throw new AnalysisException(
          "The checkpoint location "
              + location
              + " was written by a different query: "
              + reason
              + ". Filters, projections and other stateless changes may change between restarts;"
              + " for this change, start the query with a new checkpoint location.");
    }
  }
}
