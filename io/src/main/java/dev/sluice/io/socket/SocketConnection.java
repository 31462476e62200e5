package dev.sluice.io.socket;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection of a socket source, and the lines received on it, kept in a JVM-wide registry
 * by session id so that a reader re-created from a checkpoint (Beam runners close and re-create
 * readers) continues on the same connection. A background thread reads lines into memory; readers
 * take them by index. Lines before the oldest position still needed are dropped when checkpoints
 * are finalized. A connection no reader holds is closed after {@link #IDLE_CLOSE_MILLIS}.
 */
final class SocketConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SocketConnection.class);
  private static final Map<String, SocketConnection> OPEN = new ConcurrentHashMap<>();
  static final long IDLE_CLOSE_MILLIS = 60_000;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final ScheduledExecutorService CLOSER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sluice-socket-closer");
            t.setDaemon(true);
            return t;
          });

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
  private final List<Line> lines = new ArrayList<>();
  private long base;
  private boolean eof;
  @Nullable private IOException failure;
  private int holders;
  @Nullable private ScheduledFuture<?> pendingClose;
  private volatile boolean closed;

  private SocketConnection(String session, String host, int port, Socket socket, long firstIndex) {
    this.session = session;
    this.host = host;
    this.port = port;
    this.socket = socket;
    this.base = firstIndex;
  }

  /**
   * The connection of {@code session}, opened if this JVM has none (a new session, or a restart
   * from a checkpoint after the old connection was closed: lines sent meanwhile are lost, as with
   * Spark's socket source). Acquired: release it when done.
   *
   * @param firstIndex the index the first line of a new connection gets
   * @throws IOException naming host and port if the server cannot be reached
   */
  static synchronized SocketConnection acquire(
      String session, String host, int port, long firstIndex) throws IOException {
    SocketConnection connection = OPEN.get(session);
    if (connection == null) {
      if (firstIndex > 0) {
        LOG.warn(
            "Socket source {}:{} reconnects after its connection was closed; lines the server"
                + " sent in between are lost (the socket source is not fault-tolerant)",
            host,
            port);
      }
      connection = new SocketConnection(session, host, port, connect(host, port), firstIndex);
      OPEN.put(session, connection);
      connection.startReading();
    }
    connection.hold();
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

  /** The connection of {@code session} if it is open in this JVM. */
  @Nullable
  static SocketConnection find(String session) {
    return OPEN.get(session);
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

  private synchronized void hold() {
    holders++;
    if (pendingClose != null) {
      pendingClose.cancel(false);
      pendingClose = null;
    }
  }

  /** A reader is done with the connection; with no holder left it closes after a while. */
  synchronized void release() {
    holders--;
    if (holders <= 0 && pendingClose == null) {
      pendingClose = CLOSER.schedule(this::closeIfUnused, IDLE_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  private void closeIfUnused() {
    synchronized (SocketConnection.class) {
      synchronized (this) {
        if (holders > 0) {
          return;
        }
        OPEN.remove(session);
        closed = true;
      }
    }
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("Closing the socket to {}:{} failed", host, port, e);
    }
  }
}
