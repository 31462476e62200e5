package ${package};

import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link CountsPipeline} on its sample events, on MicroBatchRunner. */
@RunWith(JUnit4.class)
public class CountsPipelineTest {
  @Rule
  public final transient TestPipeline pipeline =
      TestPipeline.fromOptions(
          PipelineOptionsFactory.fromArgs("--runner=MicroBatchRunner").create());

  @Test
  public void countsTheSampleEventsPerMinute() {
    PCollection<KV<String, Long>> counts = CountsPipeline.build(pipeline);
    Duration minute = Duration.standardMinutes(1);
    IntervalWindow first = new IntervalWindow(CountsPipeline.START, minute);
    IntervalWindow second = new IntervalWindow(CountsPipeline.START.plus(minute), minute);

    // The trigger fires an early pane for new elements before the watermark passes a window, and
    // how many early panes there are depends on how the runner groups the input into bundles;
    // the on-time pane comes once, when the watermark passes the end of the window, and as panes
    // accumulate it holds the window's whole count. So the test checks the on-time panes.
    PAssert.that(counts)
        .inOnTimePane(first)
        .containsInAnyOrder(KV.of("click", 2L), KV.of("view", 1L));
    PAssert.that(counts)
        .inOnTimePane(second)
        .containsInAnyOrder(KV.of("click", 1L), KV.of("view", 1L));

    pipeline.run().waitUntilFinish();
  }
}
