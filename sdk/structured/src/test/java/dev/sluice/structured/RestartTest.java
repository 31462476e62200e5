package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A query restarted from its checkpoint location resumes after its last committed batch: sources
 * continue from their positions, state from its snapshot, batch ids from where they stopped, and
 * nothing is written twice.
 */
public class RestartTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  static final Map<String, Map<Long, List<String>>> OUTPUT = new ConcurrentHashMap<>();

  static void copy(String name, Path dir, int minute) throws IOException {
    Path source = Paths.get("../../shared/data/mobile", name);
    if (!Files.exists(source)) {
      source = Paths.get("/work/shared/data/mobile", name);
    }
    Path target = dir.resolve(name);
    Files.copy(source, target);
    Files.setLastModifiedTime(target, FileTime.fromMillis(1_600_000_000_000L + minute * 60_000L));
  }

  private StreamingQuery start(Path in, Path checkpoint, String key) {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    OUTPUT.computeIfAbsent(key, k -> new TreeMap<>());
    return session
        .readStream()
        .schema("id STRING, action STRING, ts TIMESTAMP")
        .option("maxFilesPerTrigger", 1)
        .json(in.toString())
        .groupBy(window(col("ts"), "10 minutes"), col("action"))
        .count()
        .writeStream()
        .outputMode("complete")
        .trigger(Trigger.AvailableNow())
        .option("checkpointLocation", checkpoint.toString())
        .foreachBatch(
            (frame, id) ->
                OUTPUT
                    .get(key)
                    .put(
                        id,
                        frame.collectAsList().stream()
                            .map(MobileTest::format)
                            .collect(Collectors.toList())))
        .start();
  }

  @Test
  public void aRestartContinuesFromTheLastCommittedBatch() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    Path checkpoint = tmp.newFolder("cp").toPath();
    copy("file1.json", in, 1);
    copy("file2.json", in, 2);
    String key = "restart" + System.nanoTime();
    StreamingQuery first = start(in, checkpoint, key);
    assertThat(first.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(OUTPUT.get(key).keySet(), equalTo(java.util.Set.of(0L, 1L)));

    copy("file3.json", in, 3);
    StreamingQuery second = start(in, checkpoint, key);
    assertThat(second.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(second.id(), equalTo(first.id()));
    // one new batch, numbered after the committed ones, with the state of the first run
    assertThat(OUTPUT.get(key).keySet(), equalTo(java.util.Set.of(0L, 1L, 2L)));
    assertThat(
        OUTPUT.get(key).get(2L),
        equalTo(List.of("10:00-10:10 close 3", "10:00-10:10 open 4", "10:10-10:20 open 1")));

    StreamingQuery third = start(in, checkpoint, key);
    assertThat(third.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(OUTPUT.get(key).size(), equalTo(3)); // nothing new: no batch
  }

  @Test
  public void aFileSinkWritesEachRowOnceAcrossRestarts() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    Path out = tmp.newFolder("out").toPath();
    Path checkpoint = tmp.newFolder("cp").toPath();
    copy("file1.json", in, 1);
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    for (int run = 0; run < 3; run++) {
      if (run == 1) {
        copy("file2.json", in, 2);
      }
      StreamingQuery q =
          session
              .readStream()
              .schema("id STRING, action STRING, ts TIMESTAMP")
              .json(in.toString())
              .select(col("id"), col("action"))
              .writeStream()
              .format("json")
              .option("path", out.toString())
              .option("checkpointLocation", checkpoint.toString())
              .trigger(Trigger.AvailableNow())
              .start();
      assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    }
    long lines;
    try (Stream<Path> files = Files.list(out)) {
      lines =
          files
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .mapToLong(
                  p -> {
                    try {
                      return Files.readAllLines(p).size();
                    } catch (IOException e) {
                      throw new RuntimeException(e);
                    }
                  })
              .sum();
    }
    assertThat(lines, equalTo(6L)); // 4 rows of file1 + 2 of file2, each once
  }

  @Test
  public void anotherQueryCannotRestartFromTheCheckpoint() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    Path checkpoint = tmp.newFolder("cp").toPath();
    copy("file1.json", in, 1);
    StreamingQuery q = start(in, checkpoint, "other" + System.nanoTime());
    q.awaitTermination(HangGuard.MILLIS);
    StreamingSession session = StreamingSession.builder().getOrCreate();
    DataStreamWriter different =
        session
            .readStream()
            .schema("id STRING, action STRING, ts TIMESTAMP")
            .json(in.toString())
            .writeStream()
            .format("noop")
            .option("checkpointLocation", checkpoint.toString());
    assertThat(
        assertThrows(AnalysisException.class, different::start).getMessage(),
        containsString("was written by a different query"));
  }
}
