package dev.sluice.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;

/** {@link Batch}'s collection operations and {@link Duration}/{@link Durations}. */
public class BatchTest {
  private final Batch<KV<String, Integer>> counts =
      Batch.of(5000, List.of(KV.of("a", 1), KV.of("b", 3), KV.of("c", 2), KV.of("d", 3)));

  @Test
  public void sortByIsStableAndDescendingWhenAsked() {
    assertThat(
        counts.sortBy(KV::getValue, false).collect(),
        equalTo(List.of(KV.of("b", 3), KV.of("d", 3), KV.of("c", 2), KV.of("a", 1))));
    assertThat(counts.sortBy(KV::getValue, false).time(), is(5000L));
  }

  @Test
  public void collectionOperations() {
    Batch<Integer> values = counts.map(KV::getValue);
    assertThat(values.take(2), equalTo(List.of(1, 3)));
    assertThat(values.count(), is(4L));
    assertThat(values.reduce(Integer::sum), is(9));
    assertThat(values.filter(v -> v > 2).collect(), equalTo(List.of(3, 3)));
    assertThat(values.distinct().collect(), equalTo(List.of(1, 3, 2)));
    assertThat(values.flatMap(v -> List.of(v, v).iterator()).count(), is(8L));
    assertThat(values.union(values).count(), is(8L));
    assertThat(values.first(), is(1));
    assertThrows(NoSuchElementException.class, () -> Batch.of(0, List.of()).first());
  }

  @Test
  public void durationsPrintAsSparkDoes() {
    assertThat(Durations.seconds(300).toString(), is("300000 ms"));
    assertThat(Durations.minutes(5), equalTo(Durations.seconds(300)));
    assertThat(Durations.seconds(3).isMultipleOf(Durations.milliseconds(1500)), is(true));
    assertThat(Durations.seconds(3).isMultipleOf(Durations.seconds(2)), is(false));
  }
}
