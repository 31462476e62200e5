package dev.sluice.runners.microbatch.translate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.runners.AppliedPTransform;
import org.apache.beam.sdk.runners.PTransformOverride;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.CombineFnBase.GlobalCombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.util.construction.PTransformReplacements;
import org.apache.beam.sdk.util.construction.SingleInputOutputOverrideFactory;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * {@code Combine.perKey} with combiner lifting: each bundle folds its input into one accumulator
 * per key and window before the shuffle, so the shuffle moves accumulators instead of every
 * element; after it, {@link CombineAccumulatorsPerKey} merges them per key and window as they
 * arrive and extracts the output when the window fires.
 *
 * <p>Applies when the combine function is a plain {@link Combine.CombineFn}, windows do not merge
 * and the trigger is the default one (an element-count trigger would count accumulators, not
 * elements). Everything else keeps Beam's expansion.
 *
 * <pre>{@code
 * pipeline.replaceAll(List.of(LiftedCombinePerKey.override()));
 * // Count.perKey(), Sum.longsPerKey(), Mean.perKey() ... now pre-combine before the shuffle
 * }</pre>
 *
 * @param <K> key type
 * @param <InputT> input value type
 * @param <AccumT> accumulator type
 * @param <OutputT> output value type
 */
final class LiftedCombinePerKey<K, InputT, AccumT, OutputT>
    extends PTransform<PCollection<KV<K, InputT>>, PCollection<KV<K, OutputT>>> {
  /** Accumulators one bundle keeps before it flushes early. */
  static final int MAX_BUFFERED_ACCUMULATORS = 100_000;

  private final Combine.CombineFn<InputT, AccumT, OutputT> fn;
  private final Coder<AccumT> accumulatorCoder;
  private final Coder<KV<K, OutputT>> outputCoder;

  private LiftedCombinePerKey(
      Combine.CombineFn<InputT, AccumT, OutputT> fn,
      Coder<AccumT> accumulatorCoder,
      Coder<KV<K, OutputT>> outputCoder) {
    this.fn = fn;
    this.accumulatorCoder = accumulatorCoder;
    this.outputCoder = outputCoder;
  }

  /** The override lifting every applicable {@code Combine.PerKey}. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static PTransformOverride override() {
    return PTransformOverride.of(application -> liftable(application) != null, new Factory());
  }

  /** The accumulator coder if {@code application} can be lifted, else null. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static @Nullable Coder<?> liftable(AppliedPTransform<?, ?, ?> application) {
    if (!(application.getTransform() instanceof Combine.PerKey)) {
      return null;
    }
    GlobalCombineFn<?, ?, ?> fn = ((Combine.PerKey<?, ?, ?>) application.getTransform()).getFn();
    if (!(fn instanceof Combine.CombineFn) || application.getMainInputs().size() != 1) {
      return null;
    }
    PCollection<?> input = application.getMainInputs().values().iterator().next();
    WindowingStrategy<?, ?> strategy = input.getWindowingStrategy();
    if (strategy.needsMerge()
        || !(strategy.getTrigger() instanceof DefaultTrigger)
        || !(input.getCoder() instanceof KvCoder)) {
      return null;
    }
    try {
      return ((Combine.CombineFn) fn)
          .getAccumulatorCoder(
              input.getPipeline().getCoderRegistry(),
              ((KvCoder<?, ?>) input.getCoder()).getValueCoder());
    } catch (CannotProvideCoderException e) {
      return null;
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class Factory
      extends SingleInputOutputOverrideFactory<
          PCollection<KV<Object, Object>>,
          PCollection<KV<Object, Object>>,
          PTransform<PCollection<KV<Object, Object>>, PCollection<KV<Object, Object>>>> {
    @Override
    public PTransformReplacement getReplacementTransform(AppliedPTransform transform) {
      Coder accumulatorCoder = liftable(transform);
      PCollection output = (PCollection) transform.getOutputs().values().iterator().next();
      return PTransformReplacement.of(
          PTransformReplacements.getSingletonMainInput(transform),
          new LiftedCombinePerKey(
              (Combine.CombineFn) ((Combine.PerKey) transform.getTransform()).getFn(),
              accumulatorCoder,
              output.getCoder()));
    }
  }

  @Override
  public PCollection<KV<K, OutputT>> expand(PCollection<KV<K, InputT>> input) {
    KvCoder<K, InputT> inputCoder = (KvCoder<K, InputT>) input.getCoder();
    TimestampCombiner timestamps = input.getWindowingStrategy().getTimestampCombiner();
    return input
        .apply(
            "PartialCombine",
            ParDo.of(new PartialCombineFn<>(fn, inputCoder.getKeyCoder(), timestamps)))
        .setCoder(KvCoder.of(inputCoder.getKeyCoder(), accumulatorCoder))
        .apply(
            "CombineAccumulators",
            new CombineAccumulatorsPerKey<K, AccumT, OutputT>(fn, accumulatorCoder))
        .setCoder(outputCoder);
  }

  /** Folds a bundle's values into one accumulator per key and window. */
  private static final class PartialCombineFn<K, InputT, AccumT>
      extends DoFn<KV<K, InputT>, KV<K, AccumT>> {
    private final Combine.CombineFn<InputT, AccumT, ?> fn;
    private final Coder<K> keyCoder;
    private final TimestampCombiner timestamps;
    private transient Map<WindowedKey, Partial<K, AccumT>> partials;

    PartialCombineFn(
        Combine.CombineFn<InputT, AccumT, ?> fn, Coder<K> keyCoder, TimestampCombiner timestamps) {
      this.fn = fn;
      this.keyCoder = keyCoder;
      this.timestamps = timestamps;
    }

    @StartBundle
    public void startBundle() {
      partials = new HashMap<>();
    }

    @ProcessElement
    public void process(ProcessContext c, BoundedWindow window) {
      K key = c.element().getKey();
      WindowedKey id =
          new WindowedKey(key == null ? WindowedKey.NULL : keyCoder.structuralValue(key), window);
      Partial<K, AccumT> partial = partials.get(id);
      Instant timestamp = timestamps.assign(window, c.timestamp());
      if (partial == null) {
        partial = new Partial<>(key, window, fn.createAccumulator(), timestamp);
        partials.put(id, partial);
      } else {
        partial.timestamp = timestamps.combine(List.of(partial.timestamp, timestamp));
      }
      partial.accumulator = fn.addInput(partial.accumulator, c.element().getValue());
      if (partials.size() >= MAX_BUFFERED_ACCUMULATORS) {
        for (Partial<K, AccumT> p : partials.values()) {
          c.outputWindowedValue(
              KV.of(p.key, fn.compact(p.accumulator)),
              p.timestamp,
              List.of(p.window),
              PaneInfo.NO_FIRING);
        }
        partials.clear();
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      for (Partial<K, AccumT> p : partials.values()) {
        c.output(KV.of(p.key, fn.compact(p.accumulator)), p.timestamp, p.window);
      }
      partials = null;
    }
  }

  private static final class Partial<K, AccumT> {
    final K key;
    final BoundedWindow window;
    AccumT accumulator;
    Instant timestamp;

    Partial(K key, BoundedWindow window, AccumT accumulator, Instant timestamp) {
      this.key = key;
      this.window = window;
      this.accumulator = accumulator;
      this.timestamp = timestamp;
    }
  }

  private static final class WindowedKey {
    static final Object NULL = new Object();
    private final Object key;
    private final BoundedWindow window;
    private final int hash;

    WindowedKey(Object key, BoundedWindow window) {
      this.key = key;
      this.window = window;
      this.hash = Objects.hash(key, window);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof WindowedKey)) {
        return false;
      }
      WindowedKey that = (WindowedKey) o;
      return key.equals(that.key) && window.equals(that.window);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
