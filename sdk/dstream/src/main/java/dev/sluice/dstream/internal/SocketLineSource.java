package dev.sluice.dstream.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of {@code socketTextStream}: connects to {@code host:port} as a client (as Spark's
 * socket receiver does, e.g. to {@code nc -lk 9999}) and emits each UTF-8 line stamped with the
 * time it is handed to the pipeline. A refused or dropped connection is retried with exponential
 * backoff (100 ms doubling to 5 s); each failure is logged and reported to the context, never
 * thrown.
 *
 * <pre>{@code
 * PCollection<String> lines =
 *     pipeline.apply(Read.from(new SocketLineSource("localhost", 9999, contextId)));
 * }</pre>
 *
 * <p>Lines are buffered in memory between the receiving thread and the pipeline; there is no
 * replay, so lines buffered when the reader closes are lost (Spark's receiver without a write-ahead
 * log behaves the same).
 */
public final class SocketLineSource extends UnboundedSource<String, SocketLineSource.NoCheckpoint> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SocketLineSource.class);
  static final long FIRST_BACKOFF_MILLIS = 100;
  static final long MAX_BACKOFF_MILLIS = 5_000;

  private final String host;
  private final int port;
  private final String contextId;

  public SocketLineSource(String host, int port, String contextId) {
    this.host = host;
    this.port = port;
    this.contextId = contextId;
  }

  /** The checkpoint of a receiver without replay: nothing to remember. */
  public static final class NoCheckpoint implements UnboundedSource.CheckpointMark, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void finalizeCheckpoint() {}
  }

  @Override
  public List<SocketLineSource> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this);
  }

  @Override
  public UnboundedReader<String> createReader(PipelineOptions options, NoCheckpoint checkpoint) {
    return new Reader(this);
  }

  @Override
  public Coder<NoCheckpoint> getCheckpointMarkCoder() {
    return SerializableCoder.of(NoCheckpoint.class);
  }

  @Override
  public Coder<String> getOutputCoder() {
    return StringUtf8Coder.of();
  }

  private static final class Reader extends ProcessingTimeLineReader {
    private final SocketLineSource source;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private volatile Socket socket;
    private Thread receiver;

    Reader(SocketLineSource source) {
      this.source = source;
    }

    @Override
    public boolean start() {
      StreamingRun.addReceiver(source.contextId, this);
      receiver = new Thread(this::receive, "socketTextStream-" + source.host + ":" + source.port);
      receiver.setDaemon(true);
      receiver.start();
      return advance();
    }

    private void receive() {
      long backoff = FIRST_BACKOFF_MILLIS;
      int failures = 0;
      while (!closed) {
        try (Socket s = new Socket()) {
          socket = s;
          s.connect(new InetSocketAddress(source.host, source.port), 5_000);
          backoff = FIRST_BACKOFF_MILLIS;
          failures = 0;
          BufferedReader in =
              new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
          for (String line = in.readLine(); line != null && !closed; line = in.readLine()) {
            lines.add(line);
          }
          if (!closed) {
            LOG.info(
                "socketTextStream {}:{}: connection closed; reconnecting",
                source.host,
                source.port);
          }
        } catch (IOException e) {
          if (closed) {
            return;
          }
          failures++;
          String message =
              String.format(
                  "socketTextStream %s:%d: %s (attempt %d); retrying in %d ms",
                  source.host, source.port, e, failures, backoff);
          LOG.warn(message);
          StreamingRun.reportReceiverError(source.contextId, message);
        }
        if (!sleep(backoff)) {
          return;
        }
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }

    private boolean sleep(long millis) {
      try {
        Thread.sleep(millis);
        return !closed;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    @Override
    public boolean advance() {
      String line = lines.poll();
      if (line == null) {
        return false;
      }
      return emit(line);
    }

    @Override
    public CheckpointMark getCheckpointMark() {
      return new NoCheckpoint();
    }

    @Override
    public UnboundedSource<String, ?> getCurrentSource() {
      return source;
    }

    @Override
    public void close() throws IOException {
      closed = true;
      StreamingRun.removeReceiver(source.contextId, this);
      Socket s = socket;
      if (s != null) {
        s.close();
      }
      if (receiver != null) {
        receiver.interrupt();
      }
    }
  }
}
