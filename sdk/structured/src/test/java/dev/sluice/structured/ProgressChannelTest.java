package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import dev.sluice.structured.internal.exec.QueryContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * Progress on the files channel ({@code sluice.progress.channel=files}), as on a runner that runs
 * the pipeline away from the driver: the in-JVM channel is off (the sink step finds no listener in
 * the query's context), so {@code lastProgress()}, {@code recentProgress()} and the listeners must
 * get every batch from the checkpoint's progress log. On both runners.
 */
@RunWith(Parameterized.class)
public class ProgressChannelTest {
  @Parameterized.Parameters(name = "{0}")
  public static List<Object[]> runners() {
    return Arrays.asList(new Object[][] {{"MicroBatchRunner"}, {"DirectRunner"}});
  }

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private final String runner;
  private StreamingSession session;
  private final List<StreamingQueryProgress> heard = new CopyOnWriteArrayList<>();
  private final StreamingQueryListener listener =
      new StreamingQueryListener() {
        @Override
        public void onQueryStarted(QueryStartedEvent event) {}

        @Override
        public void onQueryProgress(QueryProgressEvent event) {
          heard.add(event.progress());
        }

        @Override
        public void onQueryTerminated(QueryTerminatedEvent event) {}
      };

  public ProgressChannelTest(String runner) {
    this.runner = runner;
  }

  @Before
  public void filesChannel() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", runner);
    session.conf().set("sluice.progress.channel", "files");
    session.streams().addListener(listener);
  }

  @After
  public void inJvmChannelAgain() {
    session.streams().removeListener(listener);
    session.conf().unset("sluice.progress.channel");
  }

  private Path input(String... files) throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("in");
    Files.createDirectories(dir);
    for (String file : files) {
      Files.writeString(
          dir.resolve(file + ".json"),
          "{\"action\":\"open\"}\n{\"action\":\"" + file + "\"}\n",
          StandardCharsets.UTF_8);
    }
    return dir;
  }

  private DataFrame counts(Path dir) {
    return session
        .readStream()
        .schema("action STRING")
        .option("maxFilesPerTrigger", 1)
        .json(dir.toString())
        .groupBy(col("action"))
        .count();
  }

  private List<Long> batchIds(List<StreamingQueryProgress> reports, StreamingQuery q) {
    return reports.stream()
        .filter(p -> p.id().equals(q.id().toString()))
        .map(StreamingQueryProgress::batchId)
        .collect(Collectors.toList());
  }

  private static void awaitCondition(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.currentTimeMillis() + HangGuard.MILLIS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("Timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  public void everyBatchsProgressArrivesThroughTheCheckpointsProgressLog() throws Exception {
    Path dir = input("a", "b", "c");
    Path checkpoint = tmp.getRoot().toPath().resolve("cp");
    StreamingQuery q =
        counts(dir)
            .writeStream()
            .format("noop")
            .outputMode("complete")
            .option("checkpointLocation", checkpoint.toString())
            .trigger(Trigger.AvailableNow())
            .start();
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(q.exception().isPresent(), equalTo(false));

    List<StreamingQueryProgress> all = q.recentProgress();
    assertThat(batchIds(all, q), equalTo(List.of(0L, 1L, 2L)));
    assertThat(all.get(0).numInputRows(), equalTo(2L));
    assertThat(all.get(0).runId(), equalTo(q.runId().toString()));
    assertThat(all.get(2).sources().get(0).description(), containsString("FileStreamSource["));
    assertThat(all.get(2).sources().get(0).endOffset(), equalTo("{\"logOffset\":2}"));
    assertThat(all.get(2).stateOperators().get(0).numRowsTotal(), equalTo(4L));
    assertThat(q.lastProgress().batchId(), equalTo(2L));
    assertThat(batchIds(heard, q), equalTo(List.of(0L, 1L, 2L)));
    for (long batch = 0; batch < 3; batch++) {
      Path entry = checkpoint.resolve("progress").resolve(Long.toString(batch));
      assertThat(entry + " exists", Files.exists(entry), equalTo(true));
    }
  }

  @Test
  public void aRunningQueryReportsThroughFilesWithoutTheInJvmListener() throws Exception {
    Path dir = input("a");
    StreamingQuery q =
        counts(dir)
            .writeStream()
            .format("noop")
            .outputMode("complete")
            .option("checkpointLocation", tmp.getRoot().toPath().resolve("cp").toString())
            .trigger(Trigger.ProcessingTime(0))
            .start();
    try {
      // the run's context is open in this JVM, but the in-JVM progress channel is off
      QueryContext context = QueryContext.find(q.runId().toString());
      assertThat(context, notNullValue());
      assertThat(context.listener(), nullValue());
      awaitCondition("batch 0 is reported", () -> q.lastProgress() != null);
      assertThat(q.lastProgress().numInputRows(), equalTo(2L));

      input("b");
      awaitCondition("batch 1 is reported", () -> q.lastProgress().batchId() >= 1);
      assertThat(batchIds(q.recentProgress(), q).subList(0, 2), equalTo(List.of(0L, 1L)));

      UnsupportedOperationException e =
          assertThrows(UnsupportedOperationException.class, q::processAllAvailable);
      assertThat(e.getMessage(), containsString("sluice.progress.channel=files"));
      assertThat(q.status().message(), containsString("progress log"));
    } finally {
      q.stop();
    }
    assertThat(QueryContext.find(q.runId().toString()), nullValue());
  }

  @Test
  public void theFilesChannelNeedsACheckpointLocationAndTheChannelAKnownName() throws Exception {
    DataFrame counts = counts(input("a"));
    IllegalArgumentException noCheckpoint =
        assertThrows(
            IllegalArgumentException.class,
            () -> counts.writeStream().format("noop").outputMode("complete").start());
    assertThat(noCheckpoint.getMessage(), containsString("checkpointLocation"));
    assertThat(noCheckpoint.getMessage(), containsString("sluice.progress.channel=jvm"));
    session.conf().set("sluice.progress.channel", "pigeons");
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> counts.writeStream().format("noop").outputMode("complete").start());
    assertThat(unknown.getMessage(), containsString("jvm or files, not 'pigeons'"));
  }
}
