package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.io.format.JsonRowParser;
import dev.sluice.io.format.RowParser;
import dev.sluice.io.schema.DdlSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** The seed's mobile example: Spark's batch-by-batch output in complete mode. */
public class MobileTest {
  private static final Schema SCHEMA = DdlSchema.parse("id STRING, action STRING, ts TIMESTAMP");
  static final Map<String, Map<Long, List<String>>> OUTPUT = new ConcurrentHashMap<>();

  static List<List<Row>> files() throws IOException {
    RowParser parser = JsonRowParser.of(SCHEMA);
    List<List<Row>> batches = new ArrayList<>();
    for (String f : List.of("file1.json", "file2.json", "file3.json", "newaction.json")) {
      Path path = Paths.get("../../shared/data/mobile", f);
      if (!Files.exists(path)) {
        path = Paths.get("/work/shared/data/mobile", f);
      }
      List<Row> rows = new ArrayList<>();
      for (String line : Files.readAllLines(path)) {
        if (!line.isBlank()) {
          rows.addAll(parser.parse(line, f).rows());
        }
      }
      batches.add(rows);
    }
    return batches;
  }

  private Map<Long, List<String>> run(String runner) throws Exception {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", runner);
    String key = runner + System.nanoTime();
    DataFrame events = TestSources.scripted(session, SCHEMA, files());
    StreamingQuery q =
        events
            .groupBy(window(col("ts"), "10 minutes"), col("action"))
            .count()
            .writeStream()
            .outputMode("complete")
            .foreachBatch(
                (frame, id) ->
                    OUTPUT
                        .computeIfAbsent(key, k -> new TreeMap<>())
                        .put(
                            id,
                            frame.collectAsList().stream()
                                .map(MobileTest::format)
                                .collect(Collectors.toList())))
            .start();
    q.awaitTermination(HangGuard.MILLIS);
    assertThat(q.isActive(), equalTo(false));
    return OUTPUT.get(key);
  }

  static String format(Row r) {
    Row w = r.getRow(0);
    return w.getDateTime("start").toString().substring(11, 16)
        + "-"
        + w.getDateTime("end").toString().substring(11, 16)
        + " "
        + r.getString(1)
        + " "
        + r.getInt64(2);
  }

  private static final Map<Long, List<String>> SPARK =
      Map.of(
          0L, List.of("10:00-10:10 close 1", "10:00-10:10 open 3"),
          1L, List.of("10:00-10:10 close 2", "10:00-10:10 open 4"),
          2L, List.of("10:00-10:10 close 3", "10:00-10:10 open 4", "10:10-10:20 open 1"),
          3L,
              List.of(
                  "10:00-10:10 close 3",
                  "10:00-10:10 open 4",
                  "10:10-10:20 open 1",
                  "11:00-11:10 crash 1",
                  "11:10-11:20 swipe 1"));

  @Test
  public void microBatchRunnerGivesSparksBatches() throws Exception {
    assertThat(run("MicroBatchRunner"), equalTo(new TreeMap<>(SPARK)));
  }

  @Test
  public void directRunnerGivesSparksBatches() throws Exception {
    assertThat(run("DirectRunner"), equalTo(new TreeMap<>(SPARK)));
  }
}
