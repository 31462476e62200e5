package dev.sluice.io.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;

import dev.sluice.io.file.FileStreamSource;
import dev.sluice.io.file.FileStreamSourceTest;
import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The sources on Sluice's MicroBatchRunner (found through Beam's registrar, test scope only): the
 * same batches as on the DirectRunner, and the pipeline ends when the sources do.
 */
@RunWith(JUnit4.class)
public class SourcesOnMicroBatchRunnerTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static Pipeline microBatch() {
    return Pipeline.create(
        PipelineOptionsFactory.fromArgs("--runner=MicroBatchRunner", "--parallelism=2").create());
  }

  @Test
  public void mobileFilesOneFilePerTriggerOnMicroBatchRunner() throws Exception {
    Path mobile = FileStreamSourceTest.copyMobile(tmp.getRoot().toPath().resolve("mobile"));
    String key = BatchedResults.newKey();
    Pipeline p = microBatch();
    p.apply(
            FileStreamSource.json(FileStreamSourceTest.MOBILE, mobile.toString())
                .withMaxFilesPerTrigger(1)
                .withTrigger(BatchTrigger.availableNow()))
        .apply(BatchedResults.<Row>collectInto(key));
    PipelineResult result = p.run();
    assertThat(result.waitUntilFinish(), is(PipelineResult.State.DONE));

    BatchedResults.ByBatch<Row> batches =
        new BatchedResults.ByBatch<>(BatchedResults.collected(key));
    assertThat(batches.ends.keySet(), contains(0L, 1L, 2L, 3L, 4L));
    assertThat(batches.of(0).size(), is(4));
    assertThat(batches.of(1).size(), is(2));
    assertThat(batches.of(2).size(), is(2));
    assertThat(batches.of(3).size(), is(2));
    assertThat(batches.ends.get(4L).hasData(), is(false));
  }

  @Test
  public void memoryStreamOnMicroBatchRunner() {
    MemoryStream s = MemoryStream.of(DdlSchema.parse("value INT"));
    s.addValues(1, 2);
    s.addValues(3);
    String key = BatchedResults.newKey();
    Pipeline p = microBatch();
    try (dev.sluice.io.context.RunContext run = dev.sluice.io.context.RunContext.open()) {
      p.apply(s.read(run).withTrigger(BatchTrigger.once()))
          .apply(BatchedResults.<Row>collectInto(key));
      assertThat(p.run().waitUntilFinish(), is(PipelineResult.State.DONE));
    }
    BatchedResults.ByBatch<Row> batches =
        new BatchedResults.ByBatch<>(BatchedResults.collected(key));
    assertThat(batches.ends.keySet(), contains(0L));
    assertThat(
        batches.of(0).stream()
            .map(r -> r.getInt32("value"))
            .collect(java.util.stream.Collectors.toList()),
        containsInAnyOrder(1, 2, 3));
  }
}
