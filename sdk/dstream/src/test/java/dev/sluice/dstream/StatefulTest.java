package dev.sluice.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/** {@code updateStateByKey} and {@code mapWithState}, batch by batch, on both runners. */
@RunWith(Parameterized.class)
public class StatefulTest {
  @Parameterized.Parameters(name = "{0}")
  public static Object[] runners() {
    return Jobs.RUNNERS.toArray();
  }

  @Parameterized.Parameter public String runner;

  @Test
  public void updateStateByKeyEmitsEveryKeysRunningCountEveryBatch() {
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    PairDStream<String, Integer> words =
        ssc.queueStream(
                new ArrayDeque<>(
                    List.of(List.of("a", "b", "a"), List.of(), List.of("b"), List.of("drop"))))
            .mapToPair(word -> KV.of(word, 1));
    PairDStream<String, Integer> running =
        words.updateStateByKey(
            (List<Integer> values, Optional<Integer> state) -> {
              int sum = state.orElse(0) + values.stream().mapToInt(Integer::intValue).sum();
              return sum >= 3 ? Optional.empty() : Optional.of(sum);
            });
    String key = Jobs.collect(running);
    Jobs.runToEnd(ssc);

    Map<Long, List<Object>> results = Jobs.results(key);
    assertThat(results.get(1000L), containsInAnyOrder(KV.of("a", 2), KV.of("b", 1)));
    assertThat(results.get(2000L), containsInAnyOrder(KV.of("a", 2), KV.of("b", 1)));
    assertThat(results.get(3000L), containsInAnyOrder(KV.of("a", 2), KV.of("b", 2)));
    assertThat(
        results.get(4000L), containsInAnyOrder(KV.of("a", 2), KV.of("b", 2), KV.of("drop", 1)));
    assertThat(results.size(), is(4));
  }

  @Test
  public void mapWithStateTimesOutIdleKeys() {
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    PairDStream<String, Integer> words =
        ssc.queueStream(
                new ArrayDeque<>(
                    List.of(
                        List.of("a", "b"), List.of("a"), List.of("a"), List.of("a"), List.of("a"))))
            .mapToPair(word -> KV.of(word, 1));
    DStream<String> mapped =
        words.mapWithState(
            StateSpec.function(
                    (String word, Optional<Integer> one, State<Integer> state) -> {
                      if (state.isTimingOut()) {
                        return word + " timed out at " + state.get();
                      }
                      int sum = one.orElse(0) + (state.exists() ? state.get() : 0);
                      state.update(sum);
                      return word + "=" + sum;
                    })
                .timeout(Durations.seconds(2)));
    String key = Jobs.collect(mapped);
    Jobs.runToEnd(ssc);

    Map<Long, List<Object>> results = Jobs.results(key);
    assertThat(results.get(1000L), containsInAnyOrder("a=1", "b=1"));
    assertThat(results.get(2000L), equalTo(List.of("a=2")));
    assertThat(results.get(3000L), equalTo(List.of("a=3")));
    // b's last data was at 1000 ms; at 4000 ms it is idle for more than 2 s (Spark's rule).
    assertThat(results.get(4000L), containsInAnyOrder("a=4", "b timed out at 1"));
    assertThat(results.get(5000L), equalTo(List.of("a=5")));
    assertThat(results.size(), is(5));
  }

  @Test
  public void statefulOperationsRequireACheckpointDirectoryAtStart() {
    StreamingContext ssc =
        new StreamingContext(StreamingContext.options("--runner=" + runner), Durations.seconds(1));
    ssc.queueStream(new ArrayDeque<>(List.of(List.of("a"))))
        .mapToPair(word -> KV.of(word, 1))
        .updateStateByKey((List<Integer> v, Optional<Integer> s) -> s)
        .print();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ssc::start);
    assertThat(
        e.getMessage(),
        is(
            "requirement failed: The checkpoint directory has not been set. Please set it by"
                + " StreamingContext.checkpoint()."));
  }
}
