package dev.sluice.examples.support;

import dev.sluice.dstream.DStream;
import dev.sluice.dstream.StreamingContext;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingQueryListener;
import dev.sluice.structured.StreamingSession;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The input of a socket example: {@code --host}/{@code --port} to read from your own server (as
 * Spark's examples do with {@code nc -lk 9999}; {@code --run-for} bounds the run), or, without
 * {@code --port}, a file (the bundled sample or {@code --input}) played over a local socket by a
 * {@link LineServer}. Reading your server, the job runs until interrupted; playing a file, it stops
 * once every line has gone through a batch.
 *
 * <pre>{@code
 * @Mixin SocketInput socket;
 * @Mixin InputOption input;
 * ...
 * DStream<String> lines = socket.open(ssc, input.path(), "dev/sluice/examples/logs/app.log");
 * lines.filter(line -> line.contains("error")).print();
 * socket.run(ssc, err());
 * }</pre>
 */
public final class SocketInput {
  private static final Map<String, AtomicLong> LINES_SEEN = new ConcurrentHashMap<>();
  private static final Map<String, Played> PLAYED = new ConcurrentHashMap<>();

  /** What the line counter of a played input (DStream version) saw, batch by batch. */
  private static final class Played {
    private final long total;
    private long lines;
    private long lastBatch = Long.MIN_VALUE;
    private long allSeenAt = Long.MIN_VALUE;

    Played(long total) {
      this.total = total;
    }

    synchronized void batchDone(long time, long count) {
      lines += count;
      lastBatch = Math.max(lastBatch, time);
      if (lines >= total && allSeenAt == Long.MIN_VALUE) {
        allSeenAt = time;
      }
    }

    synchronized long lines() {
      return lines;
    }

    /** Every line is counted, and two batches after the one that counted the last are done. */
    synchronized boolean outputsDone(long interval) {
      return allSeenAt != Long.MIN_VALUE && lastBatch >= allSeenAt + 2 * interval;
    }
  }

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(
      names = "--host",
      defaultValue = "localhost",
      paramLabel = "HOST",
      description = "Host of the server to read lines from (default: ${DEFAULT-VALUE}).")
  String host = "localhost";

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description =
          "Port of your server to read lines from, e.g. started with `nc -lk 9999`; runs until"
              + " interrupted. Without it the example plays its input over a local socket.")
  Integer port;

  @Option(
      names = "--lines-per-batch",
      defaultValue = "4",
      paramLabel = "N",
      description = "Without --port: lines played per batch interval (default: ${DEFAULT-VALUE}).")
  int linesPerBatch = 4;

  @Option(
      names = "--run-for",
      paramLabel = "DURATION",
      converter = dev.sluice.examples.cli.BatchIntervalOption.DurationConverter.class,
      description = "With --port: stop after this long (default: run until interrupted).")
  java.time.Duration runFor;

  private LineServer server;
  private String seenKey;
  private Duration playInterval;

  /**
   * A stream of the lines from {@code --host:--port}, or else of the lines of {@code input} (or of
   * the classpath resource {@code bundled} when {@code input} is null) played over a local socket.
   *
   * @throws ParameterException if both {@code --port} and an input file are given
   */
  public DStream<String> open(StreamingContext ssc, Path input, String bundled) throws IOException {
    if (port != null) {
      if (input != null) {
        throw new ParameterException(
            spec.commandLine(),
            "give --port (read from your server) or --input (played on a local socket), not both");
      }
      return ssc.socketTextStream(host, port);
    }
    if (runFor != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--run-for bounds reading your server (--port); a played input stops by itself");
    }
    if (linesPerBatch < 1) {
      throw new ParameterException(
          spec.commandLine(), "--lines-per-batch must be at least 1, not " + linesPerBatch);
    }
    Path file = input != null ? input : dev.sluice.examples.cli.InputOption.copyResource(bundled);
    if (Files.isDirectory(file)) {
      throw new ParameterException(
          spec.commandLine(), "--input " + file + " is a directory; give a text file");
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    server =
        LineServer.start(
            lines, linesPerBatch, Duration.ofMillis(ssc.batchDuration().milliseconds()));
    DStream<String> stream = ssc.socketTextStream("localhost", server.port());
    String key = UUID.randomUUID().toString();
    PLAYED.put(key, new Played(lines.size()));
    stream.foreachRDD(batch -> PLAYED.get(key).batchDone(batch.time(), batch.count()));
    seenKey = key;
    return stream;
  }

  /**
   * Starts {@code ssc} and waits: when reading your server, for {@code --run-for} or until the
   * thread is interrupted (as Ctrl-C or an embedding program would stop it); when playing a file,
   * until every line has gone through a batch. Then stops it.
   *
   * @throws IllegalStateException if the played lines are not all processed within a minute past
   *     their playing time
   */
  public void run(StreamingContext ssc, PrintStream err) throws Exception {
    long interval = ssc.batchDuration().milliseconds();
    if (server == null) {
      err.printf(
          "Reading lines from %s:%d (start a server with `nc -lk %d`); %s.%n",
          host, port, port, runFor == null ? "Ctrl-C stops" : "stopping after " + runFor);
      ssc.start();
      RunFor.await(ssc, runFor);
      return;
    }
    LineServer playing = server;
    try {
      err.printf(
          "Playing %d lines on localhost:%d, %d per batch; the job stops when all are processed.%n",
          playing.size(), playing.port(), linesPerBatch);
      long playTime = (playing.size() / linesPerBatch + 1) * interval;
      long deadline = System.currentTimeMillis() + playTime + 60_000;
      ssc.start();
      Played played = PLAYED.get(seenKey);
      // The batch that counts the last lines runs the example's outputs too, on another branch
      // of the pipeline: wait for batches after it, which the runners finish after it.
      while (!played.outputsDone(interval)) {
        if (ssc.awaitTerminationOrTimeout(50)) {
          throw new IllegalStateException("The job ended before all lines were processed");
        }
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(
              "Only "
                  + played.lines()
                  + " of "
                  + playing.size()
                  + " lines were processed within "
                  + (playTime + 60_000) / 1000
                  + " s");
        }
      }
    } finally {
      ssc.stop(); // before the server closes, so the receiver does not try to reconnect
      PLAYED.remove(seenKey);
      playing.close();
    }
  }

  /**
   * The Structured version of {@link #open}: a socket source ({@code format("socket")}) reading
   * {@code --host:--port}, or the lines of {@code input} (or of resource {@code bundled}) played
   * over a local socket, {@code --lines-per-batch} every {@code interval}.
   *
   * <pre>{@code
   * DataFrame lines = socket.openStructured(spark, input.path(), BUNDLED_TEXT, interval);
   * StreamingQuery query = ...lines...writeStream()...start();
   * socket.runStructured(spark, query, err());
   * }</pre>
   *
   * @throws ParameterException for the same bad combinations as {@link #open}
   */
  public DataFrame openStructured(
      StreamingSession spark, Path input, String bundled, Duration interval) throws IOException {
    int readPort;
    if (port != null) {
      if (input != null) {
        throw new ParameterException(
            spec.commandLine(),
            "give --port (read from your server) or --input (played on a local socket), not both");
      }
      readPort = port;
    } else {
      List<String> lines = playedLines(input, bundled);
      server = LineServer.start(lines, linesPerBatch, interval);
      playInterval = interval;
      readPort = server.port();
      host = "localhost";
    }
    seenKey = UUID.randomUUID().toString();
    LINES_SEEN.put(seenKey, new AtomicLong());
    return spark.readStream().format("socket").option("host", host).option("port", readPort).load();
  }

  private List<String> playedLines(Path input, String bundled) throws IOException {
    if (runFor != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--run-for bounds reading your server (--port); a played input stops by itself");
    }
    if (linesPerBatch < 1) {
      throw new ParameterException(
          spec.commandLine(), "--lines-per-batch must be at least 1, not " + linesPerBatch);
    }
    Path file = input != null ? input : dev.sluice.examples.cli.InputOption.copyResource(bundled);
    if (Files.isDirectory(file)) {
      throw new ParameterException(
          spec.commandLine(), "--input " + file + " is a directory; give a text file");
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  /**
   * Lets {@code query}, started on the frame of {@link #openStructured}, run: when reading your
   * server, for {@code --run-for} or until the thread is interrupted (as Ctrl-C or an embedding
   * program would stop it); when playing a file, until every line has been read by a batch. Then
   * stops it.
   *
   * @throws IllegalStateException if the played lines are not all read within a minute past their
   *     playing time
   * @throws dev.sluice.structured.StreamingQueryException if the query failed
   */
  public void runStructured(StreamingSession spark, StreamingQuery query, PrintStream err)
      throws Exception {
    if (server == null) {
      err.printf(
          "Reading lines from %s:%d (start a server with `nc -lk %d`); %s.%n",
          host, port, port, runFor == null ? "Ctrl-C stops" : "stopping after " + runFor);
      try {
        RunFor.await(query, runFor);
      } finally {
        LINES_SEEN.remove(seenKey);
      }
      return;
    }
    String runId = query.runId().toString();
    AtomicLong seen = LINES_SEEN.get(seenKey);
    StreamingQueryListener counter =
        new StreamingQueryListener() {
          @Override
          public void onQueryStarted(QueryStartedEvent event) {}

          @Override
          public void onQueryProgress(QueryProgressEvent event) {
            if (event.progress().runId().equals(runId)) {
              seen.addAndGet(event.progress().numInputRows());
            }
          }

          @Override
          public void onQueryTerminated(QueryTerminatedEvent event) {}
        };
    LineServer playing = server;
    spark.streams().addListener(counter);
    try {
      err.printf(
          "Playing %d lines on localhost:%d, %d per batch; the job stops when all are processed.%n",
          playing.size(), playing.port(), linesPerBatch);
      long playTime = (playing.size() / linesPerBatch + 1) * playInterval.toMillis();
      long deadline = System.currentTimeMillis() + playTime + 60_000;
      while (seen.get() < playing.size()) {
        if (query.awaitTermination(50)) {
          throw new IllegalStateException("The query ended before all lines were processed");
        }
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(
              "Only " + seen.get() + " of " + playing.size() + " lines were processed in time");
        }
      }
    } finally {
      query.stop(); // before the server closes, so the source does not see a dropped connection
      spark.streams().removeListener(counter);
      LINES_SEEN.remove(seenKey);
      playing.close();
    }
  }
}
