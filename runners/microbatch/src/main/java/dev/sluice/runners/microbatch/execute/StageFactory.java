package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.translate.CombineAccumulatorsPerKey;
import dev.sluice.runners.microbatch.translate.StageSpec;
import dev.sluice.runners.microbatch.translate.Step;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.beam.runners.core.SystemReduceFn;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.util.AppliedCombineFn;
import org.apache.beam.sdk.values.WindowingStrategy;

/**
 * Makes the runtime of each kind of stage.
 *
 * <pre>{@code
 * StageRuntime runtime = StageFactory.create(context, spec, scheduler);
 * }</pre>
 */
final class StageFactory {
  private StageFactory() {}

  /**
   * A keyed stage grouping or combining per key and window: {@code fastFn} on the {@link
   * EndOfWindowProcessor} when the windowing allows, else {@code reduceFn} on the {@code
   * ReduceFnRunner}.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static StageRuntime byWindow(
      ExecutionContext context,
      StageSpec spec,
      Combine.CombineFn<?, ?, ?> fastFn,
      SystemReduceFn<?, ?, ?, ?, ?> reduceFn) {
    Step head = spec.head();
    WindowingStrategy<?, ?> strategy = head.mainInput().getWindowingStrategy();
    return new KeyedStage(
        context,
        spec,
        (partition, chain) -> {
          ElementReceiver out = chain.receiverFor(head.output());
          StepScope scope = new StepScope(context, head.name());
          if (EndOfWindowProcessor.supports(strategy)) {
            return EndOfWindowProcessor.combining(scope, strategy, (Combine.CombineFn) fastFn, out);
          }
          return new GroupByKeyProcessor<>(
              scope, strategy, (SystemReduceFn) reduceFn, out::accept, context.options());
        },
        timer -> false,
        false);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static StageRuntime create(
      ExecutionContext context, StageSpec spec, ScheduledExecutorService scheduler) {
    Step head = spec.head();
    switch (head.kind()) {
      case IMPULSE:
        return new ImpulseSource(context, spec);
      case BOUNDED_READ:
        return new BoundedReadSource(context, spec);
      case UNBOUNDED_READ:
        return new UnboundedReadSource(context, spec);
      case TEST_STREAM:
        return new TestStreamSource(context, spec);
      case GROUP_BY_KEY:
        {
          Coder<?> valueCoder = ((KvCoder<?, ?>) head.mainInput().getCoder()).getValueCoder();
          return byWindow(
              context,
              spec,
              EndOfWindowProcessor.collecting(),
              SystemReduceFn.buffering((Coder) valueCoder));
        }
      case COMBINE_ACCUMULATORS:
        {
          CombineAccumulatorsPerKey<?, ?, ?> combine =
              (CombineAccumulatorsPerKey<?, ?, ?>) head.transform();
          Coder keyCoder = ((KvCoder<?, ?>) head.mainInput().getCoder()).getKeyCoder();
          return byWindow(
              context,
              spec,
              combine.mergingFn(),
              SystemReduceFn.combining(
                  keyCoder,
                  AppliedCombineFn.withAccumulatorCoder(
                      (Combine.CombineFn) combine.mergingFn(),
                      (Coder) combine.accumulatorCoder())));
        }
      case STATEFUL_PAR_DO:
        return new KeyedStage(
            context,
            spec,
            (partition, chain) -> new ParDoProcessor(context, head, chain, true),
            ParDoProcessor::holdsOutput,
            true);
      case SIDE_INPUT_PAR_DO:
        return new KeyedStage(
            context,
            spec,
            (partition, chain) -> new ParDoProcessor(context, head, chain, false),
            timer -> false,
            true);
      case PROCESS_ELEMENTS:
        return new KeyedStage(
            context,
            spec,
            (partition, chain) -> new SplittableProcessor(context, head, chain, scheduler),
            timer -> false,
            true);
      case CREATE_VIEW:
        return new KeyedStage(
            context,
            spec,
            (partition, chain) -> ViewProcessor.create(context, spec.view(), head.name()),
            timer -> false,
            false);
      default:
        throw new IllegalStateException("No stage runtime for " + head);
    }
  }
}
