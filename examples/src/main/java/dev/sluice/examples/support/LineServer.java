package dev.sluice.examples.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server on the loopback interface that plays a list of text lines to whoever connects, as
 * {@code nc -lk} does when you type them: {@code linesPerTick} lines every {@code tick}, then it
 * keeps the connection open (without more data) until closed. A client that reconnects gets the
 * lines not yet written. Socket examples use it to feed their bundled data through the same {@code
 * socketTextStream} a user's own server would.
 *
 * <pre>{@code
 * try (LineServer server = LineServer.start(lines, 5, Duration.ofSeconds(1))) {
 *   DStream<String> stream = ssc.socketTextStream("localhost", server.port());
 *   ...
 * }
 * }</pre>
 */
public final class LineServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<String> lines;
  private final int linesPerTick;
  private final Duration tick;
  private final AtomicInteger written = new AtomicInteger();
  private final List<Socket> clients = new ArrayList<>();
  private final Thread thread;
  private volatile boolean closed;

  private LineServer(ServerSocket server, List<String> lines, int linesPerTick, Duration tick) {
    this.server = server;
    this.lines = List.copyOf(lines);
    this.linesPerTick = linesPerTick;
    this.tick = tick;
    this.thread = new Thread(this::serve, "line-server-" + server.getLocalPort());
    this.thread.setDaemon(true);
  }

  /**
   * Listens on a free port of 127.0.0.1 and plays {@code lines} to the first client, {@code
   * linesPerTick} at a time, one group every {@code tick}.
   *
   * @throws IllegalArgumentException if {@code linesPerTick} is not positive
   */
  public static LineServer start(List<String> lines, int linesPerTick, Duration tick)
      throws IOException {
    if (linesPerTick < 1) {
      throw new IllegalArgumentException("linesPerTick must be at least 1, not " + linesPerTick);
    }
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    LineServer lineServer = new LineServer(server, lines, linesPerTick, tick);
    lineServer.thread.start();
    return lineServer;
  }

  /** The port to connect to, on {@code localhost}. */
  public int port() {
    return server.getLocalPort();
  }

  /** The number of lines to play. */
  public int size() {
    return lines.size();
  }

  /** True once every line has been written to a client. */
  public boolean done() {
    return written.get() == lines.size();
  }

  private void serve() {
    while (!closed) {
      try {
        Socket client = server.accept();
        synchronized (clients) {
          clients.add(client);
        }
        play(client.getOutputStream());
      } catch (SocketException e) {
        return; // closed
      } catch (IOException e) {
        // The client went away; the next one gets the rest.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void play(OutputStream out) throws IOException, InterruptedException {
    while (written.get() < lines.size() && !closed) {
      StringBuilder group = new StringBuilder();
      int from = written.get();
      int to = Math.min(lines.size(), from + linesPerTick);
      for (String line : lines.subList(from, to)) {
        group.append(line).append('\n');
      }
      out.write(group.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      written.set(to);
      if (to < lines.size()) {
        Thread.sleep(tick.toMillis());
      }
    }
  }

  /** Stops listening and closes every connection. */
  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    synchronized (clients) {
      for (Socket client : clients) {
        client.close();
      }
    }
    thread.interrupt();
  }
}
