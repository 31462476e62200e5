package dev.sluice.runners.microbatch.translate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.runners.core.SplittableParDoViaKeyedWorkItems;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Cuts a {@link PipelineGraph} into {@link StageSpec stages} and orders them so that every stage
 * comes after the stages it reads from, including the views of its side inputs.
 *
 * <p>Fusion rule: a fusable step (stateless {@code ParDo}, {@code Flatten}, {@code Window.Assign},
 * view creation) joins the chain of every stage whose output reaches it through fusable steps only.
 * A step reachable from two stages (after a {@code Flatten}) is instantiated in both chains; the
 * watermark of its output is the minimum of both stages' output watermarks.
 *
 * <pre>{@code
 * StagePlan plan = StagePlan.of(PipelineGraph.of(pipeline));
 * for (StageSpec stage : plan.stages()) { ... } // topological order
 * }</pre>
 */
public final class StagePlan {
  private final PipelineGraph graph;
  private final List<StageSpec> stages;
  private final Map<Step, StageSpec> stageByHead;
  private final Map<PCollection<?>, Set<StageSpec>> producers;

  private StagePlan(
      PipelineGraph graph,
      List<StageSpec> stages,
      Map<Step, StageSpec> stageByHead,
      Map<PCollection<?>, Set<StageSpec>> producers) {
    this.graph = graph;
    this.stages = stages;
    this.stageByHead = stageByHead;
    this.producers = producers;
  }

  /** Plans the stages of {@code graph}. */
  @SuppressWarnings("deprecation")
  public static StagePlan of(PipelineGraph graph) {
    Map<Step, StageSpec> byHead = new LinkedHashMap<>();
    Map<PCollectionView<?>, StageSpec> byView = new HashMap<>();
    int id = 0;
    for (Step step : graph.steps()) {
      StageSpec stage = null;
      switch (step.kind()) {
        case IMPULSE:
        case BOUNDED_READ:
        case UNBOUNDED_READ:
        case TEST_STREAM:
          stage = new StageSpec(id++, StageSpec.Kind.SOURCE, step, null);
          break;
        case GROUP_BY_KEY:
        case COMBINE_ACCUMULATORS:
        case STATEFUL_PAR_DO:
          stage = new StageSpec(id++, StageSpec.Kind.KEYED, step, step.mainInput());
          break;
        case PROCESS_ELEMENTS:
          Step shuffle = graph.producer(step.mainInput());
          stage = new StageSpec(id++, StageSpec.Kind.KEYED, step, shuffle.mainInput());
          break;
        case SIDE_INPUT_PAR_DO:
          stage = new StageSpec(id++, StageSpec.Kind.UNKEYED, step, step.mainInput());
          break;
        case CREATE_VIEW:
          stage = new StageSpec(id++, StageSpec.Kind.VIEW, step, step.mainInput());
          byView.put(((View.CreatePCollectionView<?, ?>) step.transform()).getView(), stage);
          break;
        default:
          break;
      }
      if (stage != null) {
        byHead.put(step, stage);
      }
    }

    Map<PCollection<?>, Set<StageSpec>> producers = new HashMap<>();
    StagePlan plan = new StagePlan(graph, null, byHead, producers);
    for (StageSpec stage : byHead.values()) {
      if (stage.kind() == StageSpec.Kind.VIEW) {
        continue;
      }
      Set<Step> chain = new LinkedHashSet<>();
      Deque<PCollection<?>> pending = new ArrayDeque<>(stage.head().outputs().values());
      Set<PCollection<?>> seen = new LinkedHashSet<>();
      while (!pending.isEmpty()) {
        PCollection<?> pc = pending.pop();
        if (!seen.add(pc)) {
          continue;
        }
        producers.computeIfAbsent(pc, k -> new LinkedHashSet<>()).add(stage);
        for (Step consumer : graph.consumers(pc)) {
          StageSpec target = plan.boundaryTarget(consumer);
          if (target != null) {
            link(stage, target);
          }
          if (consumer.kind().isFusable()
              && consumer.kind() != StepKind.GBK_INTO_KEYED_WORK_ITEMS
              && chain.add(consumer)) {
            pending.addAll(consumer.outputs().values());
          }
        }
      }
      stage.chain.addAll(chain);
    }
    for (StageSpec stage : byHead.values()) {
      for (PCollectionView<?> view : sideInputsOf(stage.head())) {
        StageSpec viewStage = byView.get(view);
        if (viewStage == null) {
          throw new IllegalStateException(
              stage.head().name() + " reads side input " + view + " that no step materializes");
        }
        link(viewStage, stage);
      }
    }
    return new StagePlan(graph, topologicalOrder(byHead.values()), byHead, producers);
  }

  private static void link(StageSpec from, StageSpec to) {
    from.downstream.add(to);
    to.upstream.add(from);
  }

  /** The side inputs a step reads. */
  public static List<PCollectionView<?>> sideInputsOf(Step step) {
    if (step.transform() instanceof ParDo.MultiOutput) {
      return new ArrayList<>(((ParDo.MultiOutput<?, ?>) step.transform()).getSideInputs().values());
    }
    if (step.transform() instanceof SplittableParDoViaKeyedWorkItems.ProcessElements) {
      return ((SplittableParDoViaKeyedWorkItems.ProcessElements<?, ?, ?, ?, ?>) step.transform())
          .getSideInputs();
    }
    return List.of();
  }

  private static List<StageSpec> topologicalOrder(Iterable<StageSpec> all) {
    Map<StageSpec, Integer> remaining = new LinkedHashMap<>();
    for (StageSpec stage : all) {
      remaining.put(stage, stage.upstream.size());
    }
    List<StageSpec> order = new ArrayList<>();
    Deque<StageSpec> ready = new ArrayDeque<>();
    remaining.forEach(
        (stage, n) -> {
          if (n == 0) {
            ready.add(stage);
          }
        });
    while (!ready.isEmpty()) {
      StageSpec next = ready.poll();
      order.add(next);
      for (StageSpec down : next.downstream) {
        if (remaining.merge(down, -1, Integer::sum) == 0) {
          ready.add(down);
        }
      }
    }
    if (order.size() != remaining.size()) {
      throw new IllegalStateException("The pipeline's stages form a cycle: " + remaining.keySet());
    }
    return order;
  }

  /**
   * The stage that a boundary edge into {@code consumer} feeds, or null when {@code consumer} is
   * fused into its producer's chain.
   */
  public StageSpec boundaryTarget(Step consumer) {
    switch (consumer.kind()) {
      case GBK_INTO_KEYED_WORK_ITEMS:
        return stageByHead.get(graph.consumers(consumer.output()).get(0));
      case CREATE_VIEW:
      case GROUP_BY_KEY:
      case COMBINE_ACCUMULATORS:
      case STATEFUL_PAR_DO:
      case SIDE_INPUT_PAR_DO:
        return stageByHead.get(consumer);
      default:
        return null;
    }
  }

  /** Stages in topological order. */
  public List<StageSpec> stages() {
    return stages;
  }

  /** The graph the plan was made from. */
  public PipelineGraph graph() {
    return graph;
  }

  /** Stages whose chains produce {@code pc}; empty if nothing does (e.g. an empty Flatten). */
  public Set<StageSpec> producersOf(PCollection<?> pc) {
    return producers.getOrDefault(pc, Set.of());
  }
}
