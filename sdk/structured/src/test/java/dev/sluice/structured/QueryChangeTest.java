package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Restarting from a checkpoint after the query's code changed, as Spark's "recovery semantics after
 * changes in a streaming query": stateless changes (a new filter, another projection) are allowed
 * and keep the state; adding, removing or changing a stateful operation, or changing the number of
 * sources, is refused naming what changed; a changed {@code spark.sql.shuffle.partitions} is
 * ignored in favour of the checkpoint's.
 */
public class QueryChangeTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  static final Map<String, Map<Long, List<String>>> OUTPUT = new ConcurrentHashMap<>();

  private StreamingSession session(int shards) {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    session.conf().set("spark.sql.shuffle.partitions", Integer.toString(shards));
    return session;
  }

  private DataFrame events(StreamingSession session, Path in) {
    return session
        .readStream()
        .schema("id STRING, action STRING, ts TIMESTAMP")
        .option("maxFilesPerTrigger", 1)
        .json(in.toString());
  }

  private StreamingQuery run(DataFrame frame, Path checkpoint, String key) {
    OUTPUT.computeIfAbsent(key, k -> new TreeMap<>());
    return frame
        .writeStream()
        .outputMode("complete")
        .trigger(Trigger.AvailableNow())
        .option("checkpointLocation", checkpoint.toString())
        .foreachBatch(
            (batch, id) ->
                OUTPUT
                    .get(key)
                    .put(
                        id,
                        batch.collectAsList().stream()
                            .map(MobileTest::format)
                            .collect(Collectors.toList())))
        .start();
  }

  private static void finish(StreamingQuery q) throws Exception {
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
  }

  private static DataFrame counts(DataFrame events) {
    return events.groupBy(window(col("ts"), "10 minutes"), col("action")).count();
  }

  @Test
  public void aNewFilterIsACompatibleChangeAndKeepsTheState() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    Path checkpoint = tmp.newFolder("cp").toPath();
    RestartTest.copy("file1.json", in, 1);
    RestartTest.copy("file2.json", in, 2);
    String key = "filter" + System.nanoTime();
    finish(run(counts(events(session(4), in)), checkpoint, key));
    RestartTest.copy("file3.json", in, 3);
    // the second run drops "close" events before counting: stateless, so allowed
    UnaryOperator<DataFrame> onlyOpen = df -> df.filter(col("action").equalTo("open"));
    finish(run(counts(onlyOpen.apply(events(session(4), in))), checkpoint, key));
    // the counts of the first run are kept; of file3 only its "open" event is added to them
    assertThat(
        OUTPUT.get(key).get(2L),
        equalTo(List.of("10:00-10:10 close 2", "10:00-10:10 open 4", "10:10-10:20 open 1")));
  }

  @Test
  public void anotherAggregationIsRefusedNamingTheStateThatChanged() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    Path checkpoint = tmp.newFolder("cp").toPath();
    RestartTest.copy("file1.json", in, 1);
    finish(run(counts(events(session(4), in)), checkpoint, "agg" + System.nanoTime()));
    DataFrame byAction = events(session(4), in).groupBy(col("action")).count();
    AnalysisException e =
        assertThrows(
            AnalysisException.class, () -> run(byAction, checkpoint, "agg2" + System.nanoTime()));
    assertThat(e.getMessage(), containsString("was written by a different query"));
    assertThat(e.getMessage(), containsString("is not compatible with its existing state"));
    assertThat(e.getMessage(), containsString("new checkpoint location"));
  }

  @Test
  public void addingADeduplicationIsRefused() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    Path checkpoint = tmp.newFolder("cp").toPath();
    RestartTest.copy("file1.json", in, 1);
    finish(run(counts(events(session(4), in)), checkpoint, "dedup" + System.nanoTime()));
    DataFrame deduplicated = counts(events(session(4), in).dropDuplicates("id"));
    AnalysisException e =
        assertThrows(
            AnalysisException.class,
            () -> run(deduplicated, checkpoint, "dedup2" + System.nanoTime()));
    assertThat(e.getMessage(), containsString("adding or removing an aggregation"));
  }

  @Test
  public void anotherSourceIsRefused() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    Path checkpoint = tmp.newFolder("cp").toPath();
    RestartTest.copy("file1.json", in, 1);
    StreamingSession session = session(4);
    finish(run(counts(events(session, in)), checkpoint, "src" + System.nanoTime()));
    DataFrame two = counts(events(session, in).union(events(session, in)));
    AnalysisException e =
        assertThrows(
            AnalysisException.class, () -> run(two, checkpoint, "src2" + System.nanoTime()));
    assertThat(
        e.getMessage(),
        containsString("there are 1 sources in the checkpoint and now there are 2 sources"));
  }

  @Test
  public void aRestartKeepsTheCheckpointsShufflePartitions() throws Exception {
    Path in = tmp.newFolder("in").toPath();
    Path checkpoint = tmp.newFolder("cp").toPath();
    RestartTest.copy("file1.json", in, 1);
    RestartTest.copy("file2.json", in, 2);
    String key = "shards" + System.nanoTime();
    finish(run(counts(events(session(4), in)), checkpoint, key));
    RestartTest.copy("file3.json", in, 3);
    StreamingQuery second = run(counts(events(session(7), in)), checkpoint, key);
    finish(second);
    assertThat(
        OUTPUT.get(key).get(2L),
        equalTo(List.of("10:00-10:10 close 3", "10:00-10:10 open 4", "10:10-10:20 open 1")));
  }
}
