package dev.sluice.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * What one batch of a streaming query did, with Spark's field names ({@code
 * StreamingQuery.lastProgress()}).
 *
 * <pre>{@code
 * StreamingQueryProgress p = query.lastProgress();
 * p.batchId();          // 3
 * p.numInputRows();     // 1
 * p.sources().get(0).description();   // FileStreamSource[file:/data/in]
 * System.out.println(p.prettyJson());
 * }</pre>
 */
public final class StreamingQueryProgress implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String id;
  private final String runId;
  @Nullable private final String name;
  private final String timestamp;
  private final long batchId;
  private final long batchDuration;
  private final Map<String, Long> durationMs;
  private final Map<String, String> eventTime;
  private final List<StateOperatorProgress> stateOperators;
  private final List<SourceProgress> sources;
  private final SinkProgress sink;

  /**
   * Progress of one stateful operator in the batch, summed over its shards (Spark's state store
   * instances): rows in state after the batch, rows updated and removed in it, rows dropped as
   * late, the memory its state stores hold, and the milliseconds spent updating, removing by
   * watermark and committing. Without a checkpoint location the runner keeps the state: memory is
   * then an estimate (key and value bytes plus a per-row overhead) and the commit time 0.
   */
  public static final class StateOperatorProgress implements Serializable {
    private static final long serialVersionUID = 2L;
    private final String operatorName;
    private final long numRowsTotal;
    private final long numRowsUpdated;
    private final long allUpdatesTimeMs;
    private final long numRowsRemoved;
    private final long allRemovalsTimeMs;
    private final long commitTimeMs;
    private final long memoryUsedBytes;
    private final long numRowsDroppedByWatermark;
    private final int numShufflePartitions;

    public StateOperatorProgress(
        String operatorName,
        long numRowsTotal,
        long numRowsUpdated,
        long allUpdatesTimeMs,
        long numRowsRemoved,
        long allRemovalsTimeMs,
        long commitTimeMs,
        long memoryUsedBytes,
        long numRowsDroppedByWatermark,
        int numShufflePartitions) {
      this.operatorName = operatorName;
      this.numRowsTotal = numRowsTotal;
      this.numRowsUpdated = numRowsUpdated;
      this.allUpdatesTimeMs = allUpdatesTimeMs;
      this.numRowsRemoved = numRowsRemoved;
      this.allRemovalsTimeMs = allRemovalsTimeMs;
      this.commitTimeMs = commitTimeMs;
      this.memoryUsedBytes = memoryUsedBytes;
      this.numRowsDroppedByWatermark = numRowsDroppedByWatermark;
      this.numShufflePartitions = numShufflePartitions;
    }

    public String operatorName() {
      return operatorName;
    }

    public long numRowsTotal() {
      return numRowsTotal;
    }

    public long numRowsUpdated() {
      return numRowsUpdated;
    }

    public long allUpdatesTimeMs() {
      return allUpdatesTimeMs;
    }

    public long numRowsRemoved() {
      return numRowsRemoved;
    }

    public long allRemovalsTimeMs() {
      return allRemovalsTimeMs;
    }

    public long commitTimeMs() {
      return commitTimeMs;
    }

    public long memoryUsedBytes() {
      return memoryUsedBytes;
    }

    public long numRowsDroppedByWatermark() {
      return numRowsDroppedByWatermark;
    }

    ObjectNode toJson() {
      ObjectNode n = JSON.createObjectNode();
      n.put("operatorName", operatorName);
      n.put("numRowsTotal", numRowsTotal);
      n.put("numRowsUpdated", numRowsUpdated);
      n.put("allUpdatesTimeMs", allUpdatesTimeMs);
      n.put("numRowsRemoved", numRowsRemoved);
      n.put("allRemovalsTimeMs", allRemovalsTimeMs);
      n.put("commitTimeMs", commitTimeMs);
      n.put("memoryUsedBytes", memoryUsedBytes);
      n.put("numRowsDroppedByWatermark", numRowsDroppedByWatermark);
      n.put("numShufflePartitions", numShufflePartitions);
      n.put("numStateStoreInstances", numShufflePartitions);
      return n;
    }
  }

  /** Progress of one source in the batch. */
  public static final class SourceProgress implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String description;
    @Nullable private final String startOffset;
    @Nullable private final String endOffset;
    private final long numInputRows;
    private final double inputRowsPerSecond;
    private final double processedRowsPerSecond;

    public SourceProgress(
        String description,
        @Nullable String startOffset,
        @Nullable String endOffset,
        long numInputRows,
        double inputRowsPerSecond,
        double processedRowsPerSecond) {
      this.description = description;
      this.startOffset = startOffset;
      this.endOffset = endOffset;
      this.numInputRows = numInputRows;
      this.inputRowsPerSecond = inputRowsPerSecond;
      this.processedRowsPerSecond = processedRowsPerSecond;
    }

    public String description() {
      return description;
    }

    @Nullable
    public String startOffset() {
      return startOffset;
    }

    @Nullable
    public String endOffset() {
      return endOffset;
    }

    public long numInputRows() {
      return numInputRows;
    }

    public double inputRowsPerSecond() {
      return inputRowsPerSecond;
    }

    public double processedRowsPerSecond() {
      return processedRowsPerSecond;
    }

    ObjectNode toJson() {
      ObjectNode n = JSON.createObjectNode();
      n.put("description", description);
      putOffset(n, "startOffset", startOffset);
      putOffset(n, "endOffset", endOffset);
      putOffset(n, "latestOffset", endOffset);
      n.put("numInputRows", numInputRows);
      n.put("inputRowsPerSecond", inputRowsPerSecond);
      n.put("processedRowsPerSecond", processedRowsPerSecond);
      return n;
    }

    private static void putOffset(ObjectNode n, String field, @Nullable String offset) {
      if (offset == null) {
        n.putNull(field);
        return;
      }
      try {
        n.set(field, JSON.readTree(offset));
      } catch (JsonProcessingException e) {
        n.put(field, offset);
      }
    }
  }

  /** Progress of the sink in the batch. */
  public static final class SinkProgress implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String description;
    private final long numOutputRows;

    public SinkProgress(String description, long numOutputRows) {
      this.description = description;
      this.numOutputRows = numOutputRows;
    }

    public String description() {
      return description;
    }

    public long numOutputRows() {
      return numOutputRows;
    }
  }

  /** A progress report; the facade builds these, users read them. */
  public StreamingQueryProgress(
      String id,
      String runId,
      @Nullable String name,
      String timestamp,
      long batchId,
      long batchDuration,
      Map<String, Long> durationMs,
      Map<String, String> eventTime,
      List<StateOperatorProgress> stateOperators,
      List<SourceProgress> sources,
      SinkProgress sink) {
    this.id = id;
    this.runId = runId;
    this.name = name;
    this.timestamp = timestamp;
    this.batchId = batchId;
    this.batchDuration = batchDuration;
    this.durationMs = Map.copyOf(durationMs);
    this.eventTime = Map.copyOf(eventTime);
    this.stateOperators = List.copyOf(stateOperators);
    this.sources = List.copyOf(sources);
    this.sink = sink;
  }

  public String id() {
    return id;
  }

  public String runId() {
    return runId;
  }

  @Nullable
  public String name() {
    return name;
  }

  /** When the batch was triggered, ISO-8601 UTC. */
  public String timestamp() {
    return timestamp;
  }

  public long batchId() {
    return batchId;
  }

  /** Milliseconds the batch took from trigger to commit. */
  public long batchDuration() {
    return batchDuration;
  }

  /** Rows read by all sources in the batch. */
  public long numInputRows() {
    return sources.stream().mapToLong(SourceProgress::numInputRows).sum();
  }

  public double inputRowsPerSecond() {
    return sources.stream().mapToDouble(SourceProgress::inputRowsPerSecond).sum();
  }

  public double processedRowsPerSecond() {
    return sources.stream().mapToDouble(SourceProgress::processedRowsPerSecond).sum();
  }

  /** {@code triggerExecution}, {@code addBatch}, … in milliseconds. */
  public Map<String, Long> durationMs() {
    return durationMs;
  }

  /** {@code watermark}, {@code min}, {@code max}, {@code avg} (ISO-8601 UTC); empty without one. */
  public Map<String, String> eventTime() {
    return eventTime;
  }

  public List<StateOperatorProgress> stateOperators() {
    return stateOperators;
  }

  public List<SourceProgress> sources() {
    return sources;
  }

  public SinkProgress sink() {
    return sink;
  }

  /** The report as compact JSON, with Spark's field names. */
  public String json() {
    return toJson().toString();
  }

  /** The report as indented JSON. */
  public String prettyJson() {
    try {
      return JSON.writeValueAsString(toJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id);
    n.put("runId", runId);
    n.put("name", name);
    n.put("timestamp", timestamp);
    n.put("batchId", batchId);
    n.put("batchDuration", batchDuration);
    n.put("numInputRows", numInputRows());
    n.put("inputRowsPerSecond", inputRowsPerSecond());
    n.put("processedRowsPerSecond", processedRowsPerSecond());
    ObjectNode durations = n.putObject("durationMs");
    new java.util.TreeMap<>(durationMs).forEach(durations::put);
    if (!eventTime.isEmpty()) {
      ObjectNode times = n.putObject("eventTime");
      new java.util.TreeMap<>(eventTime).forEach(times::put);
    }
    stateOperators.forEach(s -> n.withArray("stateOperators").add(s.toJson()));
    if (stateOperators.isEmpty()) {
      n.putArray("stateOperators");
    }
    sources.forEach(s -> n.withArray("sources").add(s.toJson()));
    ObjectNode sinkNode = n.putObject("sink");
    sinkNode.put("description", sink.description());
    sinkNode.put("numOutputRows", sink.numOutputRows());
    return n;
  }

  @Override
  public String toString() {
    return prettyJson();
  }
}
