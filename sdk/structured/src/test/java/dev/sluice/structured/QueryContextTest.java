package dev.sluice.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.structured.internal.exec.QueryContext;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * A query's driver-side context lives from its start to its stop: what the run held (socket
 * connections, the MemoryStreams it read, its in-JVM progress listener) is released at stop, while
 * what belongs to the session (memory tables) stays. On both runners.
 */
@RunWith(Parameterized.class)
public class QueryContextTest {
  @Parameterized.Parameters(name = "{0}")
  public static List<Object[]> runners() {
    return Arrays.asList(new Object[][] {{"MicroBatchRunner"}, {"DirectRunner"}});
  }

  private final String runner;

  public QueryContextTest(String runner) {
    this.runner = runner;
  }

  private StreamingSession session() {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", runner);
    return session;
  }

  private static List<String> values(DataFrame frame) {
    return frame.collectAsList().stream()
        .map(r -> r.getValues().toString())
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  public void stopClosesTheSocketConnectionTheRunHeld() throws Exception {
    StreamingSession session = session();
    try (ServerSocket server = new ServerSocket(0)) {
      CompletableFuture<Socket> accepted =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return server.accept();
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      String table = "socket_lines_" + System.nanoTime();
      StreamingQuery q =
          session
              .readStream()
              .format("socket")
              .option("host", "localhost")
              .option("port", server.getLocalPort())
              .load()
              .writeStream()
              .format("memory")
              .queryName(table)
              .start();
      try (Socket client = accepted.get(HangGuard.MILLIS, TimeUnit.MILLISECONDS)) {
        assertThat(QueryContext.find(q.runId().toString()), notNullValue());
        OutputStream out = client.getOutputStream();
        out.write("hello\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        long deadline = System.currentTimeMillis() + HangGuard.MILLIS;
        while (values(session.table(table)).isEmpty() && System.currentTimeMillis() < deadline) {
          Thread.sleep(10);
        }
        assertThat(values(session.table(table)), equalTo(List.of("[hello]")));
        q.stop();
        assertThat(QueryContext.find(q.runId().toString()), nullValue());
        client.setSoTimeout((int) HangGuard.MILLIS);
        assertThat(
            "the query's end closed its connection", client.getInputStream().read(), equalTo(-1));
      } finally {
        q.stop();
      }
      // the table is the session's: it outlives the query, as Spark's memory sink table
      assertThat(values(session.table(table)), equalTo(List.of("[hello]")));
    }
  }

  @Test
  public void aMemoryStreamIsReadByOneQueryAfterAnother() {
    StreamingSession session = session();
    MemoryStream in = MemoryStream.of(DdlSchema.parse("v STRING"));
    in.addValues("a");
    for (int round = 0; round < 2; round++) {
      String table = "memory_rounds_" + round + "_" + System.nanoTime();
      StreamingQuery q =
          session
              .readStream()
              .memory(in)
              .writeStream()
              .format("memory")
              .queryName(table)
              .trigger(Trigger.AvailableNow())
              .start();
      assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
      assertThat(values(session.table(table)), equalTo(List.of("[a]")));
      assertThat(QueryContext.find(q.runId().toString()), nullValue());
    }
  }
}
