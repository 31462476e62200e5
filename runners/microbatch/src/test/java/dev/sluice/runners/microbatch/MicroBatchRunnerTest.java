package dev.sluice.runners.microbatch;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.Arrays;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
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

  @Test
  public void badOptionFailsAtRun() {
    Pipeline p = pipeline("--parallelism=0");
    p.apply(Create.of(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::run);
    assertThat(e.getMessage(), containsString("--parallelism=0"));
  }
}
