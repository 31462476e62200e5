package dev.sluice.dstream.internal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.dstream.Durations;
import dev.sluice.dstream.PairDStream;
import dev.sluice.dstream.StreamingContext;
import java.util.ArrayDeque;
import java.util.List;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;

/** Which batches are checkpointed, and the graph lines operations and sources register. */
public class CheckpointingTest {
  private static StreamingContext context() {
    return new StreamingContext(
        StreamingContext.options("--runner=DirectRunner"), Durations.seconds(1));
  }

  @Test
  public void defaultIntervalIsTheFirstMultipleOfTheSlidesFromTenSeconds() {
    StreamingContext ssc = context();
    assertThat(ApiAccess.checkpointing(ssc).checkpointEvery(), is(10_000L));
    ApiAccess.checkpointing(ssc).add("op", "step 3000 ms", 3000, 9000);
    assertThat(ApiAccess.checkpointing(ssc).checkpointEvery(), is(12_000L));
    ApiAccess.checkpointing(ssc).add("op", "step 4000 ms", 4000, 9000);
    assertThat(ApiAccess.checkpointing(ssc).checkpointEvery(), is(12_000L));
    ApiAccess.checkpointing(ssc).add("op", "step 7000 ms", 7000, 9000);
    assertThat(ApiAccess.checkpointing(ssc).checkpointEvery(), is(84_000L));
  }

  @Test
  public void dstreamCheckpointSetsTheIntervalRoundedToTheSlides() {
    StreamingContext ssc = context();
    PairDStream<String, Integer> pairs =
        ssc.queueStream(new ArrayDeque<>(List.of(List.of("a")))).mapToPair(s -> KV.of(s, 1));
    PairDStream<String, Integer> windowed =
        pairs.reduceByKeyAndWindow(
            Integer::sum, (a, b) -> a - b, Durations.seconds(4), Durations.seconds(2));
    assertThat(windowed.checkpoint(Durations.seconds(2)), is(windowed));
    assertThat(ApiAccess.checkpointing(ssc).checkpointEvery(), is(2_000L));
    pairs.checkpoint(Durations.seconds(3));
    assertThat(ApiAccess.checkpointing(ssc).checkpointEvery(), is(2_000L));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> windowed.checkpoint(Durations.seconds(3)));
    assertThat(
        e.getMessage(),
        is(
            "The checkpoint interval (3000 ms) must be a multiple of the slide duration of the"
                + " DStream (2000 ms)"));
  }

  @Test
  public void graphLinesNameOperationsInDefinitionOrder() {
    StreamingContext ssc = context();
    assertThat(
        ApiAccess.checkpointing(ssc).add("textFileStream", "/in", 1, Long.MAX_VALUE),
        is("textFileStream#1"));
    assertThat(
        ApiAccess.checkpointing(ssc).add("updateStateByKey", "step 1000 ms", 1000, 5000),
        is("updateStateByKey#2"));
  }
}
