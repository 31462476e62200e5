package dev.sluice.structured.internal.exec;

import dev.sluice.io.stream.BatchEnd;
import dev.sluice.structured.internal.state.OperatorSummary;
import dev.sluice.structured.internal.watermark.EventTimeStats;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.beam.sdk.values.Row;

/**
 * What flows between the steps of a compiled streaming query. Every element belongs to a logical
 * batch (its Beam timestamp is the batch number, see {@link dev.sluice.io.stream.Batched}).
 *
 * <ul>
 *   <li>{@link Kind#ROW}: a row of the query's data.
 *   <li>{@link Kind#END}: a source's end-of-batch marker, forwarded so stateful steps and the sink
 *       know which batches exist, whether they read data, and what they read.
 *   <li>{@link Kind#EVENT_TIME}: the event times a {@code withWatermark} step saw in part of the
 *       batch ({@link #eventTimes()}), from which stateful steps compute Spark's watermark.
 *   <li>{@link Kind#PARTIAL}: a partial aggregate ({@link #row()} is the grouping key, {@link
 *       #accumulator()} the accumulator, {@link #count()} the rows folded into it).
 *   <li>{@link Kind#SUMMARY}: what a stateful step did in a batch, for the sink's progress report
 *       and to tell whether a no-data batch ran.
 * </ul>
 *
 * <pre>{@code
 * StreamElement e = StreamElement.row(3, row);   // e.kind() == ROW, e.batch() == 3
 * }</pre>
 */
public final class StreamElement implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of element. */
  public enum Kind {
    ROW,
    END,
    EVENT_TIME,
    PARTIAL,
    SUMMARY
  }

  private final Kind kind;
  private final long batch;
  @Nullable private final Row row;
  @Nullable private final Row accumulator;
  private final long count;
  @Nullable private final BatchEnd end;
  @Nullable private final String name;
  @Nullable private final OperatorSummary summary;
  @Nullable private final EventTimeStats stats;

  private StreamElement(
      Kind kind,
      long batch,
      @Nullable Row row,
      @Nullable Row accumulator,
      long count,
      @Nullable BatchEnd end,
      @Nullable String name,
      @Nullable OperatorSummary summary,
      @Nullable EventTimeStats stats) {
    this.kind = kind;
    this.batch = batch;
    this.row = row;
    this.accumulator = accumulator;
    this.count = count;
    this.end = end;
    this.name = name;
    this.summary = summary;
    this.stats = stats;
  }

  /** A data row of batch {@code batch}. */
  public static StreamElement row(long batch, Row row) {
    return new StreamElement(Kind.ROW, batch, row, null, 0, null, null, null, null);
  }

  /** The end marker of source {@code source} (its index in the query) for {@code end.batch()}. */
  public static StreamElement end(String source, BatchEnd end) {
    return new StreamElement(Kind.END, end.batch(), null, null, 0, end, source, null, null);
  }

  /**
   * The largest event time ({@code maxMillis}) and the number of rows ({@code rows}) watermark step
   * {@code watermarkId} saw in part of batch {@code batch}.
   */
  public static StreamElement eventTime(long batch, String watermarkId, EventTimeStats stats) {
    return new StreamElement(
        Kind.EVENT_TIME, batch, null, null, stats.count(), null, watermarkId, null, stats);
  }

  /** A partial aggregate of {@code rows} rows for grouping key {@code key}. */
  public static StreamElement partial(long batch, Row key, Row accumulator, long rows) {
    return new StreamElement(Kind.PARTIAL, batch, key, accumulator, rows, null, null, null, null);
  }

  /** What stateful step {@code summary.operator} did in batch {@code batch}. */
  public static StreamElement summary(long batch, OperatorSummary summary) {
    return new StreamElement(Kind.SUMMARY, batch, null, null, 0, null, null, summary, null);
  }

  public Kind kind() {
    return kind;
  }

  public long batch() {
    return batch;
  }

  public Row row() {
    return Objects.requireNonNull(row, "row");
  }

  public Row accumulator() {
    return Objects.requireNonNull(accumulator, "accumulator");
  }

  public long count() {
    return count;
  }

  public BatchEnd end() {
    return Objects.requireNonNull(end, "end");
  }

  /** The source of an END element, or the watermark step of an EVENT_TIME element. */
  public String name() {
    return Objects.requireNonNull(name, "name");
  }

  /** The maximum event time of an EVENT_TIME element. */
  public EventTimeStats eventTimes() {
    return Objects.requireNonNull(stats, "stats");
  }

  public OperatorSummary summary() {
    return Objects.requireNonNull(summary, "summary");
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StreamElement)) {
      return false;
    }
    StreamElement that = (StreamElement) o;
    return kind == that.kind
        && batch == that.batch
        && count == that.count
        && Objects.equals(row, that.row)
        && Objects.equals(accumulator, that.accumulator)
        && Objects.equals(end, that.end)
        && Objects.equals(name, that.name)
        && Objects.equals(summary, that.summary)
        && Objects.equals(stats, that.stats);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, batch, row, accumulator, count, end, name, summary, stats);
  }

  @Override
  public String toString() {
    return kind + "@" + batch + (row != null ? " " + row : "") + (end != null ? " " + end : "");
  }
}
