package dev.sluice.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.sluice.io.context.RunContext;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * {@code stop()} closes the socket receivers of the context on every runner, even one that does not
 * close its readers when a pipeline is cancelled (the DirectRunner): the server sees the connection
 * closed and the receiving thread ends, instead of reconnecting for the rest of the JVM. The
 * context's run (its driver-side objects) is findable from start until the context stops or its job
 * ends.
 */
@RunWith(Parameterized.class)
public class ReceiverStopTest {
  @Parameterized.Parameters(name = "{0}")
  public static Object[] runners() {
    return Jobs.RUNNERS.toArray();
  }

  @Parameterized.Parameter public String runner;

  private static boolean receiverRunning(int port) {
    String name = "socketTextStream-127.0.0.1:" + port;
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals(name) && t.isAlive());
  }

  @Test
  public void stopClosesTheConnectionAndEndsTheReceiver() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout((int) Jobs.HANG_GUARD_MILLIS);
      int port = server.getLocalPort();
      StreamingContext ssc = Jobs.context(runner, Durations.milliseconds(200));
      String lines = Jobs.collect(ssc.socketTextStream("127.0.0.1", port));
      ssc.start();
      assertThat(RunContext.find(ssc.id()), notNullValue());
      try (Socket client = server.accept()) {
        client.setSoTimeout((int) Jobs.HANG_GUARD_MILLIS);
        OutputStream out = client.getOutputStream();
        out.write("hello\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        Jobs.await("the line", () -> Jobs.results(lines).values().contains(List.of("hello")));
        ssc.stop();
        assertThat("stop ends the context's run", RunContext.find(ssc.id()), nullValue());
        InputStream in = client.getInputStream();
        assertThat("the receiver closed its end", in.read(), equalTo(-1));
      } finally {
        ssc.stop();
      }
      Jobs.await("the receiving thread to end", () -> !receiverRunning(port));
    }
  }

  @Test
  public void theRunIsFoundFromStartUntilTheContextEnds() throws Exception {
    StreamingContext ssc = Jobs.context(runner, Durations.milliseconds(100));
    ByteArrayOutputStream printed = Jobs.capture(ssc);
    ssc.queueStream(new ArrayDeque<>(List.of(List.of("a"), List.of("b")))).print();
    assertThat("no run before start", RunContext.find(ssc.id()), nullValue());
    ssc.start();
    try {
      assertThat(RunContext.find(ssc.id()), notNullValue());
      ssc.awaitTermination(); // the queue ends, so does the job
      assertThat("an ended job's run is forgotten", RunContext.find(ssc.id()), nullValue());
      String text = printed.toString(StandardCharsets.UTF_8);
      assertThat(
          text, containsString("Time: 100 ms\n-------------------------------------------\na\n"));
      assertThat(
          text, containsString("Time: 200 ms\n-------------------------------------------\nb\n"));
    } finally {
      ssc.stop();
    }
  }
}
