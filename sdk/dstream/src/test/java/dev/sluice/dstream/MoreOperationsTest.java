package dev.sluice.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * The operations added to complete Spark's DStream API: pair flat maps, outer joins and cogroup,
 * windowed grouping, the incremental {@code reduceByWindow}, the filter of the incremental {@code
 * reduceByKeyAndWindow}, {@code stateSnapshots()} and {@code count()} of empty batches; batch by
 * batch, on both runners.
 */
@RunWith(Parameterized.class)
public class MoreOperationsTest {
  @Parameterized.Parameters(name = "{0}")
  public static Object[] runners() {
    return Jobs.RUNNERS.toArray();
  }

  @Parameterized.Parameter public String runner;

  private static <T> ArrayDeque<List<T>> batches(List<T>... batches) {
    return new ArrayDeque<>(Arrays.asList(batches));
  }

  /** Each batch's elements with iterables turned into lists, so they compare by content. */
  private static List<Object> listed(List<Object> batch) {
    List<Object> out = new ArrayList<>();
    for (Object element : batch) {
      out.add(listed(element));
    }
    return out;
  }

  private static Object listed(Object value) {
    if (value instanceof KV) {
      KV<?, ?> kv = (KV<?, ?>) value;
      return KV.of(listed(kv.getKey()), listed(kv.getValue()));
    }
    if (value instanceof Iterable) {
      List<Object> list = new ArrayList<>();
      ((Iterable<?>) value).forEach(list::add);
      list.sort((a, b) -> a.toString().compareTo(b.toString()));
      return list;
    }
    return value;
  }

  @Test
  @SuppressWarnings("unchecked")
  public void pairFlatMapsJoinsAndCogroup() {
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    DStream<String> lines = ssc.queueStream(batches(List.of("a:1 b:2", "a:3")));
    PairDStream<String, Integer> left =
        lines.flatMapToPair(
            line ->
                Arrays.stream(line.split(" "))
                    .map(p -> KV.of(p.split(":")[0], Integer.parseInt(p.split(":")[1])))
                    .iterator());
    PairDStream<String, String> right =
        ssc.queueStream(batches(List.of("b", "c")))
            .mapToPair(s -> KV.of(s, s.toUpperCase(Locale.ROOT)));
    String flat = Jobs.collect(left.flatMapValues(n -> List.of(n, -n).iterator()));
    String partitions =
        Jobs.collect(
            lines.repartition(4).cache().mapPartitions(it -> List.of(Sizes.of(it)).iterator()));
    String rightJoin = Jobs.collect(left.rightOuterJoin(right));
    String fullJoin = Jobs.collect(left.fullOuterJoin(right));
    String cogroup = Jobs.collect(left.cogroup(right));
    assertThat(left.persist(), sameInstance(left));
    Jobs.runToEnd(ssc);

    assertThat(
        Jobs.results(flat).get(1000L),
        containsInAnyOrder(
            KV.of("a", 1),
            KV.of("a", -1),
            KV.of("b", 2),
            KV.of("b", -2),
            KV.of("a", 3),
            KV.of("a", -3)));
    assertThat(Jobs.results(partitions), equalTo(Map.of(1000L, List.of(2))));
    assertThat(
        Jobs.results(rightJoin).get(1000L),
        containsInAnyOrder(
            KV.of("b", KV.of(Optional.of(2), "B")), KV.of("c", KV.of(Optional.empty(), "C"))));
    assertThat(
        Jobs.results(fullJoin).get(1000L),
        containsInAnyOrder(
            KV.of("a", KV.of(Optional.of(1), Optional.empty())),
            KV.of("a", KV.of(Optional.of(3), Optional.empty())),
            KV.of("b", KV.of(Optional.of(2), Optional.of("B"))),
            KV.of("c", KV.of(Optional.empty(), Optional.of("C")))));
    assertThat(
        listed(Jobs.results(cogroup).get(1000L)),
        containsInAnyOrder(
            KV.of("a", KV.of(List.of(1, 3), List.of())),
            KV.of("b", KV.of(List.of(2), List.of("B"))),
            KV.of("c", KV.of(List.of(), List.of("C")))));
  }

  /** Counts an iterator's elements (a serializable helper for the mapPartitions lambda). */
  static final class Sizes {
    static int of(java.util.Iterator<?> it) {
      int n = 0;
      for (; it.hasNext(); it.next()) {
        n++;
      }
      return n;
    }
  }

  @Test
  public void windowedGroupingAndIncrementalReductions() {
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    DStream<Integer> numbers =
        ssc.queueStream(batches(List.of(1), List.of(2, 3), List.of(), List.of(4)));
    String grouped =
        Jobs.collect(
            numbers
                .mapToPair(n -> KV.of(n % 2 == 0 ? "even" : "odd", n))
                .groupByKeyAndWindow(Durations.seconds(2), Durations.seconds(1)));
    String summed =
        Jobs.collect(
            numbers.reduceByWindow(
                Integer::sum, (a, b) -> a - b, Durations.seconds(2), Durations.seconds(1)));
    String filtered =
        Jobs.collect(
            numbers
                .mapToPair(n -> KV.of(n % 2 == 0 ? "even" : "odd", 1))
                .reduceByKeyAndWindow(
                    Integer::sum,
                    (a, b) -> a - b,
                    Durations.seconds(3),
                    Durations.seconds(1),
                    kv -> kv.getValue() > 1));
    String counts = Jobs.collect(numbers.count(), true);
    Jobs.runToEnd(ssc);

    Map<Long, List<Object>> g = new TreeMap<>();
    Jobs.results(grouped).forEach((time, batch) -> g.put(time, listed(batch)));
    assertThat(g.get(1000L), equalTo(List.of(KV.of("odd", List.of(1)))));
    assertThat(
        g.get(2000L), containsInAnyOrder(KV.of("odd", List.of(1, 3)), KV.of("even", List.of(2))));
    assertThat(
        g.get(3000L), containsInAnyOrder(KV.of("odd", List.of(3)), KV.of("even", List.of(2))));
    assertThat(g.get(4000L), equalTo(List.of(KV.of("even", List.of(4)))));
    assertThat(g.get(5000L), equalTo(List.of(KV.of("even", List.of(4)))));
    assertThat(g.size(), is(5));
    // Windows of 2 s: {1}, {1,2,3}, {2,3}, {4}, {4}.
    assertThat(
        Jobs.results(summed).toString(), is("{1000=[1], 2000=[6], 3000=[5], 4000=[4], 5000=[4]}"));
    // Windows of 3 s: odd counts 1, 2, 2, 1, 0 and even 0, 1, 1, 2, 1, 1: only counts > 1 shown.
    assertThat(
        Jobs.results(filtered),
        equalTo(
            Map.of(
                2000L, List.of(KV.of("odd", 2)),
                3000L, List.of(KV.of("odd", 2)),
                4000L, List.of(KV.of("even", 2)))));
    // count() says 0 for the empty batch, as Spark.
    assertThat(Jobs.results(counts).toString(), is("{1000=[1], 2000=[2], 3000=[0], 4000=[1]}"));
  }

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void saveAsTextFilesWritesEveryBatchEmptyOnesToo() throws Exception {
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    String prefix = temp.getRoot().toPath().resolve("out").toString();
    ssc.queueStream(batches(List.of("a", "b"), List.of(), List.of("c")))
        .map(String::toUpperCase)
        .saveAsTextFiles(prefix, "txt");
    Jobs.runToEnd(ssc);

    for (String[] expected : new String[][] {{"1000", "A\nB\n"}, {"2000", ""}, {"3000", "C\n"}}) {
      Path dir = Path.of(prefix + "-" + expected[0] + ".txt");
      assertThat(
          new String(Files.readAllBytes(dir.resolve("part-00000")), StandardCharsets.UTF_8),
          is(expected[1]));
      assertThat(Files.exists(dir.resolve("_SUCCESS")), is(true));
    }
  }

  @Test
  public void stateSnapshotsShowEveryKeysStateEveryBatch() {
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    MapWithStateDStream<String, Integer, Integer, String> mapped =
        ssc.queueStream(batches(List.of("a", "b"), List.of("a"), List.of(), List.of("a")))
            .mapToPair(word -> KV.of(word, 1))
            .mapWithState(
                StateSpec.function(
                        (String word, Optional<Integer> one, State<Integer> state) -> {
                          if (state.isTimingOut()) {
                            return null;
                          }
                          int sum = one.orElse(0) + (state.exists() ? state.get() : 0);
                          state.update(sum);
                          return word + "=" + sum;
                        })
                    .timeout(Durations.seconds(1)));
    String results = Jobs.collect(mapped);
    String snapshots = Jobs.collect(mapped.stateSnapshots());
    Jobs.runToEnd(ssc);

    assertThat(Jobs.results(results).get(2000L), equalTo(List.of("a=2")));
    Map<Long, List<Object>> s = Jobs.results(snapshots);
    assertThat(s.get(1000L), containsInAnyOrder(KV.of("a", 1), KV.of("b", 1)));
    assertThat(s.get(2000L), containsInAnyOrder(KV.of("a", 2), KV.of("b", 1)));
    // b idle for more than 1 s at 3000 ms: timed out and gone; a still there.
    assertThat(s.get(3000L), equalTo(List.of(KV.of("a", 2))));
    assertThat(s.get(4000L), equalTo(List.of(KV.of("a", 3))));
    assertThat(s.size(), is(4));
  }
}
