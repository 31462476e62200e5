package dev.sluice.runners.microbatch;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import dev.sluice.runners.microbatch.testing.UnknownPrimitive;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** End-to-end checks of {@link MicroBatchRunner} on small pipelines. */
@RunWith(JUnit4.class)
public class MicroBatchRunnerTest {

  private static Pipeline pipeline(String... args) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = "--runner=MicroBatchRunner";
    return Pipeline.create(PipelineOptionsFactory.fromArgs(all).create());
  }

  @Test
  public void runnerIsFoundByShortAndLongName() {
    PipelineOptions longName =
        PipelineOptionsFactory.fromArgs("--runner=MicroBatchRunner").create();
    PipelineOptions shortName = PipelineOptionsFactory.fromArgs("--runner=microbatch").create();
    assertThat(longName.getRunner(), is((Object) MicroBatchRunner.class));
    assertThat(shortName.getRunner(), is((Object) MicroBatchRunner.class));
  }

  @Test
  public void wordCount() {
    Pipeline p = pipeline("--parallelism=3", "--maxRecordsPerBatch=2");
    PCollection<KV<String, Long>> counts =
        p.apply(Create.of("a b", "b c", "c c"))
            .apply(
                FlatMapElements.into(TypeDescriptors.strings())
                    .via(line -> Arrays.asList(line.split(" "))))
            .apply(Count.perElement());
    PAssert.that(counts).containsInAnyOrder(KV.of("a", 1L), KV.of("b", 2L), KV.of("c", 3L));
    PipelineResult result = p.run();
    assertThat(result.getState(), is(PipelineResult.State.DONE));
  }

  @Test
  public void userCodeFailureNamesTheTransform() {
    Pipeline p = pipeline();
    p.apply(Create.of(1, 2, 3))
        .apply(
            "Explode",
            MapElements.into(TypeDescriptors.integers())
                .via(
                    (Integer i) -> {
                      if (i == 2) {
                        throw new IllegalStateException("boom on " + i);
                      }
                      return i;
                    }));
    Pipeline.PipelineExecutionException e =
        assertThrows(Pipeline.PipelineExecutionException.class, p::run);
    assertThat(e.getCause(), instanceOf(IllegalStateException.class));
    assertThat(e.getMessage(), containsString("Explode"));
    assertThat(e.getMessage(), containsString("boom on 2"));
  }

  private static final AtomicLong UNBOUNDED_SEEN = new AtomicLong();

  @Test
  public void unboundedPipelineRunsUntilCancelled() throws Exception {
    UNBOUNDED_SEEN.set(0);
    Pipeline p = pipeline("--blockOnRun=false");
    p.apply(GenerateSequence.from(0).withRate(1000, Duration.standardSeconds(1)))
        .apply(ParDo.of(new CountSeen()));
    PipelineResult result = p.run();
    assertThat(result.waitUntilFinish(Duration.millis(500)), nullValue());
    assertThat(result.getState(), is(PipelineResult.State.RUNNING));
    assertThat(result.cancel(), is(PipelineResult.State.CANCELLED));
    assertThat(UNBOUNDED_SEEN.get(), greaterThan(0L));
    assertThat(((MicroBatchPipelineResult) result).batchesCompleted(), greaterThan(0L));
  }

  @Test
  public void batchIntervalSpacesBatchesApart() throws Exception {
    Pipeline p = pipeline("--blockOnRun=false", "--batchIntervalMillis=100");
    p.apply(GenerateSequence.from(0).withRate(1000, Duration.standardSeconds(1)))
        .apply(ParDo.of(new CountSeen()));
    long start = System.nanoTime();
    MicroBatchPipelineResult result = (MicroBatchPipelineResult) p.run();
    result.waitUntilFinish(Duration.millis(500));
    result.cancel();
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    // Batches start at least 100 ms apart: at most one per 100 ms elapsed, plus the first.
    assertThat(result.batchesCompleted(), lessThanOrEqualTo(elapsedMillis / 100 + 1));
    assertThat(result.batchesCompleted(), greaterThan(0L));
  }

  @Test
  public void failureLeavesNoRunnerThreadBehind() throws Exception {
    Pipeline p = pipeline("--parallelism=3");
    p.apply(Create.of(1, 2, 3))
        .apply(
            MapElements.into(TypeDescriptors.integers())
                .via(
                    (Integer i) -> {
                      throw new IllegalStateException("fail " + i);
                    }));
    assertThrows(Pipeline.PipelineExecutionException.class, p::run);
    long deadline = System.currentTimeMillis() + 10_000;
    while (runnerThreads() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(runnerThreads(), is(0L));
  }

  private static long runnerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("microbatch-"))
        .count();
  }

  @Test
  public void metricsAreReportedPerStep() {
    Pipeline p = pipeline();
    p.apply(Create.of(1L, 2L, 3L)).apply("Measure", ParDo.of(new Measure()));
    MetricQueryResults metrics =
        p.run()
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace("test"))
                    .build());
    MetricResult<Long> counter = metrics.getCounters().iterator().next();
    assertThat(counter.getAttempted(), is(3L));
    assertThat(counter.getKey().stepName(), containsString("Measure"));
    DistributionResult distribution = metrics.getDistributions().iterator().next().getAttempted();
    assertThat(distribution.getSum(), is(6L));
    assertThat(distribution.getMin(), is(1L));
    assertThat(distribution.getMax(), is(3L));
    assertThat(metrics.getGauges().iterator().hasNext(), is(true));
  }

  @Test
  public void unsupportedPrimitiveFailsAtRunNamingIt() {
    Pipeline p = pipeline();
    p.apply("Mystery", new UnknownPrimitive());
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, p::run);
    assertThat(e.getMessage(), containsString("Mystery"));
  }

  /** Counts elements into {@link #UNBOUNDED_SEEN}. */
  private static final class CountSeen extends DoFn<Long, Void> {
    @ProcessElement
    public void process() {
      UNBOUNDED_SEEN.incrementAndGet();
    }
  }

  /** Reports a counter, a distribution and a gauge. */
  private static final class Measure extends DoFn<Long, Long> {
    @ProcessElement
    public void process(@Element Long n) {
      Metrics.counter("test", "elements").inc();
      Metrics.distribution("test", "values").update(n);
      Metrics.gauge("test", "last").set(n);
    }
  }

  @Test
  public void badOptionFailsAtRun() {
    Pipeline p = pipeline("--parallelism=0");
    p.apply(Create.of(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::run);
    assertThat(e.getMessage(), containsString("--parallelism=0"));
  }
}
