package dev.sluice.examples.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.examples.Main;
import dev.sluice.examples.Run;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingQueryProgress;
import dev.sluice.structured.StreamingSession;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@code mobile} prints Spark's four batches (seed 003, data/mobile/README.md) on both runners. */
@RunWith(JUnit4.class)
public class MobileTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static String batch(int id, String... rows) {
    String rule = "+------------------------------------------+------+-----+\n";
    StringBuilder s =
        new StringBuilder()
            .append("-------------------------------------------\n")
            .append("Batch: ")
            .append(id)
            .append("\n-------------------------------------------\n")
            .append(rule)
            .append("|window                                    |action|count|\n")
            .append(rule);
    for (String row : rows) {
      s.append(row).append('\n');
    }
    return s.append(rule).append('\n').toString();
  }

  private static final String W1 = "|{2018-03-02 10:00:00, 2018-03-02 10:10:00}|";
  private static final String W2 = "|{2018-03-02 10:10:00, 2018-03-02 10:20:00}|";

  /** Spark 4.0.1's batches; rows sorted by their columns, as Sluice's console does. */
  static final String SPARK =
      batch(0, W1 + "close |1    |", W1 + "open  |3    |")
          + batch(1, W1 + "close |2    |", W1 + "open  |4    |")
          + batch(2, W1 + "close |3    |", W1 + "open  |4    |", W2 + "open  |1    |")
          + batch(
              3,
              W1 + "close |3    |",
              W1 + "open  |4    |",
              W2 + "open  |1    |",
              "|{2018-03-02 11:00:00, 2018-03-02 11:10:00}|crash |1    |",
              "|{2018-03-02 11:10:00, 2018-03-02 11:20:00}|swipe |1    |");

  @Test
  public void printsSparksBatchesOnMicroBatchRunner() {
    Run run = Run.of("mobile");
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(run.out, equalTo(SPARK));
  }

  @Test
  public void printsSparksBatchesOnDirectRunner() {
    Run run = Run.of("mobile", "--runner=DirectRunner");
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(run.out, equalTo(SPARK));
  }

  /** Copies a sample file into {@code dir} whole (hidden, then moved in), as Spark requires. */
  private static void copy(String name, Path dir) throws Exception {
    Path hidden = dir.resolve("." + name);
    try (InputStream in =
        MobileTest.class.getClassLoader().getResourceAsStream("data/mobile/" + name)) {
      Files.copy(in, hidden);
    }
    Files.move(hidden, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** The one running query once it has finished batch {@code id}. */
  private static StreamingQuery awaitBatch(long id) throws InterruptedException {
    long deadline = System.currentTimeMillis() + Run.HANG_GUARD_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      StreamingQuery[] active = StreamingSession.active().streams().active();
      if (active.length == 1) {
        StreamingQueryProgress last = active[0].lastProgress();
        if (last != null && last.batchId() >= id) {
          return active[0];
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("No batch " + id + " within the hang guard");
  }

  @Test
  public void followKeepsWatchingTheDirectoryForNewFiles() throws Exception {
    Path dir = tmp.newFolder("input").toPath();
    copy("file1.json", dir);
    CompletableFuture<Run> run =
        CompletableFuture.supplyAsync(
            () ->
                Run.of("mobile", "--follow", "--input", dir.toString(), "--batch-interval=200ms"));
    awaitBatch(0);
    copy("file2.json", dir); // as the seed's `cp file2.json ../input/`
    awaitBatch(1).stop();
    Run done = run.get(Run.HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS);
    assertThat(done.toString(), done.code, equalTo(0));
    String batch2 = "-------------------------------------------\nBatch: 2";
    assertThat(done.out, equalTo(SPARK.substring(0, SPARK.indexOf(batch2))));
    assertThat(done.err, equalTo("Watching " + dir + " for new files; Ctrl-C stops.\n"));
  }

  @Test
  public void inputMustBeADirectory() throws Exception {
    File file = tmp.newFile("events.json");
    Run run = Run.of("mobile", "--input", file.toString());
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(
        run.err,
        equalTo(
            "sluice-examples mobile: --input "
                + file
                + " is a file; give the directory the stream reads files from (see"
                + " sluice-examples mobile --help)\n"));
  }

  @Test
  public void missingInputIsAUsageError() {
    Run run = Run.of("mobile", "--input", "/no/such/dir");
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(
        run.err,
        equalTo(
            "sluice-examples mobile: --input /no/such/dir: no such file or directory; give an"
                + " existing path (see sluice-examples mobile --help)\n"));
  }
}
