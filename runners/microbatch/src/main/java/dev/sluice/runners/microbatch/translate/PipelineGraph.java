package dev.sluice.runners.microbatch.translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.core.SplittableParDoViaKeyedWorkItems;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.runners.AppliedPTransform;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Impulse;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.reflect.DoFnSignature;
import org.apache.beam.sdk.transforms.reflect.DoFnSignatures;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.util.construction.SplittableParDo;
import org.apache.beam.sdk.util.construction.TransformInputs;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The primitive steps of a rewritten pipeline, in topological order, and who consumes what.
 *
 * <pre>{@code
 * PipelineRewriter.rewrite(pipeline);
 * PipelineGraph graph = PipelineGraph.of(pipeline);
 * for (Step step : graph.steps()) { ... }
 * }</pre>
 *
 * <p>{@link #of} throws {@link UnsupportedOperationException} when a primitive is not supported,
 * naming the transform.
 */
public final class PipelineGraph {
  private final List<Step> steps;
  private final Map<PCollection<?>, Step> producers;
  private final Map<PCollection<?>, List<Step>> consumers;

  private PipelineGraph(
      List<Step> steps,
      Map<PCollection<?>, Step> producers,
      Map<PCollection<?>, List<Step>> consumers) {
    this.steps = steps;
    this.producers = producers;
    this.consumers = consumers;
  }

  /** Reads the graph of an already {@linkplain PipelineRewriter rewritten} pipeline. */
  public static PipelineGraph of(Pipeline pipeline) {
    List<Step> steps = new ArrayList<>();
    Map<PCollection<?>, Step> producers = new HashMap<>();
    Map<PCollection<?>, List<Step>> consumers = new HashMap<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            AppliedPTransform<?, ?, ?> applied = node.toAppliedPTransform(pipeline);
            StepKind kind = classify(node.getFullName(), applied.getTransform());
            List<PCollection<?>> inputs = new ArrayList<>();
            for (PValue input : TransformInputs.nonAdditionalInputs(applied)) {
              inputs.add((PCollection<?>) input);
            }
            Map<TupleTag<?>, PCollection<?>> outputs = new LinkedHashMap<>();
            node.getOutputs().forEach((tag, pc) -> outputs.put(tag, (PCollection<?>) pc));
            Step step = new Step(node.getFullName(), kind, applied, inputs, outputs);
            steps.add(step);
            for (PCollection<?> output : outputs.values()) {
              producers.put(output, step);
            }
            for (PCollection<?> input : inputs) {
              consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(step);
            }
          }
        });
    return new PipelineGraph(steps, producers, consumers);
  }

  static StepKind classify(String name, PTransform<?, ?> transform) {
    if (transform instanceof Impulse) {
      return StepKind.IMPULSE;
    } else if (transform instanceof SplittableParDo.PrimitiveBoundedRead
        || transform instanceof Read.Bounded) {
      return StepKind.BOUNDED_READ;
    } else if (transform instanceof SplittableParDo.PrimitiveUnboundedRead
        || transform instanceof Read.Unbounded) {
      return StepKind.UNBOUNDED_READ;
    } else if (transform instanceof TestStream) {
      return StepKind.TEST_STREAM;
    } else if (transform instanceof ParDo.MultiOutput) {
      ParDo.MultiOutput<?, ?> parDo = (ParDo.MultiOutput<?, ?>) transform;
      DoFn<?, ?> fn = parDo.getFn();
      DoFnSignature signature = DoFnSignatures.getSignature(fn.getClass());
      if (signature.processElement().isSplittable()) {
        throw new IllegalStateException(
            name + ": splittable ParDo should have been rewritten before execution");
      }
      if (signature.usesState()
          || signature.usesTimers()
          || signature.processElement().requiresTimeSortedInput()) {
        return StepKind.STATEFUL_PAR_DO;
      }
      return parDo.getSideInputs().isEmpty() ? StepKind.PAR_DO : StepKind.SIDE_INPUT_PAR_DO;
    } else if (transform instanceof GroupByKey) {
      return StepKind.GROUP_BY_KEY;
    } else if (transform instanceof CombineAccumulatorsPerKey) {
      return StepKind.COMBINE_ACCUMULATORS;
    } else if (transform instanceof Flatten.PCollections) {
      return StepKind.FLATTEN;
    } else if (transform instanceof Window.Assign) {
      return StepKind.WINDOW_ASSIGN;
    } else if (transform instanceof View.CreatePCollectionView) {
      return StepKind.CREATE_VIEW;
    } else if (transform instanceof SplittableParDoViaKeyedWorkItems.GBKIntoKeyedWorkItems) {
      return StepKind.GBK_INTO_KEYED_WORK_ITEMS;
    } else if (transform instanceof SplittableParDoViaKeyedWorkItems.ProcessElements) {
      return StepKind.PROCESS_ELEMENTS;
    }
    throw new UnsupportedOperationException(
        String.format(
            "MicroBatchRunner does not support the primitive transform '%s' (%s). Supported"
                + " primitives: Impulse, Read, TestStream, ParDo (with state, timers, side inputs"
                + " and splittable DoFns), GroupByKey, Flatten, Window.Assign and views. Express"
                + " the step with these, or run this pipeline on another Beam runner.",
            name, transform.getClass().getName()));
  }

  /** Every step, producers before consumers. */
  public List<Step> steps() {
    return steps;
  }

  /** The step producing {@code pc}. */
  public Step producer(PCollection<?> pc) {
    return producers.get(pc);
  }

  /** Steps consuming {@code pc} as a main input (a step appears once per time it consumes it). */
  public List<Step> consumers(PCollection<?> pc) {
    return consumers.getOrDefault(pc, List.of());
  }
}
