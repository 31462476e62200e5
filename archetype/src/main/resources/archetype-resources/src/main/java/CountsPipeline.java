package ${package};

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * A runnable job: {@link WindowedCounts} over a few sample events, each pane printed as {@code
 * window event=count (timing)}. Replace {@link #sampleEvents} with your source (Beam's {@code
 * TextIO}, {@code KafkaIO}, ...).
 *
 * <pre>{@code
 * mvn compile exec:java
 * mvn compile exec:java -Dexec.args="--runner=DirectRunner"
 * java -jar target/${artifactId}-bundled.jar --runner=DirectRunner        # after mvn package
 * }</pre>
 */
public final class CountsPipeline {
  /** Event time of the first sample event. */
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  private CountsPipeline() {}

  /** Runs the job on MicroBatchRunner unless {@code args} name another runner. */
  public static void main(String[] args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (all.stream().noneMatch(arg -> arg.startsWith("--runner="))) {
      all.add(0, "--runner=MicroBatchRunner");
    }
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(all.toArray(new String[0])).withValidation().create();
    Pipeline pipeline = Pipeline.create(options);
    build(pipeline).apply("Print", ParDo.of(new PrintFn()));
    pipeline.run().waitUntilFinish();
  }

  /** The job without its output: sample events counted per minute, 5 minutes' lateness. */
  static PCollection<KV<String, Long>> build(Pipeline pipeline) {
    return pipeline
        .apply("SampleEvents", sampleEvents())
        .apply(
            "Count",
            WindowedCounts.of(Duration.standardMinutes(1))
                .withAllowedLateness(Duration.standardMinutes(5)));
  }

  /** Clicks and views over the first two minutes after {@link #START}. */
  static Create.TimestampedValues<String> sampleEvents() {
    return Create.timestamped(
        at("click", 5), at("view", 12), at("click", 40), at("click", 65), at("view", 70));
  }

  private static TimestampedValue<String> at(String event, int second) {
    return TimestampedValue.of(event, START.plus(Duration.standardSeconds(second)));
  }

  /** Prints {@code window event=count (timing)}. */
  static final class PrintFn extends DoFn<KV<String, Long>, Void> {
    @ProcessElement
    public void process(@Element KV<String, Long> count, BoundedWindow window, PaneInfo pane) {
      System.out.println(
          window + " " + count.getKey() + "=" + count.getValue() + " (" + pane.getTiming() + ")");
    }
  }
}
