package dev.sluice.runners.microbatch.translate;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.runners.AppliedPTransform;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * One primitive transform of the rewritten pipeline, with its main inputs and its outputs.
 *
 * <pre>{@code
 * Step step = graph.producer(pcollection);
 * step.name();   // "Count/Combine.perKey(Count)/GroupByKey"
 * step.kind();   // StepKind.GROUP_BY_KEY
 * }</pre>
 */
public final class Step {
  private final String name;
  private final StepKind kind;
  private final AppliedPTransform<?, ?, ?> applied;
  private final List<PCollection<?>> inputs;
  private final Map<TupleTag<?>, PCollection<?>> outputs;

  Step(
      String name,
      StepKind kind,
      AppliedPTransform<?, ?, ?> applied,
      List<PCollection<?>> inputs,
      Map<TupleTag<?>, PCollection<?>> outputs) {
    this.name = name;
    this.kind = kind;
    this.applied = applied;
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /** The transform's full name, as metrics and error messages show it. */
  public String name() {
    return name;
  }

  /** What the runner does with it. */
  public StepKind kind() {
    return kind;
  }

  /** The transform as applied in the pipeline. */
  public AppliedPTransform<?, ?, ?> applied() {
    return applied;
  }

  /** The transform itself. */
  public PTransform<?, ?> transform() {
    return applied.getTransform();
  }

  /** Main inputs (side inputs excluded), in order. Empty for roots. */
  public List<PCollection<?>> inputs() {
    return inputs;
  }

  /** The single main input; fails for roots and flattens. */
  public PCollection<?> mainInput() {
    if (inputs.size() != 1) {
      throw new IllegalStateException(name + " has " + inputs.size() + " main inputs");
    }
    return inputs.get(0);
  }

  /** Outputs by tag. */
  public Map<TupleTag<?>, PCollection<?>> outputs() {
    return outputs;
  }

  /** The single output; fails when there are several. */
  public PCollection<?> output() {
    if (outputs.size() != 1) {
      throw new IllegalStateException(name + " has " + outputs.size() + " outputs");
    }
    return outputs.values().iterator().next();
  }

  @Override
  public String toString() {
    return name + " [" + kind + "]";
  }
}
