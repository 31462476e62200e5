package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The seed's mobile example read by the real file source (one file per trigger, {@code
 * Trigger.AvailableNow()}) and printed by the console sink, compared with Spark's {@code Batch: N}
 * tables character by character.
 */
public class FileSourceConsoleTest {
  private static final String W1 = "{2018-03-02 10:00:00, 2018-03-02 10:10:00}";
  private static final String W2 = "{2018-03-02 10:10:00, 2018-03-02 10:20:00}";
  private static final String W11 = "{2018-03-02 11:00:00, 2018-03-02 11:10:00}";
  private static final String W12 = "{2018-03-02 11:10:00, 2018-03-02 11:20:00}";

  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  /** The mobile files in a fresh directory, modified in the order the seed streams them. */
  static Path mobileDir(Path dir) throws IOException {
    Path source = Paths.get("../../shared/data/mobile");
    if (!Files.isDirectory(source)) {
      source = Paths.get("/work/shared/data/mobile");
    }
    long time = 1_600_000_000_000L;
    for (String f : List.of("file1.json", "file2.json", "file3.json", "newaction.json")) {
      Path copy = Files.copy(source.resolve(f), dir.resolve(f));
      copy.toFile().setWritable(true);
      Files.setLastModifiedTime(copy, FileTime.fromMillis(time));
      time += 60_000;
    }
    return dir;
  }

  /** Runs the windowed count of the mobile files in {@code mode}; returns the console output. */
  private String run(String runner, String mode, boolean watermark) throws Exception {
    return run(runner, mode, watermark, false);
  }

  private String run(String runner, String mode, boolean watermark, boolean latestFirst)
      throws Exception {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", runner);
    String dir = mobileDir(tmp.newFolder().toPath()).toString();
    DataFrame events =
        session
            .readStream()
            .schema("id STRING, action STRING, ts TIMESTAMP")
            .option("maxFilesPerTrigger", 1)
            .option("latestFirst", latestFirst)
            .json(dir);
    if (watermark) {
      events = events.withWatermark("ts", "10 minutes");
    }
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StreamingQuery q =
        events
            .groupBy(window(col("ts"), "10 minutes"), col("action"))
            .count()
            .writeStream()
            .format("console")
            .option("truncate", "false")
            .printTo(new PrintStream(captured, true, StandardCharsets.UTF_8))
            .outputMode(mode)
            .trigger(Trigger.AvailableNow())
            .start();
    try {
      assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
      assertThat(q.exception().isPresent(), equalTo(false));
      assertThat(q.lastProgress().sources().get(0).description(), startsWith("FileStreamSource["));
    } finally {
      q.stop();
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  /** Spark's console sink output for one batch: banner, then {@code show(numRows, false)}. */
  static String batch(long id, List<String[]> rows) {
    String[] header = {"window", "action", "count"};
    int[] width = new int[3];
    List<String[]> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (String[] r : all) {
      for (int i = 0; i < 3; i++) {
        width[i] = Math.max(Math.max(width[i], r[i].length()), 3);
      }
    }
    StringBuilder sep = new StringBuilder("+");
    for (int w : width) {
      sep.append("-".repeat(w)).append('+');
    }
    StringBuilder s = new StringBuilder();
    String dashes = "-------------------------------------------\n";
    s.append(dashes).append("Batch: ").append(id).append('\n').append(dashes);
    s.append(sep).append('\n');
    for (int r = 0; r < all.size(); r++) {
      s.append('|');
      for (int i = 0; i < 3; i++) {
        String cell = all.get(r)[i];
        s.append(cell).append(" ".repeat(width[i] - cell.length())).append('|');
      }
      s.append('\n');
      if (r == 0) {
        s.append(sep).append('\n');
      }
    }
    return s.append(sep).append("\n\n").toString();
  }

  private static String lastBatch(String out) {
    return out.substring(out.lastIndexOf("-------------------------------------------\nBatch: "));
  }

  private static String[] r(String window, String action, long count) {
    return new String[] {window, action, Long.toString(count)};
  }

  @Test
  public void completeModePrintsSparksTables() throws Exception {
    // The README's Spark 4.0.1 output, one file per batch, the whole result table each time.
    String expected =
        batch(0, List.of(r(W1, "close", 1), r(W1, "open", 3)))
            + batch(1, List.of(r(W1, "close", 2), r(W1, "open", 4)))
            + batch(2, List.of(r(W1, "close", 3), r(W1, "open", 4), r(W2, "open", 1)))
            + batch(
                3,
                List.of(
                    r(W1, "close", 3),
                    r(W1, "open", 4),
                    r(W2, "open", 1),
                    r(W11, "crash", 1),
                    r(W12, "swipe", 1)));
    assertThat(run("MicroBatchRunner", "complete", false), equalTo(expected));
  }

  @Test
  public void latestFirstReadsTheNewestFileFirst() throws Exception {
    // latestFirst: newaction, file3, file2, file1; the final table is the same
    String expected =
        batch(0, List.of(r(W11, "crash", 1), r(W12, "swipe", 1)))
            + batch(
                1,
                List.of(
                    r(W1, "close", 1), r(W2, "open", 1), r(W11, "crash", 1), r(W12, "swipe", 1)))
            + batch(
                2,
                List.of(
                    r(W1, "close", 2),
                    r(W1, "open", 1),
                    r(W2, "open", 1),
                    r(W11, "crash", 1),
                    r(W12, "swipe", 1)))
            + batch(
                3,
                List.of(
                    r(W1, "close", 3),
                    r(W1, "open", 4),
                    r(W2, "open", 1),
                    r(W11, "crash", 1),
                    r(W12, "swipe", 1)));
    assertThat(run("MicroBatchRunner", "complete", false, true), equalTo(expected));
  }

  @Test
  public void completeModeOnDirectRunnerEndsWithSparksTable() throws Exception {
    // DirectRunner has no micro-batches of its own, but the file source defines them: the same
    // four tables, and above all the same final one.
    String out = run("DirectRunner", "complete", false);
    String last =
        batch(
            3,
            List.of(
                r(W1, "close", 3),
                r(W1, "open", 4),
                r(W2, "open", 1),
                r(W11, "crash", 1),
                r(W12, "swipe", 1)));
    assertThat(lastBatch(out), equalTo(last));
  }

  @Test
  public void updateModeWithWatermarkPrintsChangedRowsAndTheNoDataBatch() throws Exception {
    // Spark's watermark for batch n is max(ts seen in batches < n) - 10 minutes (0 at first).
    // batch 0 file1  wm 0         : [10:00,10:10) close 1, open 3 changed      -> max 10:04:35
    // batch 1 file2  wm 09:54:35  : close 2, open 4 changed                    -> max 10:07:50
    // batch 2 file3  wm 09:57:50  : close 10:04:50 is not late (window ends 10:10 > wm):
    //                               close 3 and the new [10:10,10:20) open 1   -> max 10:10:50
    // batch 3 newaction wm 10:00:50: crash and swipe windows are new           -> max 11:17:29
    // batch 4 no data  wm 11:07:29: the watermark moved past the ends of the 10:00 and 10:10
    //                               windows, so Spark runs a no-data batch to evict them; update
    //                               mode emits nothing for evicted groups: an empty table.
    // Then nothing moves and AvailableNow ends the query.
    String expected =
        batch(0, List.of(r(W1, "close", 1), r(W1, "open", 3)))
            + batch(1, List.of(r(W1, "close", 2), r(W1, "open", 4)))
            + batch(2, List.of(r(W1, "close", 3), r(W2, "open", 1)))
            + batch(3, List.of(r(W11, "crash", 1), r(W12, "swipe", 1)))
            + batch(4, List.of());
    assertThat(run("MicroBatchRunner", "update", true), equalTo(expected));
  }

  @Test
  public void appendModeWithWatermarkPrintsWindowsOnceTheWatermarkPassesTheirEnd()
      throws Exception {
    // Same watermarks as in update mode. A window is emitted once, when window.end <= watermark:
    // batches 0-3 (wm at most 10:00:50) finalize nothing and print empty tables; the no-data
    // batch 4 (wm 11:07:29) emits the 10:00 and 10:10 windows with their final counts. The 11:00
    // and 11:10 windows never become final: AvailableNow stops when no batch is needed.
    String expected =
        batch(0, List.of())
            + batch(1, List.of())
            + batch(2, List.of())
            + batch(3, List.of())
            + batch(4, List.of(r(W1, "close", 3), r(W1, "open", 4), r(W2, "open", 1)));
    assertThat(run("MicroBatchRunner", "append", true), equalTo(expected));
  }
}
