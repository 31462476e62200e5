package dev.sluice.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/** A DStream job driven by a Beam {@link TestStream}: each element event is one batch. */
@RunWith(Parameterized.class)
public class TestStreamDrivenTest {
  @Parameterized.Parameters(name = "{0}")
  public static Object[] runners() {
    return Jobs.RUNNERS.toArray();
  }

  @Parameterized.Parameter public String runner;

  @Test
  public void eachElementEventIsOneBatch() {
    TestStream<String> events =
        TestStream.create(StringUtf8Coder.of())
            .addElements("x y", "x")
            .advanceWatermarkTo(new Instant(5_000))
            .addElements("y")
            .advanceProcessingTime(org.joda.time.Duration.standardSeconds(10))
            .addElements("x x x")
            .advanceWatermarkToInfinity();
    StreamingContext ssc = Jobs.context(runner, Durations.milliseconds(500));
    String counts =
        Jobs.collect(
            ssc.testStream(events)
                .flatMap(line -> List.of(line.split(" ")).iterator())
                .mapToPair(word -> KV.of(word, 1))
                .reduceByKey(Integer::sum));
    Jobs.runToEnd(ssc);

    Map<Long, List<Object>> results = Jobs.results(counts);
    assertThat(results.size(), is(3));
    assertThat(results.get(500L), containsInAnyOrder(KV.of("x", 2), KV.of("y", 1)));
    assertThat(results.get(1000L), containsInAnyOrder(KV.of("y", 1)));
    assertThat(results.get(1500L), containsInAnyOrder(KV.of("x", 3)));
  }
}
