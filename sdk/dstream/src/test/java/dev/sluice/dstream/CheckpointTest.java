package dev.sluice.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.dstream.internal.CheckpointStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * {@link StreamingContext#checkpoint} and {@link StreamingContext#getOrCreate}: a running word
 * count over a directory is stopped, files are added, and the recovered job continues the counts
 * without counting a file twice or losing one; checkpoints of another graph are refused.
 */
@RunWith(Parameterized.class)
public class CheckpointTest {
  @Parameterized.Parameters(name = "{0}")
  public static Object[] runners() {
    return Jobs.RUNNERS.toArray();
  }

  @Parameterized.Parameter public String runner;

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  /** The running counts of the last batch collected under {@code key}. */
  @SuppressWarnings("unchecked")
  private static Map<String, Integer> latest(String key) {
    Map<Long, List<Object>> results = Jobs.results(key);
    Map<String, Integer> counts = new HashMap<>();
    if (!results.isEmpty()) {
      for (Object kv : results.get(((java.util.TreeMap<Long, List<Object>>) results).lastKey())) {
        counts.put(((KV<String, Integer>) kv).getKey(), ((KV<String, Integer>) kv).getValue());
      }
    }
    return counts;
  }

  private static void drop(Path dir, String name, String text) throws Exception {
    Path hidden = dir.resolve("." + name);
    Files.write(hidden, text.getBytes(StandardCharsets.UTF_8));
    Files.move(hidden, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private StreamingContext wordCount(String checkpoint, Path in, String[] sink) {
    StreamingContext ssc =
        new StreamingContext(StreamingContext.options("--runner=" + runner), Durations.seconds(1));
    ssc.checkpoint(checkpoint);
    sink[0] =
        Jobs.collect(
            ssc.textFileStream(in.toString())
                .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                .mapToPair(word -> KV.of(word, 1))
                .updateStateByKey(
                    (List<Integer> ones, Optional<Integer> sum) ->
                        Optional.of(sum.orElse(0) + ones.size()))
                .checkpoint(Durations.seconds(1)));
    return ssc;
  }

  private static void stop(StreamingContext ssc) {
    ssc.stop();
    assertTrue(ssc.awaitTerminationOrTimeout(Jobs.HANG_GUARD_MILLIS));
  }

  @Test
  public void recoveredRunningCountsContinueWithoutDoubleCountingOrLoss() throws Exception {
    Path in = temp.newFolder("in").toPath();
    String checkpoint = temp.newFolder("checkpoint").toString();
    drop(in, "old.txt", "ignored at first start");
    String[] sink = new String[1];

    StreamingContext first =
        StreamingContext.getOrCreate(checkpoint, () -> wordCount(checkpoint, in, sink));
    first.start();
    try {
      drop(in, "a.txt", "x y x");
      Jobs.await("x=2 y=1", () -> latest(sink[0]).equals(Map.of("x", 2, "y", 1)));
      long counted = Jobs.results(sink[0]).keySet().stream().mapToLong(t -> t).min().getAsLong();
      Jobs.await(
          "a checkpoint after the file's batch",
          () -> {
            CheckpointStore.Checkpoint last = CheckpointStore.latest(Path.of(checkpoint));
            return last != null && last.time() >= counted;
          });
    } finally {
      stop(first);
    }

    drop(in, "b.txt", "x z");
    String firstSink = sink[0];
    StreamingContext second =
        StreamingContext.getOrCreate(checkpoint, () -> wordCount(checkpoint, in, sink));
    assertThat(sink[0].equals(firstSink), is(false));
    second.start();
    try {
      Jobs.await("x=3 y=1 z=1", () -> latest(sink[0]).equals(Map.of("x", 3, "y", 1, "z", 1)));
      drop(in, "c.txt", "y");
      Jobs.await("y=2", () -> latest(sink[0]).equals(Map.of("x", 3, "y", 2, "z", 1)));
    } finally {
      stop(second);
    }
    // Every batch of the recovered job holds x from the checkpoint (2, then 3 with b.txt), y 1
    // then 2 (c.txt), z 1: nothing counted twice, nothing restored missing.
    Map<String, List<Integer>> allowed =
        Map.of("x", List.of(2, 3), "y", List.of(1, 2), "z", List.of(1));
    for (List<Object> batch : Jobs.results(sink[0]).values()) {
      for (Object element : batch) {
        @SuppressWarnings("unchecked")
        KV<String, Integer> kv = (KV<String, Integer>) element;
        assertThat(kv.toString(), allowed.get(kv.getKey()).contains(kv.getValue()), is(true));
      }
      assertThat(batch.toString(), batch.size(), greaterThanOrEqualTo(2));
    }
  }

  @Test
  public void emptyDirectoryCallsTheFactory() throws Exception {
    String checkpoint = temp.newFolder("empty").toString();
    StreamingContext created =
        new StreamingContext(StreamingContext.options("--runner=" + runner), Durations.seconds(1));
    assertThat(StreamingContext.getOrCreate(checkpoint, () -> created), is(created));
    assertThat(created.checkpointDirectory(), is(checkpoint));
  }

  @Test
  public void checkpointOfAnotherGraphIsRefused() throws Exception {
    Path in = temp.newFolder("in").toPath();
    String checkpoint = temp.newFolder("other").toString();
    CheckpointStore.write(
        Path.of(checkpoint),
        5000,
        List.of("textFileStream#1 " + in.toAbsolutePath(), "mapWithState#2 step 1000 ms"),
        Map.of());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                StreamingContext.getOrCreate(
                    checkpoint, () -> wordCount(checkpoint, in, new String[1])));
    assertThat(
        e.getMessage(),
        equalTo(
            "The checkpoint "
                + Path.of(checkpoint, "checkpoint-5000")
                + " was written by a different graph of stateful operations and sources: it holds"
                + " [textFileStream#1 "
                + in.toAbsolutePath()
                + ", mapWithState#2 step 1000 ms], the factory defined [textFileStream#1 "
                + in.toAbsolutePath()
                + ", updateStateByKey#2 step 1000 ms]. Recover with the factory that wrote it, or"
                + " use an empty checkpoint directory to start afresh."));
  }

  @Test
  public void aContextNotCreatedByTheFactoryIsRefusedWhenACheckpointExists() throws Exception {
    String checkpoint = temp.newFolder("outside").toString();
    CheckpointStore.write(Path.of(checkpoint), 2000, List.of(), Map.of());
    StreamingContext outside = Jobs.context(runner, Durations.seconds(1));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> StreamingContext.getOrCreate(checkpoint, () -> outside));
    assertThat(e.getMessage(), containsString("returned a StreamingContext it did not create"));
  }

  @Test
  public void queueStreamCannotBeRecovered() throws Exception {
    String checkpoint = temp.newFolder("queue").toString();
    CheckpointStore.write(
        Path.of(checkpoint), 2000, List.of("updateStateByKey#1 step 1000 ms"), Map.of());
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                StreamingContext.getOrCreate(
                    checkpoint,
                    () -> {
                      StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
                      ssc.queueStream(new ArrayDeque<>(List.of(List.of("a")))).print();
                      return ssc;
                    }));
    assertThat(
        e.getMessage(), containsString("A queueStream cannot be recovered from the checkpoint"));
  }
}
