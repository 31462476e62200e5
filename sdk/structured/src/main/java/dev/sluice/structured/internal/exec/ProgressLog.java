package dev.sluice.structured.internal.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.io.checkpoint.BatchLog;
import dev.sluice.io.checkpoint.CheckpointLayout;
import dev.sluice.io.checkpoint.LogCodec;
import dev.sluice.structured.StreamingQueryProgress;
import dev.sluice.structured.StreamingQueryProgress.SinkProgress;
import dev.sluice.structured.StreamingQueryProgress.SourceProgress;
import dev.sluice.structured.StreamingQueryProgress.StateOperatorProgress;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The query's progress log, {@code <checkpoint>/progress/<batchId>} (beyond Spark): the sink step
 * writes each batch's progress report there as Spark's progress JSON, and a driver that does not
 * share the pipeline's JVM reads it ({@code sluice.progress.channel=files}, the default on
 * distributed runners), so that {@code lastProgress()}, {@code recentProgress()} and the listeners
 * see every batch wherever the pipeline runs. Keeps the last {@link QueryLog#KEEP} batches.
 *
 * <pre>{@code
 * ProgressLog log = ProgressLog.at("/tmp/cp");
 * log.write(progress);                                   // the sink step, each batch
 * List<StreamingQueryProgress> news = log.after(2);      // the driver: batches 3, 4, ...
 * }</pre>
 */
public final class ProgressLog implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String root;
  @Nullable private transient BatchLog<List<String>> log;

  private ProgressLog(String root) {
    this.root = root;
  }

  /**
   * The progress log of the checkpoint at {@code root} (a local path or a Beam file system URI).
   */
  public static ProgressLog at(String root) {
    return new ProgressLog(root);
  }

  /** Writes {@code progress} as its batch's entry (replacing one a re-run batch left). */
  public void write(StreamingQueryProgress progress) throws IOException {
    log().put(progress.batchId(), List.of(progress.json()));
    log().purge(QueryLog.KEEP);
  }

  /** The reports of the batches after {@code batchId}, oldest first. */
  public List<StreamingQueryProgress> after(long batchId) throws IOException {
    List<StreamingQueryProgress> out = new ArrayList<>();
    for (BatchLog.Entry<List<String>> e : log().getRange(batchId + 1, null)) {
      out.add(parse(String.join("\n", e.value())));
    }
    return out;
  }

  private BatchLog<List<String>> log() throws IOException {
    if (log == null) {
      log = BatchLog.open(CheckpointLayout.of(root).progress(), LogCodec.lines());
    }
    return log;
  }

  /**
   * The report written as {@code json} ({@link StreamingQueryProgress#json()}).
   *
   * @throws IOException if it is not a progress report
   */
  static StreamingQueryProgress parse(String json) throws IOException {
    JsonNode n = JSON.readTree(json);
    Map<String, Long> durations = new HashMap<>();
    fields(n.path("durationMs")).forEach((k, v) -> durations.put(k, v.asLong()));
    Map<String, String> eventTime = new HashMap<>();
    fields(n.path("eventTime")).forEach((k, v) -> eventTime.put(k, v.asText()));
    List<StateOperatorProgress> states = new ArrayList<>();
    for (JsonNode s : n.path("stateOperators")) {
      states.add(
          new StateOperatorProgress(
              s.path("operatorName").asText(),
              s.path("numRowsTotal").asLong(),
              s.path("numRowsUpdated").asLong(),
              s.path("allUpdatesTimeMs").asLong(),
              s.path("numRowsRemoved").asLong(),
              s.path("allRemovalsTimeMs").asLong(),
              s.path("commitTimeMs").asLong(),
              s.path("memoryUsedBytes").asLong(),
              s.path("numRowsDroppedByWatermark").asLong(),
              s.path("numShufflePartitions").asInt()));
    }
    List<SourceProgress> sources = new ArrayList<>();
    for (JsonNode s : n.path("sources")) {
      sources.add(
          new SourceProgress(
              s.path("description").asText(),
              offset(s.get("startOffset")),
              offset(s.get("endOffset")),
              s.path("numInputRows").asLong(),
              s.path("inputRowsPerSecond").asDouble(),
              s.path("processedRowsPerSecond").asDouble()));
    }
    JsonNode sink = n.path("sink");
    if (!n.hasNonNull("id") || !n.has("batchId")) {
      throw new IOException("Not a progress report (no id or batchId): " + json);
    }
    return new StreamingQueryProgress(
        n.path("id").asText(),
        n.path("runId").asText(),
        n.hasNonNull("name") ? n.get("name").asText() : null,
        n.path("timestamp").asText(),
        n.path("batchId").asLong(),
        n.path("batchDuration").asLong(),
        durations,
        eventTime,
        states,
        sources,
        new SinkProgress(sink.path("description").asText(), sink.path("numOutputRows").asLong()));
  }

  /** An offset as the report's text: JSON offsets as compact JSON, others as their text. */
  @Nullable
  private static String offset(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isTextual() ? node.asText() : node.toString();
  }

  private static Map<String, JsonNode> fields(JsonNode node) {
    Map<String, JsonNode> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }
}
