package dev.sluice.examples.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.dstream.Durations;
import dev.sluice.dstream.StreamingContext;
import dev.sluice.examples.Run;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link NetworkWordCount}: each batch's words counted on their own, on both runners. */
@RunWith(JUnit4.class)
public class NetworkWordCountTest {
  @Test
  public void countsTheWordsOfEachBatchOnBothRunners() {
    for (String runner : new String[] {"MicroBatchRunner", "DirectRunner"}) {
      StreamingContext ssc =
          new StreamingContext(
              StreamingContext.options("--runner=" + runner), Durations.seconds(1));
      Collected<KV<String, Integer>> counts =
          Collected.of(
              NetworkWordCount.counts(
                  ssc.queueStream(
                      new ArrayDeque<>(
                          List.of(List.of("to be or", "not to be"), List.of("be quick"))))));
      ssc.start();
      boolean ended = ssc.awaitTerminationOrTimeout(Run.HANG_GUARD_MILLIS);
      ssc.stop();
      org.junit.Assert.assertTrue(runner + ": the job did not end within the hang guard", ended);
      Map<Long, List<KV<String, Integer>>> batches = counts.batches();
      assertThat(runner, batches.keySet(), containsInAnyOrder(1000L, 2000L));
      assertThat(
          runner,
          batches.get(1000L),
          containsInAnyOrder(KV.of("to", 2), KV.of("be", 2), KV.of("or", 1), KV.of("not", 1)));
      assertThat(runner, batches.get(2000L), containsInAnyOrder(KV.of("be", 1), KV.of("quick", 1)));
      assertThat(batches.size(), equalTo(2));
    }
  }
}
