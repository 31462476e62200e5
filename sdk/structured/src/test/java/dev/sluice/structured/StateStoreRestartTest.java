package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.session_window;
import static dev.sluice.structured.Functions.window;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * Stateful queries stopped and restarted from their checkpoint location write what one
 * uninterrupted run writes, with each state store (heap, rocksdb) on each runner: streaming
 * aggregation with eviction, session windows, dropDuplicates, a stream–stream join, and a batch
 * whose commit was lost (it runs again from the state before it). The uninterrupted run has no
 * checkpoint location, so its state is the runner's: the two kinds of state are checked against
 * each other too.
 */
@RunWith(Parameterized.class)
public class StateStoreRestartTest {
  private static final Map<String, Map<Long, List<String>>> OUTPUT = new ConcurrentHashMap<>();
  private static final int FILES = 4;

  @Parameterized.Parameters(name = "{0} on {1}")
  public static List<Object[]> stores() {
    return Arrays.asList(
        new Object[][] {
          {"heap", "MicroBatchRunner"},
          {"rocksdb", "MicroBatchRunner"},
          // the DirectRunner runs a shard on several function instances: each one's store loads
          // the shard's version from the files when another instance wrote it last
          {"rocksdb", "DirectRunner"}
        });
  }

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final String provider;
  private final String runner;
  private final StreamingSession session = StreamingSession.builder().getOrCreate();

  public StateStoreRestartTest(String provider, String runner) {
    this.provider = provider;
    this.runner = runner;
    session.conf().set("sluice.runner", runner);
    session.conf().set("spark.sql.streaming.stateStore.providerClass", provider);
    session.conf().set("spark.sql.shuffle.partitions", "3");
    // a snapshot every 3 versions, so restarts load snapshots and deltas
    session.conf().set("spark.sql.streaming.stateStore.minDeltasForSnapshot", "3");
  }

  @After
  public void resetSession() {
    session.conf().unset("spark.sql.streaming.stateStore.providerClass");
    session.conf().unset("spark.sql.shuffle.partitions");
    session.conf().unset("spark.sql.streaming.stateStore.minDeltasForSnapshot");
    session.conf().set("sluice.runner", "MicroBatchRunner");
  }

  /**
   * Event file {@code i}: 30 events of users u0..u9 between 10:00 + 6i minutes and 6 minutes later,
   * with repeated users, so windows fill over several files and close as the watermark moves.
   */
  static void addEventFile(Path dir, int i) throws IOException {
    StringBuilder lines = new StringBuilder();
    LocalDateTime base = LocalDateTime.parse("2018-03-02T10:00:00").plusMinutes(6L * i);
    for (int j = 0; j < 30; j++) {
      String user = "u" + ((j * 7 + i) % 10);
      LocalDateTime ts = base.plusSeconds((j * 11L) % 360);
      lines.append("{\"user\":\"").append(user).append("\",\"ts\":\"").append(ts).append("\"}\n");
    }
    Path hidden = dir.resolve(".events-" + i + ".json.tmp");
    Files.writeString(hidden, lines, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(hidden, FileTime.fromMillis(1_600_000_000_000L + i * 60_000L));
    Files.move(hidden, dir.resolve("events-" + i + ".json"), StandardCopyOption.ATOMIC_MOVE);
  }

  private DataFrame events(Path in) {
    return session
        .readStream()
        .schema("user STRING, ts TIMESTAMP")
        .option("maxFilesPerTrigger", 1)
        .json(in.toString());
  }

  /** Runs {@code query} over {@code in} to the end; its batches' rows by batch id. */
  private Map<Long, List<String>> run(
      Function<Path, DataFrame> query, Path in, String mode, Optional<Path> checkpoint, String key)
      throws Exception {
    OUTPUT.computeIfAbsent(key, k -> new TreeMap<>());
    DataStreamWriter writer =
        query
            .apply(in)
            .writeStream()
            .outputMode(mode)
            .trigger(Trigger.AvailableNow())
            .foreachBatch(
                (frame, id) ->
                    OUTPUT
                        .get(key)
                        .put(
                            id,
                            frame.collectAsList().stream()
                                .map(r -> r.getValues().toString())
                                .sorted()
                                .collect(Collectors.toList())));
    if (checkpoint.isPresent()) {
      writer = writer.option("checkpointLocation", checkpoint.get().toString());
    }
    StreamingQuery q = writer.start();
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(q.exception().isPresent(), equalTo(false));
    return OUTPUT.get(key);
  }

  private static List<String> allRows(Map<Long, List<String>> batches) {
    return batches.values().stream().flatMap(List::stream).sorted().collect(Collectors.toList());
  }

  /**
   * The rows of {@code query}: uninterrupted over all files, and stopped and restarted from its
   * checkpoint after files 2 and 4 ({@code loseLastCommit}: with the newest commit deleted before
   * each restart, so the batch runs again).
   */
  private void restartsMatchOneRun(
      Function<Path, DataFrame> query, String mode, boolean loseLastCommit) throws Exception {
    Path once = tmp.newFolder("once").toPath();
    for (int i = 0; i < FILES; i++) {
      addEventFile(once, i);
    }
    String tag = provider + runner + System.nanoTime();
    List<String> expected = allRows(run(query, once, mode, Optional.empty(), tag + "once"));
    assertThat(expected, not(empty()));

    Path in = tmp.newFolder("in").toPath();
    Path checkpoint = tmp.newFolder("cp").toPath();
    Map<Long, List<String>> restarted = null;
    for (int i = 0; i < FILES; i++) {
      addEventFile(in, i);
      if (i % 2 == 1) {
        restarted = run(query, in, mode, Optional.of(checkpoint), tag + "restarted");
        if (loseLastCommit && i < FILES - 1) {
          Files.delete(newest(checkpoint.resolve("commits")));
        }
      }
    }
    assertThat(allRows(restarted), equalTo(expected));
    assertThat(stateFiles(checkpoint, provider.equals("heap") ? ".delta" : ".changelog"), not(0L));
  }

  private static Path newest(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .max(Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString())))
          .orElseThrow();
    }
  }

  /** The number of state files ending in {@code suffix} under the checkpoint's state stores. */
  static long stateFiles(Path checkpoint, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(checkpoint.resolve("state"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
    }
  }

  @Test
  public void windowedCountsWithEvictionSurviveRestarts() throws Exception {
    restartsMatchOneRun(
        in ->
            events(in)
                .withWatermark("ts", "5 minutes")
                .groupBy(window(col("ts"), "5 minutes"), col("user"))
                .count(),
        "append",
        false);
  }

  @Test
  public void aBatchWhoseCommitWasLostRunsAgainFromTheStateBeforeIt() throws Exception {
    restartsMatchOneRun(
        in ->
            events(in)
                .withWatermark("ts", "5 minutes")
                .groupBy(window(col("ts"), "5 minutes"), col("user"))
                .count(),
        "append",
        true);
  }

  @Test
  public void sessionWindowsSurviveRestarts() throws Exception {
    restartsMatchOneRun(
        in ->
            events(in)
                .withWatermark("ts", "3 minutes")
                .groupBy(session_window(col("ts"), "50 seconds"), col("user"))
                .count(),
        "append",
        false);
  }

  @Test
  public void dropDuplicatesRemembersKeysAcrossRestarts() throws Exception {
    restartsMatchOneRun(in -> events(in).dropDuplicates("user"), "append", false);
  }

  @Test
  public void runningTotalsInCompleteModeSurviveRestarts() throws Exception {
    // complete mode: the last batch is the whole table; compare every batch's table
    Path once = tmp.newFolder("once").toPath();
    for (int i = 0; i < FILES; i++) {
      addEventFile(once, i);
    }
    Function<Path, DataFrame> totals = in -> events(in).groupBy(col("user")).count();
    String tag = provider + runner + System.nanoTime();
    Map<Long, List<String>> expected =
        run(totals, once, "complete", Optional.empty(), tag + "once");
    Path in = tmp.newFolder("in").toPath();
    Path checkpoint = tmp.newFolder("cp").toPath();
    Map<Long, List<String>> restarted = null;
    for (int i = 0; i < FILES; i++) {
      addEventFile(in, i);
      if (i % 2 == 1) {
        restarted = run(totals, in, "complete", Optional.of(checkpoint), tag + "restarted");
      }
    }
    List<String> last = expected.get(Collections.max(expected.keySet()));
    assertThat(restarted.get(Collections.max(restarted.keySet())), equalTo(last));
    assertThat(last.size(), equalTo(10));
  }

  @Test
  public void aStreamStreamJoinKeepsBothSidesAcrossRestarts() throws Exception {
    restartsMatchOneRun(
        in -> {
          DataFrame left =
              events(in)
                  .select(col("user").as("lu"), col("ts").as("lts"))
                  .withWatermark("lts", "5 minutes");
          DataFrame right =
              events(in)
                  .select(col("user").as("ru"), col("ts").as("rts"))
                  .withWatermark("rts", "5 minutes");
          return left.join(
              right, Functions.expr("lu = ru AND rts >= lts AND rts <= lts + interval 2 minutes"));
        },
        "append",
        false);
  }

  @Test
  public void statefulQueriesWithAStoreWriteStateFilesPerShard() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    addEventFile(in, 0);
    Path checkpoint = tmp.newFolder("cp").toPath();
    run(
        p -> events(p).groupBy(col("user")).count(),
        in,
        "update",
        Optional.of(checkpoint),
        "files" + System.nanoTime());
    List<String> shards;
    try (Stream<Path> dirs = Files.list(checkpoint.resolve("state").resolve("0"))) {
      shards = dirs.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
    assertThat(shards, equalTo(List.of("0", "1", "2")));
    // one data batch and the no-data batch: versions 1 and 2 in every shard
    String change = provider.equals("heap") ? ".delta" : ".changelog";
    List<String> files = new ArrayList<>();
    try (Stream<Path> shard0 = Files.list(checkpoint.resolve("state/0/0"))) {
      shard0.map(p -> p.getFileName().toString()).sorted().forEach(files::add);
    }
    assertThat(files, equalTo(List.of("1" + change, "2" + change)));
    assertThat(Files.size(checkpoint.resolve("state/0/0/1" + change)), greaterThan(0L));
  }
}
