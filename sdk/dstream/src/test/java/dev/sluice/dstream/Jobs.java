package dev.sluice.dstream;

import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BooleanSupplier;

/**
 * Test helpers: a context on a named runner, a sink collecting each batch by time, captured {@code
 * print()} output, and running a bounded job to its end with a generous deadline.
 *
 * <pre>{@code
 * StreamingContext ssc = Jobs.context("MicroBatchRunner", Durations.seconds(1));
 * String counts = Jobs.collect(stream);
 * Jobs.runToEnd(ssc);
 * Jobs.results(counts); // {1000=[...], 2000=[...]}
 * }</pre>
 */
public final class Jobs {
  public static final List<String> RUNNERS = List.of("MicroBatchRunner", "DirectRunner");
  private static final Map<String, ConcurrentSkipListMap<Long, List<Object>>> SINKS =
      new ConcurrentHashMap<>();

  private Jobs() {}

  static StreamingContext context(String runner, Duration batch) {
    StreamingContext ssc =
        new StreamingContext(
            StreamingContext.options("--runner=" + runner, "--appName=test"), batch);
    ssc.checkpoint(newCheckpointDirectory());
    return ssc;
  }

  /** A new empty directory for one job's checkpoints. */
  static String newCheckpointDirectory() {
    try {
      Path dir = Files.createTempDirectory("sluice-dstream-checkpoint");
      dir.toFile().deleteOnExit();
      return dir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ByteArrayOutputStream capture(StreamingContext ssc) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ssc.printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes;
  }

  /** Collects every non-empty batch of {@code stream}; read them with {@link #results}. */
  static <T> String collect(DStream<T> stream) {
    return collect(stream, false);
  }

  /** Collects every batch of {@code stream}, empty ones too if {@code withEmpty}. */
  static <T> String collect(DStream<T> stream, boolean withEmpty) {
    String key = UUID.randomUUID().toString();
    SINKS.put(key, new ConcurrentSkipListMap<>());
    stream.foreachRDD(
        batch -> {
          if (withEmpty || !batch.isEmpty()) {
            SINKS.get(key).put(batch.time(), new ArrayList<>(batch.collect()));
          }
        });
    return key;
  }

  static Map<Long, List<Object>> results(String key) {
    return new TreeMap<>(SINKS.get(key));
  }

  /**
   * How long a test waits for a condition before it calls the job hung. Tests wait on conditions (a
   * batch reached, a job ended), never on time; this only keeps a broken job from hanging the
   * build, so it is long enough for a heavily loaded 2-core machine.
   */
  public static final long HANG_GUARD_MILLIS = 10 * 60_000;

  /** Polls {@code condition} until it holds, failing after {@link #HANG_GUARD_MILLIS}. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + HANG_GUARD_MILLIS;
    while (!condition.getAsBoolean()) {
      assertTrue("timed out waiting for " + what, System.currentTimeMillis() < deadline);
      Thread.sleep(20);
    }
  }

  /** Starts a job over bounded inputs and waits for its end (stopping it if it hangs). */
  static void runToEnd(StreamingContext ssc) {
    ssc.start();
    try {
      assertTrue(
          "job did not end within the hang guard",
          ssc.awaitTerminationOrTimeout(HANG_GUARD_MILLIS));
    } finally {
      ssc.stop();
    }
  }
}
