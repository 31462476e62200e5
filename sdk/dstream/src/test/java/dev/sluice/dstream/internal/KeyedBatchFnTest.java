package dev.sluice.dstream.internal;

import dev.sluice.dstream.Jobs;
import dev.sluice.dstream.StreamingContext;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * {@link KeyedBatchFn} on both runners, as a plain Beam pipeline: the state and timer declared in
 * the abstract superclass are honoured for a subclass, values are handed over per batch, a key with
 * state is visited every step up to the horizon, a restored state resumes at the next step, and
 * every visit is reported on the snapshot output.
 */
@RunWith(Parameterized.class)
public class KeyedBatchFnTest {
  @Parameterized.Parameters(name = "{0}")
  public static Object[] runners() {
    return Jobs.RUNNERS.toArray();
  }

  @Parameterized.Parameter public String runner;

  /** A running count per key, emitted as {@code KV(key, KV(batchEnd, count))}. */
  static final class CountFn
      extends KeyedBatchFn<String, Integer, Integer, KV<String, KV<Long, Integer>>> {
    CountFn() {
      super(1000, 3000);
    }

    @Override
    Integer onBatch(
        String key,
        Integer count,
        List<KV<Long, Integer>> due,
        long end,
        Consumer<KV<String, KV<Long, Integer>>> out) {
      int next = (count == null ? 0 : count) + due.size();
      out.accept(KV.of(key, KV.of(end, next)));
      return next;
    }
  }

  @Test
  public void superclassStateAndTimersAreHonoured() {
    Pipeline p = Pipeline.create(StreamingContext.options("--runner=" + runner));
    CountFn fn = new CountFn();
    List<KV<String, KV<Long, Integer>>> input =
        List.of(
            KV.of("a", KV.of(1000L, 1)),
            KV.of("a", KV.of(1000L, 1)),
            KV.of("b", KV.of(2000L, 1)),
            KV.of("a", KV.of(3000L, 1)),
            // c's state as of a checkpoint after batch 1000: resumes at 2000.
            KeyedBatchFn.<String, Integer>restoring("c", 1000L, 10));
    PCollectionTuple out =
        p.apply(Create.of(input).withCoder(AnyCoder.kv()))
            .apply(ParDo.of(fn).withOutputTags(fn.mainOutput(), TupleTagList.of(fn.snapshots())));
    PAssert.that(out.get(fn.mainOutput()).setCoder(AnyCoder.kv()))
        .containsInAnyOrder(
            KV.of("a", KV.of(1000L, 2)),
            KV.of("a", KV.of(2000L, 2)),
            KV.of("a", KV.of(3000L, 3)),
            KV.of("b", KV.of(2000L, 1)),
            KV.of("b", KV.of(3000L, 1)),
            KV.of("c", KV.of(2000L, 10)),
            KV.of("c", KV.of(3000L, 10)));
    PAssert.that(out.get(fn.snapshots()).setCoder(AnyCoder.kv()))
        .containsInAnyOrder(
            KV.of("a", 2),
            KV.of("a", 2),
            KV.of("a", 3),
            KV.of("b", 1),
            KV.of("b", 1),
            KV.of("c", 10),
            KV.of("c", 10));
    p.run().waitUntilFinish();
  }
}
