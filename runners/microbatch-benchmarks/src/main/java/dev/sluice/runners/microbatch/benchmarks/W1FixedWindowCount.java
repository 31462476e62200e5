package dev.sluice.runners.microbatch.benchmarks;

import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;

/**
 * W1, file → parse → window → count: {@code TextIO.read()} of the event files, a Jackson-parsing
 * {@code ParDo} with {@code outputWithTimestamp}, 10-minute {@link FixedWindows} and {@code
 * Count.perKey()} on the action. Result rows: {@code window,action,count}.
 *
 * <pre>{@code
 * Workload w1 = new W1FixedWindowCount(new EventFiles(root, 4_000_000, 40, 42L));
 * }</pre>
 */
public final class W1FixedWindowCount extends EventFileWorkload {
  static final Duration WINDOW = Duration.standardMinutes(10);

  /** W1 over {@code files}. */
  public W1FixedWindowCount(EventFiles files) {
    super(files, ParseEvents.KeyField.ACTION);
  }

  @Override
  public String name() {
    return "W1";
  }

  @Override
  public String description() {
    return String.format(
        "file → parse → 10-min window → count per action: %,d events in %d files",
        files.events(), files.files());
  }

  @Override
  public void build(Pipeline p, String runId) {
    events(p)
        .apply("FixedWindows", Window.into(FixedWindows.of(WINDOW)))
        .apply("CountPerAction", Count.perKey())
        .apply(
            "Digest",
            DigestSink.to(
                runId,
                (KV<String, Long> kv, BoundedWindow w) ->
                    row(DigestSink.window(w), kv.getKey(), kv.getValue())));
  }

  static String row(String window, String action, long count) {
    return window + "," + action + "," + count;
  }

  /**
   * The same counts with plain Java: files parsed on {@code threads} threads, each counting into
   * its own map, merged at the end.
   */
  @Override
  public void runPlainJava(String runId, int threads) throws Exception {
    List<Path> paths;
    try (Stream<Path> list = Files.list(files.dir())) {
      paths =
          list.filter(f -> f.toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
    }
    AtomicInteger next = new AtomicInteger();
    long window = WINDOW.getMillis();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Map<WindowAction, Long> total = new HashMap<>();
    try {
      List<Future<Map<WindowAction, long[]>>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(
            pool.submit(
                () -> {
                  ObjectReader reader = Event.reader();
                  Map<WindowAction, long[]> counts = new HashMap<>();
                  for (int i = next.getAndIncrement();
                      i < paths.size();
                      i = next.getAndIncrement()) {
                    countFile(paths.get(i), reader, counts, window);
                  }
                  return counts;
                }));
      }
      for (Future<Map<WindowAction, long[]>> part : parts) {
        part.get().forEach((k, v) -> total.merge(k, v[0], Long::sum));
      }
    } finally {
      pool.shutdownNow();
    }
    ResultDigest digest = ResultDigest.get(runId);
    total.forEach(
        (k, count) -> digest.add(row(k.start() + ".." + (k.start() + window), k.action(), count)));
  }

  @Override
  public boolean hasPlainJava() {
    return true;
  }

  private record WindowAction(long start, String action) {}

  private static void countFile(
      Path path, ObjectReader reader, Map<WindowAction, long[]> counts, long window)
      throws IOException {
    try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        Event e = Event.parse(reader, line);
        long start = Math.floorDiv(Event.timestampMillis(e.ts), window) * window;
        counts.computeIfAbsent(new WindowAction(start, e.action), k -> new long[1])[0]++;
      }
    }
  }
}
