package dev.sluice.io.socket;

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
import java.io.IOException;
import java.io.Serializable;
import java.util.UUID;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Spark's socket source ({@code spark.readStream.format("socket")}): the lines a TCP server sends,
 * as rows {@code value STRING} (with {@code includeTimestamp}: also {@code timestamp TIMESTAMP},
 * the processing time the line arrived).
 *
 * <p>The source connects when the pipeline starts; if nothing listens it fails with a message
 * naming host and port. A background thread receives lines; at each trigger the lines received
 * since the previous batch are one batch (see {@link dev.sluice.io.stream} for the batch contract).
 * When the server closes the connection, the remaining lines are the last batch and the source ends
 * (watermark at the end of time), so the pipeline can finish. Like Spark's, the source is for
 * experiments: lines live in memory only, and a JVM restart loses the unread ones. Only {@link
 * BatchTrigger#processingTime(long)} triggers make sense (nothing is "available" when a socket
 * opens), the others are rejected. Progress: description {@code TextSocketV2[host: localhost, port:
 * 9999]}; offsets: the index of the last line taken, counting from 0.
 *
 * <p>With a status key ({@link #withStatusKey}) whose run has its {@link
 * dev.sluice.io.context.RunContext} in the JVM that reads, the connection is kept in that context:
 * readers the runner re-creates from checkpoints (the DirectRunner does so at random) continue on
 * it, and it closes when the run's context closes. Without one, each reader owns its connection and
 * closes it when it closes; a re-created reader connects anew.
 *
 * <pre>{@code
 * // in a terminal: nc -lk 9999
 * PCollection<Batched<Row>> lines =
 *     p.apply(SocketSource.of("localhost", 9999).withTrigger(BatchTrigger.processingTime(1000)));
 * }</pre>
 */
@AutoValue
public abstract class SocketSource extends PTransform<PBegin, PCollection<Batched<Row>>> {
  private static final long serialVersionUID = 1L;
  private static final Schema LINES = DdlSchema.parse("value STRING");
  private static final Schema LINES_WITH_TIME =
      DdlSchema.parse("value STRING, timestamp TIMESTAMP");

  public abstract String host();

  public abstract int port();

  /** Spark's {@code includeTimestamp} option. */
  public abstract boolean includeTimestamp();

  /** When batches are closed; default {@code processingTime(0)}. */
  public abstract BatchTrigger trigger();

  @Nullable
  abstract StatusKey statusKey();

  @Nullable
  abstract SourceLog log();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setHost(String host);

    abstract Builder setPort(int port);

    abstract Builder setIncludeTimestamp(boolean include);

    abstract Builder setTrigger(BatchTrigger trigger);

    abstract Builder setStatusKey(@Nullable StatusKey key);

    abstract Builder setLog(@Nullable SourceLog log);

    abstract SocketSource build();
  }

  /** Lines of the server at {@code host:port}. */
  public static SocketSource of(String host, int port) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("The socket source needs option host, e.g. localhost");
    }
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException(
          "Option port must be a TCP port (1-65535), but is " + port);
    }
    return new AutoValue_SocketSource.Builder()
        .setHost(host)
        .setPort(port)
        .setIncludeTimestamp(false)
        .setTrigger(BatchTrigger.processingTime(0))
        .build();
  }

  /** A copy that adds the arrival time column {@code timestamp TIMESTAMP}. */
  public SocketSource withIncludeTimestamp(boolean include) {
    return toBuilder().setIncludeTimestamp(include).build();
  }

  /** A copy with the given (processing-time) trigger. */
  public SocketSource withTrigger(BatchTrigger trigger) {
    if (trigger == null) {
      throw new IllegalArgumentException(
          "withTrigger needs a trigger, e.g. BatchTrigger.processingTime(1000)");
    }
    return toBuilder().setTrigger(trigger).build();
  }

  /** A copy that reports its {@link dev.sluice.io.stream.SourceStatus} under {@code key}. */
  public SocketSource withStatusKey(StatusKey key) {
    return toBuilder().setStatusKey(key).build();
  }

  /**
   * A copy that records its batches in {@code log} and starts from its resume point (a query with a
   * checkpoint location); null: no log.
   */
  public SocketSource withLog(@Nullable SourceLog log) {
    return toBuilder().setLog(log).build();
  }

  /** The rows' schema: {@code value STRING}, plus {@code timestamp TIMESTAMP} if included. */
  public Schema outputSchema() {
    return includeTimestamp() ? LINES_WITH_TIME : LINES;
  }

  @Override
  public PCollection<Batched<Row>> expand(PBegin input) {
    return input
        .apply("ReadSocket", Read.from(unboundedSource()))
        .setCoder(BatchedCoder.of(RowCoder.of(outputSchema())));
  }

  /** The Beam source. */
  Source unboundedSource() {
    if (trigger().isBounded()) {
      throw new IllegalArgumentException(
          "The socket source cannot run with trigger "
              + trigger()
              + ": a new connection has no data available yet. Use a processing-time trigger,"
              + " e.g. BatchTrigger.processingTime(1000).");
    }
    return new Source(this);
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("host", host())).add(DisplayData.item("port", port()));
  }

  /** The Beam source behind {@link SocketSource}. */
  static final class Source extends BatchedSource<Row> {
    private static final long serialVersionUID = 1L;
    final String host;
    final int port;
    final boolean includeTimestamp;
    final Schema schema;

    Source(SocketSource spec) {
      super(spec.trigger(), spec.statusKey(), spec.log(), RowCoder.of(spec.outputSchema()));
      this.host = spec.host();
      this.port = spec.port();
      this.includeTimestamp = spec.includeTimestamp();
      this.schema = spec.outputSchema();
    }

    @Override
    protected BatchingReader<Row> openReader(
        PipelineOptions options, @Nullable BatchCheckpoint checkpoint) {
      return new SocketReader(this, checkpoint);
    }
  }

  /**
   * The socket source's checkpointed state: its connection's session id, the lines taken by
   * batches, and the open batch's next line and end. Finalizing it lets the connection drop the
   * lines before the position.
   */
  static final class State implements Serializable, UnboundedSource.CheckpointMark {
    private static final long serialVersionUID = 1L;

    /** The id of the connection; null before the reader opened one. */
    @Nullable String session;

    /** The run whose context keeps the connection; null if the source has no status key. */
    @Nullable String runId;

    /** Lines taken by batches: the next batch starts at this index. */
    long taken;

    /** The next line of the open batch (equals {@code taken} when no batch is open). */
    long next;

    @Override
    public void finalizeCheckpoint() {
      SocketConnection connection = session == null ? null : SocketConnection.find(runId, session);
      if (connection != null) {
        connection.discardBefore(next);
      }
    }

    @Override
    public String toString() {
      return "SocketSource.State[session=" + session + ", taken=" + taken + ", next=" + next + "]";
    }
  }

  private static final class SocketReader extends BatchingReader<Row> {
    private final Source source;
    private final State state;
    @Nullable private SocketConnection connection;

    SocketReader(Source source, @Nullable BatchCheckpoint checkpoint) {
      super(source, checkpoint);
      this.source = source;
      this.state = checkpoint == null ? new State() : (State) checkpoint.sourceState();
    }

    @Override
    protected void open() throws IOException {
      if (state.session == null) {
        state.session = UUID.randomUUID().toString();
        state.runId = source.statusKey() == null ? null : source.statusKey().runId();
      }
      connection =
          SocketConnection.acquire(
              state.runId, state.session, source.host, source.port, state.taken);
    }

    private SocketConnection connection() throws IOException {
      if (connection == null) {
        open();
      }
      return connection;
    }

    @Override
    protected boolean takeBatch(long nowMillis) throws IOException {
      long available = connection().available();
      if (available <= state.taken) {
        return false;
      }
      state.next = state.taken;
      state.taken = available;
      return true;
    }

    @Override
    @Nullable
    protected Row nextRecord() throws IOException {
      if (state.next >= state.taken) {
        return null;
      }
      SocketConnection c = connection();
      SocketConnection.Line line = c.get(state.next++);
      if (c.owned) {
        c.discardBefore(state.next); // no other reader can continue on an owned connection
      }
      return source.includeTimestamp
          ? Row.withSchema(source.schema)
              .addValues(line.text, new Instant(line.arrivalMillis))
              .build()
          : Row.withSchema(source.schema).addValue(line.text).build();
    }

    @Override
    protected boolean inputEnded() throws IOException {
      SocketConnection c = connection();
      return c.ended() && c.available() <= state.taken;
    }

    @Override
    protected Serializable state() {
      return state;
    }

    @Override
    @Nullable
    protected String offset() {
      return state.taken == 0 ? null : Long.toString(state.taken - 1);
    }

    @Override
    protected String description() {
      return "TextSocketV2[host: " + source.host + ", port: " + source.port + "]";
    }

    @Override
    public void close() {
      if (connection != null) {
        SocketConnection toRelease = connection;
        connection = null;
        if (toRelease.owned) {
          toRelease.close();
        }
      }
    }
  }
}
