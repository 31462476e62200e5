package dev.sluice.dstream;

import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

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
final class Jobs {
  static final String[] RUNNERS = {"MicroBatchRunner", "DirectRunner"};
  private static final Map<String, ConcurrentSkipListMap<Long, List<Object>>> SINKS =
      new ConcurrentHashMap<>();

  private Jobs() {}

  static StreamingContext context(String runner, Duration batch) {
    StreamingContext ssc =
        new StreamingContext(
            StreamingContext.options("--runner=" + runner, "--appName=test"), batch);
    ssc.checkpoint(System.getProperty("java.io.tmpdir") + "/sluice-dstream-test-checkpoint");
    return ssc;
  }

  static ByteArrayOutputStream capture(StreamingContext ssc) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ssc.printTo(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes;
  }

  /** Collects every batch of {@code stream}; read them with {@link #results}. */
  static <T> String collect(DStream<T> stream) {
    String key = UUID.randomUUID().toString();
    SINKS.put(key, new ConcurrentSkipListMap<>());
    stream.foreachRDD(batch -> SINKS.get(key).put(batch.time(), new ArrayList<>(batch.collect())));
    return key;
  }

  static Map<Long, List<Object>> results(String key) {
    return new TreeMap<>(SINKS.get(key));
  }

  /** Starts a job over bounded inputs and waits for its end (stopping it if it overruns). */
  static void runToEnd(StreamingContext ssc) {
    ssc.start();
    try {
      assertTrue("job did not end within 30 s", ssc.awaitTerminationOrTimeout(30_000));
    } finally {
      ssc.stop();
    }
  }
}
