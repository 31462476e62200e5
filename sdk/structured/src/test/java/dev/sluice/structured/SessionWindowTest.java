package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.session_window;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;

/** Session windows merge across batches as events close the gaps between them. */
public class SessionWindowTest {
  static final Map<String, Map<Long, List<String>>> OUTPUT = new ConcurrentHashMap<>();

  @Test
  public void sessionsMergeWhenANewEventBridgesThem() {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    String key = "sessions" + System.nanoTime();
    OUTPUT.put(key, new TreeMap<>());
    List<List<Row>> batches = new ArrayList<>();
    batches.add(List.of(WatermarkTest.event("u1", "10:00"), WatermarkTest.event("u1", "10:20")));
    // 10:08 extends the first session to 10:18; 10:15 then bridges it with the second one
    batches.add(
        List.of(
            WatermarkTest.event("u1", "10:08"),
            WatermarkTest.event("u2", "10:01"),
            WatermarkTest.event("u1", "10:15")));
    StreamingQuery q =
        TestSources.scripted(session, WatermarkTest.SCHEMA, batches)
            .groupBy(session_window(col("ts"), "10 minutes"), col("action"))
            .count()
            .writeStream()
            .outputMode("complete")
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
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(OUTPUT.get(key).get(0L), equalTo(List.of("10:00-10:10 u1 1", "10:20-10:30 u1 1")));
    assertThat(OUTPUT.get(key).get(1L), equalTo(List.of("10:00-10:30 u1 4", "10:01-10:11 u2 1")));
  }
}
