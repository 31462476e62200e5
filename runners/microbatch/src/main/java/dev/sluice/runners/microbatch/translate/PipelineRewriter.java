package dev.sluice.runners.microbatch.translate;

import java.util.List;
import org.apache.beam.runners.core.SplittableParDoViaKeyedWorkItems;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.PTransformOverride;
import org.apache.beam.sdk.util.construction.PTransformMatchers;
import org.apache.beam.sdk.util.construction.SplittableParDo;

/**
 * Rewrites a pipeline into the primitives the runner executes.
 *
 * <ol>
 *   <li>{@code Read.Bounded} / {@code Read.Unbounded} become primitive reads, which the runner
 *       reads slice by slice, reusing readers across batches.
 *   <li>Splittable {@code ParDo}s become a keyed shuffle followed by {@code ProcessElements}, which
 *       checkpoints residual restrictions as timers of a keyed stage.
 *   <li>{@code Combine.perKey} with a plain {@code CombineFn}, non-merging windows and the default
 *       trigger is lifted: a partial combine per bundle before the shuffle, a merge of accumulators
 *       after it ({@link LiftedCombinePerKey}).
 *   <li>{@code GroupIntoBatches.withShardedKey()} keeps one shard per key: in one JVM a key is
 *       already owned by one partition, and more shards would only split batches.
 * </ol>
 *
 * <pre>{@code
 * PipelineRewriter.rewrite(pipeline);
 * PipelineGraph graph = PipelineGraph.of(pipeline);
 * }</pre>
 */
public final class PipelineRewriter {
  private PipelineRewriter() {}

  /** Rewrites {@code pipeline} in place. */
  @SuppressWarnings("rawtypes")
  public static void rewrite(Pipeline pipeline) {
    SplittableParDo.convertReadBasedSplittableDoFnsToPrimitiveReads(pipeline);
    pipeline.replaceAll(
        List.of(
            PTransformOverride.of(
                PTransformMatchers.splittableParDo(), new SplittableParDo.OverrideFactory()),
            PTransformOverride.of(
                PTransformMatchers.classEqualTo(SplittableParDo.ProcessKeyedElements.class),
                new SplittableParDoViaKeyedWorkItems.OverrideFactory()),
            SingleShardGroupIntoBatches.override()));
    pipeline.replaceAll(List.of(LiftedCombinePerKey.override()));
  }
}
