package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.Test;

/** Progress reports with Spark's field names, and the session's query listeners. */
public class ProgressTest {
  @Test
  public void progressAndListenersFollowEachBatch() throws Exception {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    List<String> events = new CopyOnWriteArrayList<>();
    StreamingQueryListener listener =
        new StreamingQueryListener() {
          @Override
          public void onQueryStarted(QueryStartedEvent event) {
            events.add(event.id() + " started " + event.name());
          }

          @Override
          public void onQueryProgress(QueryProgressEvent event) {
            events.add(event.progress().id() + " progress " + event.progress().batchId());
          }

          @Override
          public void onQueryTerminated(QueryTerminatedEvent event) {
            events.add(event.id() + " terminated " + event.exception().isPresent());
          }
        };
    session.streams().addListener(listener);
    try {
      StreamingQuery q =
          TestSources.scripted(
                  session,
                  WatermarkTest.SCHEMA,
                  WatermarkTest.script(
                      List.of(
                          WatermarkTest.event("open", "10:02"),
                          WatermarkTest.event("open", "10:03")),
                      List.of(WatermarkTest.event("close", "10:12"))))
              .withWatermark("ts", "10 minutes")
              .groupBy(window(col("ts"), "10 minutes"), col("action"))
              .count()
              .writeStream()
              .queryName("progress_test")
              .outputMode("update")
              .format("noop")
              .start();
      assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
      assertThat(q.name(), equalTo("progress_test"));
      List<StreamingQueryProgress> all = q.recentProgress();
      // two data batches, then the no-data batch the watermark move (to 10:02) makes
      assertThat(all, hasSize(3));
      StreamingQueryProgress first = all.get(0);
      assertThat(first.batchId(), equalTo(0L));
      assertThat(first.numInputRows(), equalTo(2L));
      assertThat(first.eventTime().get("watermark"), equalTo("1970-01-01T00:00:00.000Z"));
      assertThat(first.eventTime().get("max"), equalTo("2018-03-02T10:03:00.000Z"));
      assertThat(first.stateOperators().get(0).operatorName(), equalTo("stateStoreSave"));
      assertThat(first.stateOperators().get(0).numRowsTotal(), equalTo(1L));
      assertThat(first.sink().numOutputRows(), equalTo(1L));
      assertThat(all.get(2).numInputRows(), equalTo(0L));
      assertThat(all.get(2).eventTime().get("watermark"), equalTo("2018-03-02T10:02:00.000Z"));
      JsonNode json = new ObjectMapper().readTree(first.json());
      for (String field :
          List.of(
              "id",
              "runId",
              "name",
              "timestamp",
              "batchId",
              "numInputRows",
              "inputRowsPerSecond",
              "processedRowsPerSecond",
              "durationMs",
              "eventTime",
              "stateOperators",
              "sources",
              "sink")) {
        assertThat(field, json.has(field), equalTo(true));
      }
      assertThat(json.get("sources").get(0).get("description").asText(), equalTo("ScriptedSource"));
      assertThat(first.prettyJson(), containsString("\"batchId\" : 0"));
      String id = q.id() + " ";
      assertThat(
          events.stream()
              .filter(e -> e.startsWith(id))
              .map(e -> e.substring(id.length()))
              .collect(java.util.stream.Collectors.toList()),
          equalTo(
              List.of(
                  "started progress_test",
                  "progress 0",
                  "progress 1",
                  "progress 2",
                  "terminated false")));
    } finally {
      session.streams().removeListener(listener);
    }
  }
}
