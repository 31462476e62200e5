package dev.sluice.structured.internal.exec;

import dev.sluice.io.stream.BatchEnd;
import dev.sluice.structured.OutputMode;
import dev.sluice.structured.StreamingQueryProgress;
import dev.sluice.structured.StreamingQueryProgress.SinkProgress;
import dev.sluice.structured.StreamingQueryProgress.SourceProgress;
import dev.sluice.structured.StreamingQueryProgress.StateOperatorProgress;
import dev.sluice.structured.internal.state.OperatorSummary;
import dev.sluice.structured.internal.watermark.EventTimeStats;
import dev.sluice.structured.internal.watermark.WatermarkTracker;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.beam.sdk.values.Row;

/**
 * The last step of a query: per logical batch, decides whether it ran as a Spark batch (a source
 * read data, or a stateful step needed a no-data batch), numbers the batches that ran from 0 as
 * Spark does, applies the sink-side operations (sort and limit of complete mode, the global limit
 * of append mode), hands the rows to the {@link dev.sluice.io.sink.BatchSink}, and reports the
 * batch's progress to the query: to the listener of its {@link QueryContext} when that is open in
 * this JVM (the driver's), and to the checkpoint's {@link ProgressLog} when the spec names one (a
 * driver elsewhere reads it).
 *
 * <pre>{@code
 * stream.apply(WithKeys.of(0)).apply(ParDo.of(new SinkFn(spec)));
 * }</pre>
 */
public final class SinkFn extends BatchStepFn<SinkFn.Committed> {
  /** What the sink keeps across batches. */
  static final class Committed implements Serializable {
    private static final long serialVersionUID = 1L;
    long nextBatchId;
    long rowsWritten;
    long previousTriggerMillis = -1;
    WatermarkTracker watermark;

    /** The last logical batch that ran, and its batch id (-1: none yet). */
    long lastRan = -1;

    long lastRanId = -1;
  }

  private final SinkSpec spec;
  @Nullable private QueryLog log;

  public SinkFn(SinkSpec spec) {
    super(StreamElementCoder.of(spec.schema()));
    this.spec = spec;
  }

  /**
   * Makes the sink step keep the query's offset and commit logs (a query with a checkpoint
   * location); call with {@link #checkpointTo} before the pipeline runs.
   */
  public SinkFn withLog(@Nullable QueryLog log) {
    this.log = log;
    return this;
  }

  @Override
  protected void afterCheckpoint(long batch, StepState<Committed> state) throws Exception {
    if (log != null && state.op.lastRan == batch) {
      log.committed(state.op.lastRanId, batch, state.op.watermark.current());
    }
  }

  @Override
  protected Committed newState() {
    Committed c = new Committed();
    c.watermark = new WatermarkTracker(spec.delays());
    return c;
  }

  @Override
  protected void processBatch(
      long batch, List<StreamElement> elements, StepState<Committed> state, Output out)
      throws Exception {
    Committed committed = state.op;
    List<Row> rows = new ArrayList<>();
    Map<String, BatchEnd> ends = new LinkedHashMap<>();
    Map<Integer, OperatorSummary> operators = new TreeMap<>();
    boolean ran = false;
    for (StreamElement e : elements) {
      switch (e.kind()) {
        case ROW:
          rows.add(e.row());
          break;
        case END:
          ends.put(e.name(), e.end());
          ran |= e.end().hasData();
          break;
        case SUMMARY:
          operators.merge(e.summary().operatorIndex(), e.summary(), OperatorSummary::plus);
          ran |= e.summary().ran();
          break;
        default:
          break;
      }
    }
    long watermark = committed.watermark.current();
    committed.watermark.endBatch(elements);
    QueryContext context = QueryContext.find(spec.runId());
    QueryContext.Listener listener = context == null ? null : context.listener();
    if (!ran) {
      if (listener != null) {
        listener.batchDone(batch, null);
      }
      return;
    }
    if (spec.ordering() != null) {
      rows.sort(spec.ordering());
    }
    if (spec.limit() >= 0) {
      long allowed =
          spec.mode() == OutputMode.COMPLETE
              ? spec.limit()
              : Math.max(0, spec.limit() - committed.rowsWritten);
      if (rows.size() > allowed) {
        rows = new ArrayList<>(rows.subList(0, (int) allowed));
      }
    }
    long batchId = committed.nextBatchId++;
    committed.lastRan = batch;
    committed.lastRanId = batchId;
    if (log != null) {
      long trigger =
          ends.values().stream()
              .mapToLong(BatchEnd::triggerTimeMillis)
              .min()
              .orElse(System.currentTimeMillis());
      log.planned(batchId, batch, watermark, trigger, ends);
    }
    long start = System.currentTimeMillis();
    spec.sink().addBatch(batchId, spec.schema(), rows);
    long end = System.currentTimeMillis();
    committed.rowsWritten += rows.size();
    if (listener != null || spec.progressLog() != null) {
      if (!operators.isEmpty()) {
        watermark = operators.values().iterator().next().watermarkMillis();
      }
      StreamingQueryProgress progress =
          progress(batchId, start, end, rows.size(), ends, operators, watermark, committed);
      if (spec.progressLog() != null) {
        spec.progressLog().write(progress);
      }
      if (listener != null) {
        listener.batchDone(batch, progress);
      }
    }
  }

  private StreamingQueryProgress progress(
      long batchId,
      long addBatchStart,
      long end,
      long outputRows,
      Map<String, BatchEnd> ends,
      Map<Integer, OperatorSummary> operators,
      long watermark,
      Committed committed) {
    long trigger = ends.values().stream().mapToLong(BatchEnd::triggerTimeMillis).min().orElse(end);
    long execution = Math.max(0, end - trigger);
    double sinceLast =
        committed.previousTriggerMillis < 0
            ? 0
            : (trigger - committed.previousTriggerMillis) / 1000.0;
    committed.previousTriggerMillis = trigger;
    List<SourceProgress> sources = new ArrayList<>();
    for (BatchEnd e : ends.values()) {
      double input = sinceLast > 0 ? e.numInputRows() / sinceLast : 0;
      double processed = execution > 0 ? e.numInputRows() * 1000.0 / execution : 0;
      sources.add(
          new SourceProgress(
              e.description(), e.startOffset(), e.endOffset(), e.numInputRows(), input, processed));
    }
    List<StateOperatorProgress> states = new ArrayList<>();
    for (OperatorSummary s : operators.values()) {
      states.add(
          new StateOperatorProgress(
              s.operatorName(),
              s.numRowsTotal(),
              s.numRowsUpdated(),
              s.allUpdatesTimeMs(),
              s.numRowsRemoved(),
              s.allRemovalsTimeMs(),
              s.commitTimeMs(),
              s.memoryUsedBytes(),
              s.numRowsDroppedByWatermark(),
              spec.shards()));
    }
    Map<String, String> eventTime = new HashMap<>();
    if (!spec.delays().isEmpty()) {
      EventTimeStats stats = committed.watermark.lastBatchEventTimes();
      if (stats.count() > 0) {
        eventTime.put("min", iso(stats.min()));
        eventTime.put("max", iso(stats.max()));
        eventTime.put("avg", iso(stats.avg()));
      }
      eventTime.put("watermark", iso(watermark));
    }
    Map<String, Long> durations = new HashMap<>();
    durations.put("addBatch", end - addBatchStart);
    durations.put("triggerExecution", execution);
    return new StreamingQueryProgress(
        spec.queryId(),
        spec.runId(),
        spec.name(),
        iso(trigger),
        batchId,
        execution,
        durations,
        eventTime,
        states,
        sources,
        new SinkProgress(spec.sink().description(), outputRows));
  }

  static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString().replaceFirst("(\\d\\d:\\d\\d)(Z)$", "$1.000Z");
  }
}
