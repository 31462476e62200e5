package dev.sluice.structured;

import static dev.sluice.structured.Functions.col;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.instanceOf;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.memory.MemoryStream;
import dev.sluice.io.schema.DdlSchema;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.beam.sdk.values.Row;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Malformed input under each parse mode, a socket that closes, user functions that throw, and the
 * queries {@code start()} refuses, with messages that say what to do.
 */
public class BadInputTest {
  static final List<String> PROCESSED = new CopyOnWriteArrayList<>();

  @Rule public TemporaryFolder tmp = new TemporaryFolder();
  private StreamingSession session;

  @Before
  public void setUp() {
    session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
  }

  /** A directory with one JSON file whose second line is not JSON. */
  private Path badJson() throws Exception {
    Path dir = tmp.newFolder().toPath();
    Files.writeString(
        dir.resolve("events.json"),
        "{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":\n{\"id\":\"c\",\"n\":3}\n",
        StandardCharsets.UTF_8);
    return dir;
  }

  /** Reads {@code dir} to the end with {@code options}; rows as strings, sorted. */
  private StreamingQuery readAll(Path dir, String schema, String table, String... options) {
    DataStreamReader reader = session.readStream().schema(schema);
    for (int i = 0; i < options.length; i += 2) {
      reader = reader.option(options[i], options[i + 1]);
    }
    return reader
        .json(dir.toString())
        .writeStream()
        .format("memory")
        .queryName(table)
        .trigger(Trigger.AvailableNow())
        .start();
  }

  private List<String> rows(String table) {
    return session.table(table).collectAsList().stream()
        .map(r -> r.getValues().toString())
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  public void permissiveKeepsTheLineInTheCorruptRecordColumn() throws Exception {
    String table = "permissive_" + System.nanoTime();
    StreamingQuery q =
        readAll(
            badJson(),
            "id STRING, n INT, bad STRING",
            table,
            "mode",
            "PERMISSIVE",
            "columnNameOfCorruptRecord",
            "bad");
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(
        rows(table),
        equalTo(List.of("[a, 1, null]", "[c, 3, null]", "[null, null, {\"id\":\"b\",\"n\":]")));
  }

  @Test
  public void dropMalformedDropsTheLine() throws Exception {
    String table = "dropmalformed_" + System.nanoTime();
    StreamingQuery q = readAll(badJson(), "id STRING, n INT", table, "mode", "DROPMALFORMED");
    assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
    assertThat(rows(table), equalTo(List.of("[a, 1]", "[c, 3]")));
    assertThat(q.lastProgress().numInputRows(), equalTo(2L));
  }

  @Test
  public void failFastFailsTheQueryNamingFileAndLine() throws Exception {
    StreamingQuery q =
        readAll(badJson(), "id STRING, n INT", "failfast_" + System.nanoTime(), "mode", "FAILFAST");
    StreamingQueryException e =
        assertThrows(StreamingQueryException.class, () -> q.awaitTermination(HangGuard.MILLIS));
    assertThat(q.isActive(), equalTo(false));
    assertThat(q.exception().get(), equalTo(e));
    assertThat(e.getMessage(), containsString("events.json"));
    assertThat(e.getMessage(), containsString(":2"));
    assertThat(e.getMessage(), containsString("DROPMALFORMED"));
  }

  @Test
  public void aSocketThatClosesEndsTheQueryCleanly() throws Exception {
    try (ServerSocket server = new ServerSocket(0)) {
      Thread feeder =
          new Thread(
              () -> {
                try (Socket client = server.accept()) {
                  OutputStream out = client.getOutputStream();
                  out.write("hello world\nbye\n".getBytes(StandardCharsets.UTF_8));
                  out.flush();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      feeder.start();
      String table = "socket_" + System.nanoTime();
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
      assertThat(q.awaitTermination(HangGuard.MILLIS), equalTo(true));
      feeder.join();
      assertThat(q.exception().isPresent(), equalTo(false));
      assertThat(rows(table), equalTo(List.of("[bye]", "[hello world]")));
    }
  }

  /** Fails on the row whose value is "bad", recording what it saw. */
  static final class FailingWriter extends ForeachWriter {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean open(long partitionId, long epochId) {
      return true;
    }

    @Override
    public void process(Row row) {
      if (row.getString(0).equals("bad")) {
        throw new IllegalArgumentException("cannot process " + row.getString(0));
      }
      PROCESSED.add(row.getString(0));
    }

    @Override
    public void close(Throwable errorOrNull) {
      PROCESSED.add("closed " + (errorOrNull == null ? "cleanly" : errorOrNull.getMessage()));
    }
  }

  @Test
  public void aThrowingForeachWriterStopsTheQueryWithTheCause() {
    PROCESSED.clear();
    MemoryStream in = MemoryStream.of(DdlSchema.parse("v STRING"));
    StreamingQuery q =
        session.readStream().memory(in).writeStream().foreach(new FailingWriter()).start();
    in.addValues("ok");
    q.processAllAvailable();
    in.addValues("bad");
    StreamingQueryException e =
        assertThrows(StreamingQueryException.class, () -> q.awaitTermination(HangGuard.MILLIS));
    assertThat(e.getCause(), instanceOf(IllegalArgumentException.class));
    assertThat(e.getCause().getMessage(), equalTo("cannot process bad"));
    assertThat(q.exception().get().getCause(), equalTo(e.getCause()));
    assertThat(PROCESSED, equalTo(List.of("ok", "closed cleanly", "closed cannot process bad")));
  }

  @Test
  public void aThrowingForeachBatchFunctionStopsTheQueryWithTheCause() {
    MemoryStream in = MemoryStream.of(DdlSchema.parse("v STRING"));
    StreamingQuery q =
        session
            .readStream()
            .memory(in)
            .writeStream()
            .foreachBatch(
                (frame, id) -> {
                  if (id == 1) {
                    throw new java.io.IOException("disk full in batch " + id);
                  }
                })
            .start();
    in.addValues("a");
    q.processAllAvailable();
    in.addValues("b");
    StreamingQueryException e = assertThrows(StreamingQueryException.class, q::processAllAvailable);
    assertThat(e.getCause(), instanceOf(java.io.IOException.class));
    assertThat(e.getMessage(), containsString("disk full in batch 1"));
    assertThat(q.isActive(), equalTo(false));
  }

  @Test
  public void startRefusesQueriesItCannotRunAndSaysHowToFixThem() {
    MemoryStream in = MemoryStream.of(DdlSchema.parse("v STRING"));
    DataFrame stream = session.readStream().memory(in);
    int active = session.streams().active().length;
    IllegalArgumentException memory =
        assertThrows(
            IllegalArgumentException.class, () -> stream.writeStream().format("memory").start());
    assertThat(memory.getMessage(), containsString(".queryName(\""));
    IllegalArgumentException noPath =
        assertThrows(
            IllegalArgumentException.class,
            () -> stream.writeStream().format("json").option("checkpointLocation", "cp").start());
    assertThat(noPath.getMessage(), containsString("start(\"out/\")"));
    AnalysisException noCheckpoint =
        assertThrows(
            AnalysisException.class,
            () -> stream.writeStream().format("json").start(tmp.getRoot().getPath()));
    assertThat(noCheckpoint.getMessage(), containsString("option(\"checkpointLocation\""));
    AnalysisException complete =
        assertThrows(
            AnalysisException.class,
            () ->
                stream
                    .groupBy(col("v"))
                    .count()
                    .writeStream()
                    .format("json")
                    .outputMode("complete")
                    .option("checkpointLocation", "cp")
                    .start("out"));
    assertThat(complete.getMessage(), containsString("does not support Complete output mode"));
    IllegalArgumentException schema =
        assertThrows(
            IllegalArgumentException.class,
            () -> session.readStream().json(tmp.getRoot().getPath()));
    assertThat(schema.getMessage(), containsString("Schema must be specified"));
    assertThat(schema.getMessage(), containsString(".schema(\"id STRING, ts TIMESTAMP\")"));
    assertThat(session.streams().active().length, equalTo(active));
  }
}
