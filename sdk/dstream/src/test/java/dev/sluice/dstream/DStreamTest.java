package dev.sluice.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/** Per-batch and windowed operations of {@link DStream}, batch by batch, on both runners. */
@RunWith(Parameterized.class)
public class DStreamTest {
  @Parameterized.Parameters(name = "{0}")
  public static Object[] runners() {
    return Jobs.RUNNERS.toArray();
  }

  @Parameterized.Parameter public String runner;

  private static Queue<List<String>> lines(List<String>... batches) {
    return new ArrayDeque<>(Arrays.asList(batches));
  }

  @Test
  @SuppressWarnings("unchecked")
  public void wordCountPerBatchAndPrintLayout() {
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    ByteArrayOutputStream out = Jobs.capture(ssc);
    DStream<String> lines =
        ssc.queueStream(lines(List.of("a b a"), List.of(), List.of("b c", "c")));
    PairDStream<String, Integer> counts =
        lines
            .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
            .mapToPair(word -> KV.of(word, 1))
            .reduceByKey((a, b) -> a + b);
    String countsKey = Jobs.collect(counts);
    counts.transform(batch -> batch.sortBy(kv -> kv.getKey(), true)).print();
    Jobs.runToEnd(ssc);

    Map<Long, List<Object>> results = Jobs.results(countsKey);
    assertThat(results.keySet(), containsInAnyOrder(1000L, 3000L));
    assertThat(results.get(1000L), containsInAnyOrder(KV.of("a", 2), KV.of("b", 1)));
    assertThat(results.get(3000L), containsInAnyOrder(KV.of("b", 1), KV.of("c", 2)));
    String dashes = "-------------------------------------------\n";
    String first = dashes + "Time: 1000 ms\n" + dashes + "(a,2)\n(b,1)\n\n";
    String empty = dashes + "Time: 2000 ms\n" + dashes + "\n";
    String second = dashes + "Time: 3000 ms\n" + dashes + "(b,1)\n(c,2)\n\n";
    String printed = out.toString(StandardCharsets.UTF_8);
    // As Spark, the empty batch at 2000 ms prints its header alone.
    assertThat(printed.length(), is(first.length() + empty.length() + second.length()));
    assertThat(
        printed.contains(first) && printed.contains(empty) && printed.contains(second), is(true));
  }

  @Test
  @SuppressWarnings("unchecked")
  public void perBatchOperations() {
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    DStream<Integer> numbers =
        ssc.queueStream(new ArrayDeque<>(List.of(List.of(1, 2, 2), List.of(3))));
    DStream<Integer> more = ssc.queueStream(new ArrayDeque<>(List.of(List.of(10), List.of(20))));
    String count = Jobs.collect(numbers.count());
    String sum = Jobs.collect(numbers.reduce(Integer::sum));
    String byValue = Jobs.collect(numbers.countByValue());
    String union = Jobs.collect(numbers.union(more).filter(n -> n % 2 == 0).map(n -> n * 10));
    PairDStream<String, Integer> left =
        numbers.mapToPair(n -> KV.of(n % 2 == 0 ? "even" : "odd", n));
    PairDStream<String, String> right =
        ssc.queueStream(new ArrayDeque<>(List.of(List.of("even"), List.of("none"))))
            .mapToPair(s -> KV.of(s, s.toUpperCase(Locale.ROOT)));
    String grouped =
        Jobs.collect(left.groupByKey().mapValues(values -> values.iterator().next() > 0));
    String join = Jobs.collect(left.join(right));
    String outer = Jobs.collect(left.leftOuterJoin(right));
    Jobs.runToEnd(ssc);

    assertThat(Jobs.results(count), equalTo(Map.of(1000L, List.of(3L), 2000L, List.of(1L))));
    assertThat(Jobs.results(sum), equalTo(Map.of(1000L, List.of(5), 2000L, List.of(3))));
    assertThat(Jobs.results(byValue).get(1000L), containsInAnyOrder(KV.of(1, 1L), KV.of(2, 2L)));
    assertThat(Jobs.results(union).get(1000L), containsInAnyOrder(20, 20, 100));
    assertThat(Jobs.results(union).get(2000L), containsInAnyOrder(200));
    assertThat(
        Jobs.results(grouped).get(1000L),
        containsInAnyOrder(KV.of("even", true), KV.of("odd", true)));
    assertThat(
        Jobs.results(join),
        equalTo(
            Map.of(
                1000L, List.of(KV.of("even", KV.of(2, "EVEN")), KV.of("even", KV.of(2, "EVEN"))))));
    assertThat(
        Jobs.results(outer).get(2000L),
        containsInAnyOrder(KV.of("odd", KV.of(3, Optional.empty()))));
  }

  @Test
  public void windowedOperationsGiveOneBatchPerSlide() {
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    DStream<Integer> numbers =
        ssc.queueStream(
            new ArrayDeque<>(List.of(List.of(1), List.of(2, 3), List.of(4), List.of(5))));
    String windowed = Jobs.collect(numbers.window(Durations.seconds(2), Durations.seconds(2)));
    String counted =
        Jobs.collect(numbers.countByWindow(Durations.seconds(3), Durations.seconds(1)));
    String summed =
        Jobs.collect(
            numbers.reduceByWindow(Integer::sum, Durations.seconds(2), Durations.seconds(1)));
    String byValue =
        Jobs.collect(
            numbers
                .map(n -> n % 2)
                .countByValueAndWindow(Durations.seconds(2), Durations.seconds(2)));
    Jobs.runToEnd(ssc);

    Map<Long, List<Object>> w = Jobs.results(windowed);
    assertThat(w.keySet(), containsInAnyOrder(2000L, 4000L));
    assertThat(w.get(2000L), containsInAnyOrder(1, 2, 3));
    assertThat(w.get(4000L), containsInAnyOrder(4, 5));
    assertThat(
        Jobs.results(counted),
        equalTo(
            Map.of(
                1000L,
                List.of(1L),
                2000L,
                List.of(3L),
                3000L,
                List.of(4L),
                4000L,
                List.of(4L),
                5000L,
                List.of(2L),
                6000L,
                List.of(1L))));
    assertThat(
        Jobs.results(summed),
        equalTo(
            Map.of(
                1000L,
                List.of(1),
                2000L,
                List.of(6),
                3000L,
                List.of(9),
                4000L,
                List.of(9),
                5000L,
                List.of(5))));
    Map<Long, List<Object>> v = Jobs.results(byValue);
    assertThat(v.get(2000L), containsInAnyOrder(KV.of(1, 2L), KV.of(0, 1L)));
    assertThat(v.get(4000L), containsInAnyOrder(KV.of(1, 1L), KV.of(0, 1L)));
  }

  @Test
  public void windowsNotMultipleOfTheBatchIntervalFailWithSparksMessage() {
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    DStream<String> lines = ssc.queueStream(lines(List.of("a")));
    IllegalArgumentException length =
        assertThrows(
            IllegalArgumentException.class, () -> lines.window(Durations.milliseconds(1500)));
    assertThat(
        length.getMessage(),
        is(
            "The window duration of windowed DStream (1500 ms) must be a multiple of the slide"
                + " duration of parent DStream (1000 ms)"));
    IllegalArgumentException slide =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                lines
                    .mapToPair(l -> KV.of(l, 1))
                    .reduceByKeyAndWindow(
                        Integer::sum, (a, b) -> a - b, Durations.seconds(4), Durations.seconds(2))
                    .window(Durations.seconds(4), Durations.seconds(3)));
    assertThat(
        slide.getMessage(),
        is(
            "The slide duration of windowed DStream (3000 ms) must be a multiple of the slide"
                + " duration of parent DStream (2000 ms)"));
  }
}
