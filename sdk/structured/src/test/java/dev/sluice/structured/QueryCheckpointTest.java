package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The checkpoint of a Structured query is laid out as Spark's: {@code offsets/<batchId>} written
 * before the sink gets a batch, {@code commits/<batchId>} after, both versioned and named by batch
 * id whatever the trigger, and each source's own log under {@code sources/<i>}. A batch that was
 * planned but not committed runs again after a restart with the same id and exactly the same input.
 */
public class QueryCheckpointTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  static final Map<String, Map<Long, List<String>>> OUTPUT = new ConcurrentHashMap<>();

  private static void write(Path dir, String name, int minute, String... ids) throws IOException {
    StringBuilder text = new StringBuilder();
    for (String id : ids) {
      text.append("{\"id\":\"").append(id).append("\"}\n");
    }
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L + minute * 60_000L));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private DataStreamWriter query(Path in, Path checkpoint, String key) {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    OUTPUT.computeIfAbsent(key, k -> new TreeMap<>());
    return session
        .readStream()
        .schema("id STRING")
        .json(in.toString())
        .select(col("id"))
        .writeStream()
        .option("checkpointLocation", checkpoint.toString())
        .foreachBatch(
            (frame, id) ->
                OUTPUT
                    .get(key)
                    .put(
                        id,
                        frame.collectAsList().stream()
                            .map(r -> r.getString(0))
                            .sorted()
                            .collect(Collectors.toList())));
  }

  @Test
  public void logsAreNamedByBatchIdWithAProcessingTimeTrigger() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    Path checkpoint = tmp.newFolder("cp").toPath();
    write(in, "a.json", 1, "a1", "a2");
    String key = "names" + System.nanoTime();
    StreamingQuery q =
        query(in, checkpoint, key).trigger(Trigger.ProcessingTime("50 milliseconds")).start();
    try {
      q.processAllAvailable();
      write(in, "b.json", 2, "b1");
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    assertThat(OUTPUT.get(key).keySet(), equalTo(new TreeSet<>(List.of(0L, 1L))));
    assertThat(names(checkpoint.resolve("commits")), equalTo(List.of("0", "1")));
    assertThat(names(checkpoint.resolve("offsets")), equalTo(List.of("0", "1")));
    List<String> commit = Files.readAllLines(checkpoint.resolve("commits/1"));
    assertThat(commit.get(0), equalTo("v1"));
    assertThat(commit.get(1), startsWith("{\"nextBatchWatermarkMs\":"));
    List<String> offsets = Files.readAllLines(checkpoint.resolve("offsets/1"));
    assertThat(offsets.get(0), equalTo("v1"));
    assertThat(offsets.get(1), startsWith("{\"batchWatermarkMs\":"));
    assertThat(offsets.size(), equalTo(3)); // version, metadata, one source
    assertThat(names(checkpoint.resolve("sources/0")), equalTo(List.of("ends", "planned")));
    for (String entry : names(checkpoint.resolve("sources/0/planned"))) {
      assertThat(
          Files.readAllLines(checkpoint.resolve("sources/0/planned").resolve(entry)).get(0),
          equalTo("v1"));
    }
  }

  @Test
  public void aPlannedBatchThatWasNotCommittedRunsAgainWithTheSameInput() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    Path checkpoint = tmp.newFolder("cp").toPath();
    String key = "rerun" + System.nanoTime();
    write(in, "a.json", 1, "a1", "a2");
    awaitEnd(query(in, checkpoint, key).trigger(Trigger.AvailableNow()).start());
    write(in, "b.json", 2, "b1");
    awaitEnd(query(in, checkpoint, key).trigger(Trigger.AvailableNow()).start());
    assertThat(OUTPUT.get(key).get(1L), equalTo(List.of("b1")));

    // The process died after batch 1's output, before its commit; then more input arrived.
    Files.delete(checkpoint.resolve("commits/1"));
    OUTPUT.get(key).clear();
    write(in, "c.json", 3, "c1", "c2");
    awaitEnd(query(in, checkpoint, key).trigger(Trigger.AvailableNow()).start());

    // Batch 1 again, with exactly what it read before; the new file in a batch of its own.
    Map<Long, List<String>> expected = new TreeMap<>();
    expected.put(1L, List.of("b1"));
    expected.put(2L, List.of("c1", "c2"));
    assertThat(OUTPUT.get(key), equalTo(expected));
    assertThat(names(checkpoint.resolve("commits")), hasItem("2"));

    // And a restart after that reads nothing twice.
    OUTPUT.get(key).clear();
    awaitEnd(query(in, checkpoint, key).trigger(Trigger.AvailableNow()).start());
    assertThat(new ArrayList<>(OUTPUT.get(key).keySet()), equalTo(List.of()));
  }

  private static void awaitEnd(StreamingQuery q) throws Exception {
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
  }
}
