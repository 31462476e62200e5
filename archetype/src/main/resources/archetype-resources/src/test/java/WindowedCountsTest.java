package ${package};

import static org.junit.Assert.assertThrows;

import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link WindowedCounts} on MicroBatchRunner, driven by a {@link TestStream}: the script says when
 * each event arrives and where the watermark is, and PAssert checks every pane.
 */
@RunWith(JUnit4.class)
public class WindowedCountsTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration MINUTE = Duration.standardMinutes(1);
  private static final IntervalWindow FIRST = new IntervalWindow(T0, MINUTE);
  private static final IntervalWindow SECOND = new IntervalWindow(T0.plus(MINUTE), MINUTE);

  @Rule
  public final transient TestPipeline pipeline =
      TestPipeline.fromOptions(
          PipelineOptionsFactory.fromArgs("--runner=MicroBatchRunner").create());

  private static TimestampedValue<String> at(String event, int second) {
    return TimestampedValue.of(event, T0.plus(Duration.standardSeconds(second)));
  }

  private static Instant time(int second) {
    return T0.plus(Duration.standardSeconds(second));
  }

  @Test
  public void earlyOnTimeAndLatePanesAccumulateAndTooLateDataIsDropped() {
    TestStream<String> events =
        TestStream.create(StringUtf8Coder.of())
            .advanceWatermarkTo(T0)
            .addElements(at("click", 10), at("click", 20)) // early pane: click=2
            .addElements(at("click", 40), at("view", 70)) // early panes: click=3, view=1
            .advanceWatermarkTo(time(60)) // on time for the first window: click=3
            .addElements(at("click", 50)) // late, within 5 minutes: click=4
            .advanceWatermarkTo(time(7 * 60)) // both windows expire; the second fires on time
            .addElements(at("click", 55)) // later than the allowed lateness: dropped
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Long>> counts =
        pipeline
            .apply(events)
            .apply(WindowedCounts.of(MINUTE).withAllowedLateness(Duration.standardMinutes(5)));

    PAssert.that(counts)
        .inEarlyPane(FIRST)
        .containsInAnyOrder(KV.of("click", 2L), KV.of("click", 3L));
    PAssert.that(counts).inOnTimePane(FIRST).containsInAnyOrder(KV.of("click", 3L));
    PAssert.that(counts).inLatePane(FIRST).containsInAnyOrder(KV.of("click", 4L));
    PAssert.that(counts).inEarlyPane(SECOND).containsInAnyOrder(KV.of("view", 1L));
    PAssert.that(counts).inOnTimePane(SECOND).containsInAnyOrder(KV.of("view", 1L));
    PAssert.that(counts)
        .inWindow(FIRST)
        .containsInAnyOrder(
            KV.of("click", 2L), KV.of("click", 3L), KV.of("click", 3L), KV.of("click", 4L));

    pipeline.run().waitUntilFinish();
  }

  @Test
  public void withoutAllowedLatenessLateDataIsDropped() {
    TestStream<String> events =
        TestStream.create(StringUtf8Coder.of())
            .addElements(at("view", 30))
            .advanceWatermarkTo(time(90))
            .addElements(at("view", 45)) // the first window has closed
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Long>> counts = pipeline.apply(events).apply(WindowedCounts.of(MINUTE));

    PAssert.that(counts).inWindow(FIRST).containsInAnyOrder(KV.of("view", 1L), KV.of("view", 1L));
    PAssert.that(counts).inOnTimePane(FIRST).containsInAnyOrder(KV.of("view", 1L));
    PAssert.that(counts).inLatePane(FIRST).empty();

    pipeline.run().waitUntilFinish();
  }

  @Test
  public void rejectsWindowsAndLatenessThatCannotBe() {
    assertThrows(IllegalArgumentException.class, () -> WindowedCounts.of(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> WindowedCounts.of(MINUTE).withAllowedLateness(Duration.millis(-1)));
  }
}
