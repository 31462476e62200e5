package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.beam.sdk.values.Row;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The rate and text sources, and a file source that picks up files added while it runs. */
public class MoreSourcesTest {
  static final Map<String, List<Row>> SEEN = new ConcurrentHashMap<>();
  static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private StreamingSession session;

  @Before
  public void setUp() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
  }

  @Test
  public void rateSourceCountsUpWithTimestamps() throws Exception {
    String key = "rate" + System.nanoTime();
    SEEN.put(key, new ArrayList<>());
    LATCHES.put(key, new CountDownLatch(1));
    DataFrame rate = session.readStream().format("rate").option("rowsPerSecond", 20).load();
    assertThat(rate.schemaString(), startsWith("root\n |-- timestamp: timestamp"));
    StreamingQuery q =
        rate.writeStream()
            .foreachBatch(
                (frame, id) -> {
                  synchronized (SEEN) {
                    SEEN.get(key).addAll(frame.collectAsList());
                    if (SEEN.get(key).size() >= 20) {
                      LATCHES.get(key).countDown();
                    }
                  }
                })
            .start();
    try {
      assertThat(LATCHES.get(key).await(HangGuard.MILLIS, TimeUnit.MILLISECONDS), equalTo(true));
    } finally {
      q.stop();
    }
    List<Row> rows;
    synchronized (SEEN) {
      rows = new ArrayList<>(SEEN.remove(key));
    }
    rows.sort((a, b) -> Long.compare(a.getInt64("value"), b.getInt64("value")));
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).getInt64("value"), equalTo((long) i));
    }
    // value v is due v / rowsPerSecond seconds after the start: 50 ms apart at 20 rows/s
    long first = rows.get(0).getDateTime("timestamp").getMillis();
    assertThat(rows.get(19).getDateTime("timestamp").getMillis() - first, equalTo(19 * 50L));
    assertThat(q.recentProgress().size(), greaterThanOrEqualTo(1));
    assertThat(
        q.recentProgress().get(0).sources().get(0).description(),
        startsWith("RateStreamV2[rowsPerSecond=20"));
  }

  @Test
  public void textSourcePicksUpFilesAddedWhileRunning() throws Exception {
    Path dir = tmp.newFolder().toPath();
    Files.writeString(dir.resolve("1.txt"), "a b\nc\n", StandardCharsets.UTF_8);
    String table = "text_" + System.nanoTime();
    StreamingQuery q =
        session
            .readStream()
            .text(dir.toString())
            .select(Functions.explode(Functions.split(col("value"), " ")).as("word"))
            .groupBy("word")
            .count()
            .writeStream()
            .format("memory")
            .queryName(table)
            .outputMode("complete")
            .start();
    try {
      q.processAllAvailable();
      assertThat(counts(table), equalTo(Map.of("a", 1L, "b", 1L, "c", 1L)));
      // As Spark requires, a new file appears whole: written under a hidden name, then moved in.
      // Written in place, a poll could list it while it is still empty, take it as read, and
      // never read its line.
      Path hidden = dir.resolve(".2.txt");
      Files.writeString(hidden, "a a\n", StandardCharsets.UTF_8);
      Files.setLastModifiedTime(hidden, FileTime.fromMillis(System.currentTimeMillis()));
      Files.move(hidden, dir.resolve("2.txt"), StandardCopyOption.ATOMIC_MOVE);
      q.processAllAvailable();
      assertThat(counts(table), equalTo(Map.of("a", 3L, "b", 1L, "c", 1L)));
      assertThat(q.lastProgress().numInputRows(), equalTo(1L));
    } finally {
      q.stop();
    }
  }

  private Map<String, Long> counts(String table) {
    return session.table(table).collectAsList().stream()
        .collect(
            Collectors.toMap(r -> r.getString(0), r -> r.getInt64(1), (a, b) -> a, TreeMap::new));
  }
}
