package dev.sluice.io.socket;

import dev.sluice.io.context.RunContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection of a socket source, and the lines received on it. A background thread reads
 * lines into memory; readers take them by index.
 *
 * <p>Where the source's run has its {@link RunContext} in this JVM (the driver's, on
 * MicroBatchRunner or the DirectRunner), the connection is kept there by session id, so that a
 * reader re-created from a checkpoint (Beam runners close and re-create readers) continues on the
 * same connection; lines before the oldest position still needed are dropped when checkpoints are
 * finalized; the connection closes when the run ends. Elsewhere (a worker of a distributed runner)
 * the reader owns its connection: it drops lines as it takes them and closes the connection when it
 * closes, and a re-created reader connects anew (lines sent in between are lost, as after any
 * restart of Spark's socket source).
 */
final class SocketConnection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SocketConnection.class);
  private static final String CONTEXT_PREFIX = "io.socket/";
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  /** A line and the processing time it arrived. */
  static final class Line {
    final String text;
    final long arrivalMillis;

    Line(String text, long arrivalMillis) {
      this.text = text;
      this.arrivalMillis = arrivalMillis;
    }
  }

  final String session;
  final String host;
  final int port;
  private final Socket socket;

  /** True if a reader owns the connection (no run context in this JVM). */
  final boolean owned;

  private final List<Line> lines = new ArrayList<>();
  private long base;
  private boolean eof;
  @Nullable private IOException failure;
  private volatile boolean closed;

  private SocketConnection(
      String session, String host, int port, Socket socket, long firstIndex, boolean owned) {
    this.session = session;
    this.host = host;
    this.port = port;
    this.socket = socket;
    this.base = firstIndex;
    this.owned = owned;
  }

  /**
   * The connection of {@code session} in run {@code runId}'s context, opened if the context has
   * none (a new session, or a restart from a checkpoint after the old connection was closed: lines
   * sent meanwhile are lost, as with Spark's socket source); a new connection owned by the caller
   * if the run has no context in this JVM.
   *
   * @param firstIndex the index the first line of a new connection gets
   * @throws IOException naming host and port if the server cannot be reached
   */
  static SocketConnection acquire(
      @Nullable String runId, String session, String host, int port, long firstIndex)
      throws IOException {
    RunContext run = RunContext.find(runId);
    if (run == null) {
      return open(session, host, port, firstIndex, true);
    }
    synchronized (run) {
      SocketConnection connection = run.get(CONTEXT_PREFIX + session, SocketConnection.class);
      if (connection == null || connection.closed) {
        connection = open(session, host, port, firstIndex, false);
        run.put(CONTEXT_PREFIX + session, connection);
        try {
          run.closeAtEnd(connection);
        } catch (Exception e) {
          throw new IOException("Cannot keep the socket connection in run " + runId, e);
        }
      }
      return connection;
    }
  }

  private static SocketConnection open(
      String session, String host, int port, long firstIndex, boolean owned) throws IOException {
    if (firstIndex > 0) {
      LOG.warn(
          "Socket source {}:{} reconnects after its connection was closed; lines the server"
              + " sent in between are lost (the socket source is not fault-tolerant)",
          host,
          port);
    }
    SocketConnection connection =
        new SocketConnection(session, host, port, connect(host, port), firstIndex, owned);
    connection.startReading();
    return connection;
  }

  private static Socket connect(String host, int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw new IOException(
          "Cannot connect to the socket source at "
              + host
              + ":"
              + port
              + " ("
              + (e instanceof ConnectException ? "connection refused" : e.toString())
              + "). The socket source reads from a TCP server that must be listening before the"
              + " query starts: start one first, e.g. `nc -lk "
              + port
              + "`, or fix the options host and port.",
          e);
    }
  }

  /** The connection of {@code session} kept in run {@code runId}'s context in this JVM, or null. */
  @Nullable
  static SocketConnection find(@Nullable String runId, String session) {
    RunContext run = RunContext.find(runId);
    return run == null ? null : run.get(CONTEXT_PREFIX + session, SocketConnection.class);
  }

  private void startReading() {
    Thread reader =
        new Thread(this::readLines, "sluice-socket-" + host + ":" + port + "-" + session);
    reader.setDaemon(true);
    reader.start();
  }

  private void readLines() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (this) {
          lines.add(new Line(line, System.currentTimeMillis()));
        }
      }
      synchronized (this) {
        eof = true;
      }
    } catch (IOException e) {
      synchronized (this) {
        if (!closed) {
          failure = e;
        }
        eof = true;
      }
    }
  }

  /** The index after the last line received. */
  synchronized long available() {
    return base + lines.size();
  }

  /** The line at {@code index}. */
  synchronized Line get(long index) {
    if (index < base) {
      throw new IllegalStateException(
          "Line " + index + " of " + host + ":" + port + " was already discarded");
    }
    return lines.get((int) (index - base));
  }

  /** True once the server closed the connection; throws if reading failed instead. */
  synchronized boolean ended() throws IOException {
    if (failure != null) {
      throw new IOException(
          "The connection of the socket source to " + host + ":" + port + " failed: " + failure,
          failure);
    }
    return eof;
  }

  /** Drops the lines before {@code index}: no reader will need them again. */
  synchronized void discardBefore(long index) {
    long drop = Math.min(index - base, lines.size());
    if (drop > 0) {
      lines.subList(0, (int) drop).clear();
      base += drop;
    }
  }

  /** Closes the socket; the reading thread then ends. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("Closing the socket to {}:{} failed", host, port, e);
    }
  }
}
