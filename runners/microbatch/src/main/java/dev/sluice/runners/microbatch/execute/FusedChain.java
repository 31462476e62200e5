package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.translate.StageSpec;
import dev.sluice.runners.microbatch.translate.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.core.InMemoryBundleFinalizer;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The fused steps of one stage for one partition: receivers wired straight into each other, and
 * into the input buffers of downstream stages at the chain's edges.
 *
 * <p>Built once per (stage, partition) and reused by every batch; each batch is one bundle.
 *
 * <pre>{@code
 * FusedChain chain = new FusedChain(context, stage, partition);
 * chain.startBundle();
 * chain.receiverFor(stage.head().output()).accept(element);
 * chain.finishBundle();
 * }</pre>
 */
public final class FusedChain {
  private final ExecutionContext context;
  private final int partition;
  private final Map<PCollection<?>, ElementReceiver> receivers = new HashMap<>();
  private final List<Operator> operators = new ArrayList<>();
  private final InMemoryBundleFinalizer finalizer = new InMemoryBundleFinalizer();

  /** Builds the chain of {@code stage} for {@code partition}, setting up every DoFn in it. */
  public FusedChain(ExecutionContext context, StageSpec stage, int partition) {
    this.context = context;
    this.partition = partition;
    try {
      for (PCollection<?> output : stage.head().outputs().values()) {
        receiverFor(output);
      }
    } catch (RuntimeException e) {
      teardown(e);
      throw e;
    }
  }

  /** The receiver of the elements of {@code pc}, one of the head's outputs or further down. */
  public ElementReceiver receiverFor(PCollection<?> pc) {
    ElementReceiver existing = receivers.get(pc);
    if (existing != null) {
      return existing;
    }
    List<ElementReceiver> targets = new ArrayList<>();
    for (Step consumer : context.plan().graph().consumers(pc)) {
      StageSpec boundary = context.plan().boundaryTarget(consumer);
      if (boundary != null) {
        ElementReceiver writer = context.runtime(boundary).inputBuffer().writer(partition);
        if (boundary.kind() == StageSpec.Kind.VIEW) {
          targets.add(value -> writer.accept(value.withValue(KV.of(null, value.getValue()))));
        } else {
          targets.add(writer);
        }
      }
      switch (consumer.kind()) {
        case PAR_DO:
          targets.add(parDo(consumer));
          break;
        case FLATTEN:
        case CREATE_VIEW:
          targets.add(receiverFor(consumer.output()));
          break;
        case WINDOW_ASSIGN:
          targets.add(new WindowAssignOperator(consumer, receiverFor(consumer.output())));
          break;
        default:
          break;
      }
    }
    ElementReceiver receiver = ElementReceiver.fanOut(targets);
    receivers.put(pc, receiver);
    return receiver;
  }

  /** The receivers of every output of {@code step}, by tag. */
  public Map<TupleTag<?>, ElementReceiver> receiversFor(Step step) {
    Map<TupleTag<?>, ElementReceiver> outputs = new LinkedHashMap<>();
    step.outputs().forEach((tag, pc) -> outputs.put(tag, receiverFor(pc)));
    return outputs;
  }

  private ElementReceiver parDo(Step step) {
    ParDoOperator operator = new ParDoOperator(context, step, receiversFor(step), finalizer);
    operators.add(operator);
    return operator;
  }

  /** Starts a bundle in every fused step. */
  public void startBundle() {
    for (int i = operators.size() - 1; i >= 0; i--) {
      operators.get(i).startBundle();
    }
  }

  /** Finishes the bundle, upstream steps first so their last outputs still flow down. */
  public void finishBundle() {
    for (int i = operators.size() - 1; i >= 0; i--) {
      operators.get(i).finishBundle();
    }
  }

  /** The finalizer that DoFns of this chain register bundle callbacks with. */
  public InMemoryBundleFinalizer finalizer() {
    return finalizer;
  }

  /** Runs the bundle callbacks registered since the last commit. */
  public void commit() throws Exception {
    BundleFinalization.run(finalizer);
  }

  /** Tears every step down, collecting failures into {@code collector}. */
  public void teardown(Throwable collector) {
    for (Operator operator : operators) {
      try {
        operator.teardown();
      } catch (RuntimeException e) {
        collector.addSuppressed(e);
      }
    }
  }
}
