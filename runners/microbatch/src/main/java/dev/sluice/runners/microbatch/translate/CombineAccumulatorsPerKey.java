package dev.sluice.runners.microbatch.translate;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The runner primitive behind combiner lifting: groups partial accumulators by key and window,
 * merging each into the window's accumulator as it arrives, and emits {@code extractOutput} when
 * the trigger fires. Windowing is that of a {@code GroupByKey}.
 *
 * <pre>{@code
 * accumulators.apply(new CombineAccumulatorsPerKey<>(Sum.ofLongs(), accumulatorCoder))
 *     .setCoder(KvCoder.of(keyCoder, VarLongCoder.of()));
 * }</pre>
 *
 * @param <K> key type
 * @param <AccumT> accumulator type
 * @param <OutputT> output type
 */
public final class CombineAccumulatorsPerKey<K, AccumT, OutputT>
    extends PTransform<PCollection<KV<K, AccumT>>, PCollection<KV<K, OutputT>>> {
  private final Combine.CombineFn<?, AccumT, OutputT> fn;
  private final Coder<AccumT> accumulatorCoder;

  CombineAccumulatorsPerKey(
      Combine.CombineFn<?, AccumT, OutputT> fn, Coder<AccumT> accumulatorCoder) {
    this.fn = fn;
    this.accumulatorCoder = accumulatorCoder;
  }

  /** The accumulators' coder. */
  public Coder<AccumT> accumulatorCoder() {
    return accumulatorCoder;
  }

  /**
   * A combine function whose inputs are accumulators of the original one: {@code addInput} merges
   * an arriving accumulator into the window's, {@code extractOutput} is the original's.
   */
  public Combine.CombineFn<AccumT, AccumT, OutputT> mergingFn() {
    return new MergingFn<>(fn);
  }

  @Override
  public PCollection<KV<K, OutputT>> expand(PCollection<KV<K, AccumT>> input) {
    return PCollection.createPrimitiveOutputInternal(
        input.getPipeline(),
        GroupByKey.<K, AccumT>create().updateWindowingStrategy(input.getWindowingStrategy()),
        input.isBounded(),
        null);
  }

  private static final class MergingFn<AccumT, OutputT>
      extends Combine.CombineFn<AccumT, AccumT, OutputT> {
    private final Combine.CombineFn<?, AccumT, OutputT> fn;

    MergingFn(Combine.CombineFn<?, AccumT, OutputT> fn) {
      this.fn = fn;
    }

    @Override
    public AccumT createAccumulator() {
      return fn.createAccumulator();
    }

    @Override
    public AccumT addInput(AccumT mutableAccumulator, AccumT input) {
      return fn.mergeAccumulators(List.of(mutableAccumulator, input));
    }

    @Override
    public AccumT mergeAccumulators(Iterable<AccumT> accumulators) {
      return fn.mergeAccumulators(accumulators);
    }

    @Override
    public OutputT extractOutput(AccumT accumulator) {
      return fn.extractOutput(accumulator);
    }
  }
}
