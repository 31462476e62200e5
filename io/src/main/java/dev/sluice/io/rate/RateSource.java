package dev.sluice.io.rate;

import com.google.auto.value.AutoValue;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.stream.BatchCheckpoint;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchedCoder;
import dev.sluice.io.stream.BatchedSource;
import dev.sluice.io.stream.BatchingReader;
import dev.sluice.io.stream.SourceLog;
import dev.sluice.io.stream.StatusKey;
import dev.sluice.io.time.DurationText;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Spark's rate source ({@code spark.readStream.format("rate")}): generated rows {@code timestamp
 * TIMESTAMP, value BIGINT}, {@code rowsPerSecond} of them per second.
 *
 * <p>Values are consecutive from 0. The source starts its clock at its first poll; during second
 * {@code s} (counting from 1) the values due are those up to {@code due(s)}: {@code rowsPerSecond *
 * s}, or with {@code rampUpTime} {@code U} seconds a linear ramp, with {@code d = rowsPerSecond /
 * (U + 1)}: {@code due(s) = d * s * (s + 1) / 2} for {@code s <= U} and {@code due(U) + (s - U) *
 * rowsPerSecond} after (Spark's formula). A value's timestamp is the start plus its second plus its
 * share of that second: without ramp-up, {@code start + value / rowsPerSecond} seconds. At each
 * trigger the source emits, as one batch, the values of the whole seconds elapsed since the
 * previous batch (see {@link dev.sluice.io.stream} for the batch contract). Offsets in progress:
 * whole seconds since the start ({@code "0"}, {@code "3"}); description as Spark prints it
 * (including Spark's missing closing bracket): {@code RateStreamV2[rowsPerSecond=1,
 * rampUpTimeSeconds=0, numPartitions=default}.
 *
 * <p>With {@link BatchTrigger#once()} and {@link BatchTrigger#availableNow()} the source emits what
 * is due at its first poll, which is nothing: {@code once()} ends without a batch, {@code
 * availableNow()} after one no-data marker. Use a processing-time trigger.
 *
 * <pre>{@code
 * PCollection<Batched<Row>> ticks =
 *     p.apply(RateSource.create().withRowsPerSecond(10).withTrigger(BatchTrigger.processingTime(1000)));
 * }</pre>
 */
@AutoValue
public abstract class RateSource extends PTransform<PBegin, PCollection<Batched<Row>>> {
  private static final long serialVersionUID = 1L;

  /** The rows' schema. */
  public static final Schema SCHEMA = DdlSchema.parse("timestamp TIMESTAMP, value BIGINT");

  public abstract long rowsPerSecond();

  public abstract long rampUpTimeSeconds();

  /** Spark's {@code numPartitions}: shown in the description only; null for Spark's default. */
  @Nullable
  public abstract Integer numPartitions();

  /** When batches are closed; default {@code processingTime(0)}. */
  public abstract BatchTrigger trigger();

  @Nullable
  abstract StatusKey statusKey();

  @Nullable
  abstract SourceLog log();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setRowsPerSecond(long rows);

    abstract Builder setRampUpTimeSeconds(long seconds);

    abstract Builder setNumPartitions(@Nullable Integer partitions);

    abstract Builder setTrigger(BatchTrigger trigger);

    abstract Builder setStatusKey(@Nullable StatusKey key);

    abstract Builder setLog(@Nullable SourceLog log);

    abstract RateSource build();
  }

  /** One row per second, no ramp-up: Spark's defaults. */
  public static RateSource create() {
    return new AutoValue_RateSource.Builder()
        .setRowsPerSecond(1)
        .setRampUpTimeSeconds(0)
        .setTrigger(BatchTrigger.processingTime(0))
        .build();
  }

  /** Spark's {@code rowsPerSecond} (positive). */
  public RateSource withRowsPerSecond(long rows) {
    if (rows <= 0) {
      throw new IllegalArgumentException("Option rowsPerSecond must be positive, but is " + rows);
    }
    return toBuilder().setRowsPerSecond(rows).build();
  }

  /** Spark's {@code rampUpTime} in seconds (0 or more). */
  public RateSource withRampUpTimeSeconds(long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException(
          "Option rampUpTime cannot be negative, but is " + seconds + " s");
    }
    return toBuilder().setRampUpTimeSeconds(seconds).build();
  }

  /** Spark's {@code numPartitions} (positive); affects only the description. */
  public RateSource withNumPartitions(int partitions) {
    if (partitions <= 0) {
      throw new IllegalArgumentException(
          "Option numPartitions must be positive, but is " + partitions);
    }
    return toBuilder().setNumPartitions(partitions).build();
  }

  /**
   * A copy with Spark's options set from strings: {@code rowsPerSecond}, {@code rampUpTime} (e.g.
   * {@code 5s}; a bare number is seconds), {@code numPartitions}; others are ignored.
   */
  public RateSource withOptions(Map<String, String> options) {
    Map<String, String> o = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    o.putAll(options);
    RateSource result = this;
    if (o.containsKey("rowsPerSecond")) {
      result = result.withRowsPerSecond(number(o.get("rowsPerSecond"), "rowsPerSecond"));
    }
    if (o.containsKey("rampUpTime")) {
      result =
          result.withRampUpTimeSeconds(
              DurationText.parseOptionMillis(o.get("rampUpTime"), "rampUpTime", TimeUnit.SECONDS)
                  / 1000);
    }
    if (o.containsKey("numPartitions")) {
      result = result.withNumPartitions((int) number(o.get("numPartitions"), "numPartitions"));
    }
    return result;
  }

  private static long number(String text, String option) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Option " + option + " must be a whole number, but is '" + text + "'");
    }
  }

  /** A copy with the given trigger. */
  public RateSource withTrigger(BatchTrigger trigger) {
    if (trigger == null) {
      throw new IllegalArgumentException(
          "withTrigger needs a trigger, e.g. BatchTrigger.processingTime(1000)");
    }
    return toBuilder().setTrigger(trigger).build();
  }

  /** A copy that reports its {@link dev.sluice.io.stream.SourceStatus} under {@code key}. */
  public RateSource withStatusKey(StatusKey key) {
    return toBuilder().setStatusKey(key).build();
  }

  /**
   * A copy that records its batches in {@code log} and starts from its resume point (a query with a
   * checkpoint location); null: no log.
   */
  public RateSource withLog(@Nullable SourceLog log) {
    return toBuilder().setLog(log).build();
  }

  @Override
  public PCollection<Batched<Row>> expand(PBegin input) {
    return input
        .apply("GenerateRows", Read.from(unboundedSource()))
        .setCoder(BatchedCoder.of(RowCoder.of(SCHEMA)));
  }

  Source unboundedSource() {
    return new Source(this);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("rowsPerSecond", rowsPerSecond()))
        .add(DisplayData.item("rampUpTimeSeconds", rampUpTimeSeconds()));
  }

  /** The values due in the first {@code seconds} seconds. */
  static long due(long seconds, long rowsPerSecond, long rampUp) {
    long perSecondStep = rowsPerSecond / (rampUp + 1);
    if (seconds <= rampUp) {
      return perSecondStep * (seconds * (seconds + 1) / 2);
    }
    return perSecondStep * (rampUp * (rampUp + 1) / 2) + (seconds - rampUp) * rowsPerSecond;
  }

  /** The Beam source behind {@link RateSource}. */
  static final class Source extends BatchedSource<Row> {
    private static final long serialVersionUID = 1L;
    final long rowsPerSecond;
    final long rampUp;
    final String description;

    Source(RateSource spec) {
      super(spec.trigger(), spec.statusKey(), spec.log(), RowCoder.of(SCHEMA));
      this.rowsPerSecond = spec.rowsPerSecond();
      this.rampUp = spec.rampUpTimeSeconds();
      this.description =
          "RateStreamV2[rowsPerSecond="
              + rowsPerSecond
              + ", rampUpTimeSeconds="
              + rampUp
              + ", numPartitions="
              + (spec.numPartitions() == null ? "default" : spec.numPartitions());
    }

    long due(long seconds) {
      return RateSource.due(seconds, rowsPerSecond, rampUp);
    }

    @Override
    protected BatchingReader<Row> openReader(
        PipelineOptions options, @Nullable BatchCheckpoint checkpoint) {
      return new RateReader(this, checkpoint);
    }
  }

  /** The rate source's checkpointed state: its start, the seconds taken, the open batch. */
  static final class State implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Processing time of the first poll; -1 before it. */
    long startMillis = -1;

    /** Whole seconds whose values are taken by batches. */
    long secondsTaken;

    /**
     * The next value of the open batch, the batch's end (exclusive) and the next value's second.
     */
    long next;

    long end;
    long second;

    @Override
    public String toString() {
      return "RateSource.State[secondsTaken=" + secondsTaken + ", next=" + next + "]";
    }
  }

  private static final class RateReader extends BatchingReader<Row> {
    private final Source source;
    private final State state;

    RateReader(Source source, @Nullable BatchCheckpoint checkpoint) {
      super(source, checkpoint);
      this.source = source;
      this.state = checkpoint == null ? new State() : (State) checkpoint.sourceState();
    }

    @Override
    protected boolean takeBatch(long nowMillis) {
      if (state.startMillis < 0) {
        state.startMillis = nowMillis;
      }
      if (trigger().isBounded()) {
        return false; // nothing is due at the first poll
      }
      long seconds = (nowMillis - state.startMillis) / 1000;
      if (seconds <= state.secondsTaken) {
        return false;
      }
      state.next = source.due(state.secondsTaken);
      state.end = source.due(seconds);
      state.second = state.secondsTaken + 1;
      state.secondsTaken = seconds;
      return true;
    }

    @Override
    @Nullable
    protected Row nextRecord() {
      if (state.next >= state.end) {
        return null;
      }
      long value = state.next++;
      while (value >= source.due(state.second)) {
        state.second++;
      }
      long from = source.due(state.second - 1);
      long inSecond = source.due(state.second) - from;
      long millis =
          state.startMillis + (state.second - 1) * 1000 + (value - from) * 1000 / inSecond;
      return Row.withSchema(SCHEMA).addValues(new Instant(millis), value).build();
    }

    @Override
    protected Serializable state() {
      return state;
    }

    @Override
    @Nullable
    protected String offset() {
      return state.startMillis < 0 ? null : Long.toString(state.secondsTaken);
    }

    @Override
    protected String description() {
      return source.description;
    }

    @Override
    public void close() {}
  }
}
