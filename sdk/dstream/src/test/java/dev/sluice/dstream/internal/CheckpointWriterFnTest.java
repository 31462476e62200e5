package dev.sluice.dstream.internal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.dstream.Jobs;
import dev.sluice.dstream.StreamingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * The checkpoint writer on both runners: only multiples of the checkpoint interval are written,
 * each with the state records of its own batch and every file read up to it (the initial ones
 * included).
 */
@RunWith(Parameterized.class)
public class CheckpointWriterFnTest {
  @Parameterized.Parameters(name = "{0}")
  public static Object[] runners() {
    return Jobs.RUNNERS.toArray();
  }

  @Parameterized.Parameter public String runner;

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static KV<Integer, KV<Long, KV<String, Object>>> record(long batch, String id, Object r) {
    return KV.of(0, KV.of(batch, KV.of(id, r)));
  }

  @Test
  public void writesEveryCheckpointBatchWithItsStateAndAllFilesRead() throws Exception {
    Path dir = temp.newFolder().toPath();
    List<String> graph = List.of("textFileStream#1 /in", "updateStateByKey#2 step 1000 ms");
    CheckpointWriterFn writer =
        new CheckpointWriterFn(
            dir.toString(), graph, Map.of("textFileStream#1", List.of("old")), 1000, 2000, 4000);
    Pipeline p = Pipeline.create(StreamingContext.options("--runner=" + runner));
    PCollectionTuple out =
        p.apply(
                Create.of(
                        record(1000, CheckpointWriterFn.TICK, 1000L),
                        record(1000, "textFileStream#1", "a"),
                        record(1000, "updateStateByKey#2", KV.of("x", 1)),
                        record(2000, "updateStateByKey#2", KV.of("x", 2)),
                        record(3000, "textFileStream#1", "b"),
                        record(3000, "updateStateByKey#2", KV.of("x", 3)),
                        record(4000, "updateStateByKey#2", KV.of("x", 4)))
                    .withCoder(AnyCoder.kv()))
            .apply(
                ParDo.of(writer)
                    .withOutputTags(writer.mainOutput(), TupleTagList.of(writer.snapshots())));
    out.get(writer.mainOutput()).setCoder(AnyCoder.of());
    out.get(writer.snapshots()).setCoder(AnyCoder.kv());
    p.run().waitUntilFinish();

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(
          files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList()),
          contains("checkpoint-2000", "checkpoint-4000"));
    }
    CheckpointStore.Checkpoint two = CheckpointStore.latest(dir);
    assertThat(two.time(), equalTo(4000L));
    assertThat(two.graph(), equalTo(graph));
    assertThat(two.records("updateStateByKey#2"), equalTo(List.of(KV.of("x", 4))));
    assertThat(two.records("textFileStream#1"), equalTo(List.of("a", "b", "old")));
    Files.delete(dir.resolve("checkpoint-4000"));
    CheckpointStore.Checkpoint one = CheckpointStore.latest(dir);
    assertThat(one.records("updateStateByKey#2"), equalTo(List.of(KV.of("x", 2))));
    assertThat(one.records("textFileStream#1"), equalTo(List.of("a", "old")));
  }
}
