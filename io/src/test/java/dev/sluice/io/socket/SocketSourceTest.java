package dev.sluice.io.socket;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.context.RunContext;
import dev.sluice.io.stream.BatchEnd;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchedResults;
import dev.sluice.io.stream.BatchedResults.ByBatch;
import dev.sluice.io.stream.BatchingReader;
import dev.sluice.io.stream.StatusKey;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link SocketSource} against a local server. */
@RunWith(JUnit4.class)
public class SocketSourceTest {

  /** A one-connection server: the test writes lines to the client once it has connected. */
  private static final class Server implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0);
    final CompletableFuture<Socket> client =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return server.accept();
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });

    Server() throws IOException {}

    int port() {
      return server.getLocalPort();
    }

    void send(String text) throws Exception {
      OutputStream out =
          client.get(BatchedResults.HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS).getOutputStream();
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    @Override
    public void close() throws Exception {
      if (client.isDone()) {
        client.get().close();
      }
      server.close();
    }
  }

  private static List<Batched<Row>> next(BatchingReader<Row> reader, int n) throws Exception {
    List<Batched<Row>> got = new ArrayList<>();
    long deadline = System.currentTimeMillis() + BatchedResults.HANG_GUARD_MILLIS;
    while (got.size() < n && System.currentTimeMillis() < deadline) {
      if (reader.advance()) {
        got.add(reader.getCurrent());
      } else {
        Thread.sleep(2);
      }
    }
    return got;
  }

  @Test
  public void linesBecomeBatchesAndClosingTheConnectionEndsTheSource() throws Exception {
    try (Server server = new Server();
        RunContext run = RunContext.open()) {
      SocketSource.Source source =
          SocketSource.of("localhost", server.port())
              .withIncludeTimestamp(true)
              .withStatusKey(StatusKey.of(run.runId(), "socket"))
              .unboundedSource();
      BatchingReader<Row> reader = source.createReader(PipelineOptionsFactory.create(), null);
      long before = System.currentTimeMillis();
      assertThat(reader.start(), is(false));
      server.send("hello world\nsecond line\n");
      // read until both lines are out and the batch holding the second one has ended (the two
      // lines may land in one batch or, if a poll falls between them, in two)
      List<Batched<Row>> first = new ArrayList<>();
      boolean secondSeen = false;
      while (!(secondSeen && first.get(first.size() - 1).isEnd())) {
        List<Batched<Row>> more = next(reader, 1);
        assertThat("no more elements after " + first, more.isEmpty(), is(false));
        first.addAll(more);
        Batched<Row> e = more.get(0);
        secondSeen |= e.isRecord() && e.record().getString("value").equals("second line");
      }
      assertThat(first.get(first.size() - 1).end().hasData(), is(true));
      Row hello = first.get(0).record();
      assertThat(hello.getString("value"), is("hello world"));
      assertThat(hello.getDateTime("timestamp").getMillis() >= before, is(true));

      // restart from the checkpoint: the connection and its lines survive
      reader = BatchedResults.restart(source, reader);
      reader.start();
      server.send("third\n");
      List<Batched<Row>> rest = new ArrayList<>();
      while (rest.stream()
          .noneMatch(e -> e.isRecord() && e.record().getString("value").equals("third"))) {
        List<Batched<Row>> more = next(reader, 1);
        assertThat("no more elements after " + rest, more.isEmpty(), is(false));
        rest.addAll(more);
      }
      server.client.get().close();
      rest.addAll(next(reader, 1)); // end of the batch holding "third"
      long deadline = System.currentTimeMillis() + BatchedResults.HANG_GUARD_MILLIS;
      while (reader.getWatermark().isBefore(BoundedWindow.TIMESTAMP_MAX_VALUE)
          && System.currentTimeMillis() < deadline) {
        if (reader.advance()) {
          rest.add(reader.getCurrent());
        } else {
          Thread.sleep(2);
        }
      }
      assertThat(reader.getWatermark(), is(BoundedWindow.TIMESTAMP_MAX_VALUE));
      assertThat(reader.advance(), is(false));
      BatchEnd last = rest.get(rest.size() - 1).end();
      assertThat(last.hasData(), is(false));
      assertThat(
          last.description(), is("TextSocketV2[host: localhost, port: " + server.port() + "]"));
      assertThat(last.endOffset(), is("2"));
      reader.close();
    }
  }

  @Test
  public void aPipelineOnTheDirectRunnerEndsWhenTheServerCloses() throws Exception {
    try (Server server = new Server();
        RunContext run = RunContext.open()) {
      String key = BatchedResults.newKey();
      Pipeline p =
          Pipeline.create(
              PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--blockOnRun=false")
                  .create());
      p.apply(
              SocketSource.of("localhost", server.port())
                  .withTrigger(BatchTrigger.processingTime(20))
                  .withStatusKey(StatusKey.of(run.runId(), "socket")))
          .apply(BatchedResults.<Row>collectInto(key));
      PipelineResult result = p.run();
      server.send("a\nb\n");
      Thread.sleep(200);
      server.send("c\n");
      Thread.sleep(100);
      server.client.get().close();
      assertThat(result.waitUntilFinish(), is(PipelineResult.State.DONE));

      ByBatch<Row> batches = new ByBatch<>(BatchedResults.collected(key));
      List<String> values = new ArrayList<>();
      for (Map.Entry<Long, List<Row>> batch : batches.records.entrySet()) {
        BatchEnd end = batches.ends.get(batch.getKey());
        assertThat(end.hasData(), is(true));
        assertThat(end.numInputRows(), is((long) batch.getValue().size()));
        batch.getValue().stream().map(r -> r.getString("value")).sorted().forEach(values::add);
      }
      assertThat(values, contains("a", "b", "c"));
      // every batch number from 0 has exactly one end marker
      assertThat(
          new ArrayList<>(batches.ends.keySet()).get(batches.ends.size() - 1),
          is((long) batches.ends.size() - 1));
    }
  }

  /** The server's end of the connection sees the client close it (read gives -1). */
  private static void assertClosedByTheSource(Socket client) throws IOException {
    client.setSoTimeout((int) BatchedResults.HANG_GUARD_MILLIS);
    assertThat(client.getInputStream().read(), is(-1));
  }

  /** The server's end of the connection is still open: a read waits (and times out). */
  private static void assertStillOpen(Socket client) throws IOException {
    client.setSoTimeout(100);
    assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());
  }

  @Test
  public void theRunKeepsTheConnectionUntilItClosesAndAReaderWithoutARunOwnsItsOwn()
      throws Exception {
    try (Server server = new Server();
        RunContext run = RunContext.open()) {
      SocketSource.Source source =
          SocketSource.of("localhost", server.port())
              .withStatusKey(StatusKey.of(run.runId(), "socket"))
              .unboundedSource();
      BatchingReader<Row> reader = source.createReader(PipelineOptionsFactory.create(), null);
      reader.start();
      Socket client = server.client.get(BatchedResults.HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS);
      reader.close(); // a re-created reader would continue on the connection: it stays open
      assertStillOpen(client);
      run.close(); // the run's end releases it
      assertClosedByTheSource(client);
    }
    try (Server server = new Server()) {
      SocketSource.Source source = SocketSource.of("localhost", server.port()).unboundedSource();
      BatchingReader<Row> reader = source.createReader(PipelineOptionsFactory.create(), null);
      reader.start();
      Socket client = server.client.get(BatchedResults.HANG_GUARD_MILLIS, TimeUnit.MILLISECONDS);
      reader.close(); // no run in this JVM: the reader owned the connection
      assertClosedByTheSource(client);
    }
  }

  @Test
  public void connectionRefusedNamesHostPortAndTheFix() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    BatchingReader<Row> reader =
        SocketSource.of("localhost", port)
            .unboundedSource()
            .createReader(PipelineOptionsFactory.create(), null);
    IOException e = assertThrows(IOException.class, reader::start);
    assertThat(e.getMessage(), containsString("localhost:" + port));
    assertThat(e.getMessage(), containsString("nc -lk " + port));
  }

  @Test
  public void boundedTriggersAreRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SocketSource.of("localhost", 9999)
                    .withTrigger(BatchTrigger.once())
                    .unboundedSource());
    assertThat(e.getMessage(), containsString("processing-time trigger"));
    assertThrows(IllegalArgumentException.class, () -> SocketSource.of("localhost", 0));
  }
}
