package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.io.schema.DdlSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * Windowed counts with a 10-minute watermark, worked out from Spark's documented semantics: the
 * watermark of a batch is the previous batch's max event time minus the delay; update mode emits
 * changed windows, append mode emits a window once the watermark passes its end (in a no-data batch
 * if need be); rows for windows already past the watermark are dropped.
 */
@RunWith(Parameterized.class)
public class WatermarkTest {
  static final Schema SCHEMA = DdlSchema.parse("action STRING, ts TIMESTAMP");
  static final Map<String, Map<Long, List<String>>> OUTPUT = new ConcurrentHashMap<>();

  @Parameterized.Parameters(name = "{0}")
  public static List<Object[]> runners() {
    return Arrays.asList(new Object[][] {{"MicroBatchRunner"}, {"DirectRunner"}});
  }

  private final String runner;

  public WatermarkTest(String runner) {
    this.runner = runner;
  }

  static Row event(String action, String time) {
    return Row.withSchema(SCHEMA)
        .addValues(action, Instant.parse("2018-03-02T" + time + ":00Z"))
        .build();
  }

  static List<List<Row>> script(List<Row>... batches) {
    return new ArrayList<>(Arrays.asList(batches));
  }

  private StreamingQuery lastQuery;

  Map<Long, List<String>> run(String mode, List<List<Row>> batches) {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", runner);
    String key = runner + mode + System.nanoTime();
    OUTPUT.put(key, new TreeMap<>());
    lastQuery =
        TestSources.scripted(session, SCHEMA, batches)
            .withWatermark("ts", "10 minutes")
            .groupBy(window(col("ts"), "10 minutes"), col("action"))
            .count()
            .writeStream()
            .outputMode(mode)
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
    assertThat(lastQuery.awaitTermination(HangGuard.MILLIS), equalTo(true));
    return OUTPUT.get(key);
  }

  private static final List<List<Row>> EVENTS =
      script(
          List.of(event("open", "10:02"), event("open", "10:03")),
          List.of(event("open", "10:12"), event("close", "10:05")),
          List.of(event("open", "10:25"), event("open", "10:01")));

  @Test
  public void updateModeEmitsChangedWindowsAndRunsTheNoDataBatch() {
    Map<Long, List<String>> expected = new TreeMap<>();
    expected.put(0L, List.of("10:00-10:10 open 2"));
    expected.put(1L, List.of("10:00-10:10 close 1", "10:10-10:20 open 1"));
    expected.put(2L, List.of("10:00-10:10 open 3", "10:20-10:30 open 1"));
    // no-data batch: the watermark moved to 10:15, so the windows ending at 10:10 are evicted
    expected.put(3L, List.of());
    assertThat(run("update", EVENTS), equalTo(expected));
    StreamingQueryProgress last = lastQuery.lastProgress();
    assertThat(last.batchId(), equalTo(3L));
    assertThat(last.eventTime().get("watermark"), equalTo("2018-03-02T10:15:00.000Z"));
    assertThat(last.stateOperators().get(0).numRowsTotal(), equalTo(2L));
    assertThat(last.stateOperators().get(0).numRowsRemoved(), equalTo(2L));
  }

  @Test
  public void appendModeEmitsEachWindowOnceAfterTheWatermarkPassesIt() {
    Map<Long, List<String>> expected = new TreeMap<>();
    expected.put(0L, List.of());
    expected.put(1L, List.of());
    expected.put(2L, List.of());
    expected.put(3L, List.of("10:00-10:10 close 1", "10:00-10:10 open 3"));
    assertThat(run("append", EVENTS), equalTo(expected));
  }

  @Test
  public void lateRowsAreDroppedAndCounted() {
    List<List<Row>> batches = new ArrayList<>(EVENTS);
    batches.add(List.of(event("open", "10:04"), event("open", "10:26")));
    Map<Long, List<String>> expected = new TreeMap<>();
    expected.put(0L, List.of("10:00-10:10 open 2"));
    expected.put(1L, List.of("10:00-10:10 close 1", "10:10-10:20 open 1"));
    expected.put(2L, List.of("10:00-10:10 open 3", "10:20-10:30 open 1"));
    expected.put(3L, List.of("10:20-10:30 open 2"));
    expected.put(4L, List.of()); // 10:26 moved the watermark to 10:16: a no-data batch runs
    assertThat(run("update", batches), equalTo(expected));
    StreamingQueryProgress batch3 = lastQuery.recentProgress().get(3);
    assertThat(batch3.stateOperators().get(0).numRowsDroppedByWatermark(), equalTo(1L));
    assertThat(batch3.eventTime().get("watermark"), equalTo("2018-03-02T10:15:00.000Z"));
  }
}
