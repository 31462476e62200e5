package dev.sluice.runners.microbatch.benchmarks;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * Runs workloads W1–W5 on MicroBatchRunner and DirectRunner in this JVM, checks that every run of
 * every runner produced the same result, and prints Markdown tables (rows/s, peak heap, ratio
 * MicroBatchRunner/DirectRunner; W5's latency percentiles) and whether the targets are met.
 *
 * <p>For each of W1–W4 (input generated once, not timed): {@code --warmups} unmeasured runs per
 * runner, then {@code --runs} measured runs taking turns between runners; rows/s is input rows over
 * the median wall time of {@code Pipeline.run()} to the end of {@code waitUntilFinish()}. W5 runs
 * {@code --w5WarmupSeconds} then {@code --w5Seconds} per runner, with {@code --blockOnRun=false},
 * waiting for the end and cancelling if it does not come. The exit status is 1 if any run failed or
 * two results differ.
 *
 * <p>From the repository root (see this module's README.md):
 *
 * <pre>{@code
 * mvn -B -q install -DskipTests && mvn -B -q -pl runners/microbatch-benchmarks exec:exec \
 *     -Dbench.args="--workloads=W1,W2 --scale=0.25"
 * }</pre>
 */
public final class Benchmarks {
  static final String MICRO = "MicroBatchRunner";
  static final String DIRECT = "DirectRunner";
  static final String PLAIN = "PlainJava";

  private final BenchmarkOptions options;
  private final PrintStream out;
  private final List<String> runners;
  private final List<String> failures = new ArrayList<>();
  private final MarkdownTable summary =
      new MarkdownTable("workload", "runner", "rows/s", "peak heap MB", "ratio");
  private final MarkdownTable details =
      new MarkdownTable(
          "workload",
          "runner",
          "median s",
          "measured runs s",
          "sampled peak heap MB",
          "result rows",
          "result digest");
  private final MarkdownTable latency =
      new MarkdownTable(
          "runner", "events", "received", "p50 ms", "p99 ms", "max ms", "peak heap MB", "state");
  private final List<String> targets = new ArrayList<>();

  Benchmarks(BenchmarkOptions options, PrintStream out) {
    this.options = options;
    this.out = out;
    this.runners =
        Arrays.stream(options.getRunners().split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toList());
    for (String r : runners) {
      if (!r.equals(MICRO) && !r.equals(DIRECT) && !r.equals(PLAIN)) {
        throw new IllegalArgumentException("Unknown runner " + r + " in --runners");
      }
    }
  }

  /** Parses the options, runs the benchmark and exits with 0, or 1 if anything failed. */
  public static void main(String[] args) throws Exception {
    PipelineOptionsFactory.register(BenchmarkOptions.class);
    BenchmarkOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(BenchmarkOptions.class);
    int status = new Benchmarks(options, System.out).run();
    System.out.flush();
    System.exit(status);
  }

  int run() throws Exception {
    out.println("# Sluice benchmarks, " + ZonedDateTime.now(ZoneId.systemDefault()).withNano(0));
    out.println();
    out.println(machine());
    out.printf(
        Locale.ROOT,
        "Options: workloads=%s scale=%s workloadScale=%s runs=%d warmups=%d runners=%s microBatchArgs=%s"
            + " directArgs=%s w5Seconds=%d w5Rate=%d%n%n",
        options.getWorkloads(),
        options.getScale(),
        options.getWorkloadScale(),
        options.getRuns(),
        options.getWarmups(),
        runners,
        options.getMicroBatchArgs(),
        options.getDirectArgs(),
        options.getW5Seconds(),
        options.getW5Rate());
    Path dataDir =
        options.getDataDir() != null
            ? Path.of(options.getDataDir())
            : Path.of(System.getProperty("java.io.tmpdir"), "sluice-benchmarks");
    Map<String, Double> multipliers = multipliers(options.getWorkloadScale());
    double scale = options.getScale();
    double eventScale = scale * multipliers.getOrDefault("EVENTS", 1.0);
    EventFiles events =
        new EventFiles(
            dataDir, Math.max(1, Math.round(4_000_000 * eventScale)), 40, options.getSeed());
    try (HeapSampler sampler = new HeapSampler()) {
      for (String name : options.getWorkloads().split(",")) {
        String workload = name.trim().toUpperCase(Locale.ROOT);
        double s = scale * multipliers.getOrDefault(workload, 1.0);
        switch (workload) {
          case "W1" -> throughput(new W1FixedWindowCount(events), sampler);
          case "W2" ->
              throughput(
                  new W2ManyKeysSum(
                      Math.max(1, Math.round(10_000_000 * s)),
                      Math.max(1, Math.round(1_000_000 * s))),
                  sampler);
          case "W3" -> throughput(new W3SlidingWindowMean(events), sampler);
          case "W4" -> throughput(new W4Sessionization(events), sampler);
          case "W5" -> latency(sampler);
          default -> throw new IllegalArgumentException("Unknown workload " + name);
        }
      }
    }
    out.println("## Results");
    out.println();
    out.println(summary);
    out.println(
        "rows/s: input rows / median wall time of the measured runs. ratio: rows/s divided");
    out.println("by DirectRunner's rows/s. peak heap: largest heap used right after a GC over the");
    out.println(
        "measured runs (≈ live data; the sampled peak including garbage is in the details).");
    out.println();
    if (details.size() > 0) {
      out.println(details);
    }
    if (latency.size() > 0) {
      out.println("W5 latency (now − stamp at the sink):");
      out.println();
      out.println(latency);
    }
    if (!targets.isEmpty()) {
      out.println("Targets:");
      targets.forEach(t -> out.println("- " + t));
      out.println();
    }
    if (!failures.isEmpty()) {
      out.println("FAILURES:");
      failures.forEach(f -> out.println("- " + f));
      return 1;
    }
    return 0;
  }

  /**
   * Parses {@code W2=0.1,W3=0.5}. W1, W3 and W4 share their input, so a multiplier for any of them
   * applies to all three (under the key EVENTS).
   */
  static Map<String, Double> multipliers(String spec) {
    Map<String, Double> result = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] kv = entry.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("--workloadScale entries are NAME=factor: " + entry);
      }
      String name = kv[0].trim().toUpperCase(Locale.ROOT);
      double factor = Double.parseDouble(kv[1].trim());
      if (name.equals("W1") || name.equals("W3") || name.equals("W4")) {
        Double earlier = result.put("EVENTS", factor);
        if (earlier != null && !earlier.equals(factor)) {
          throw new IllegalArgumentException(
              "W1, W3 and W4 share their input: give them one multiplier, not " + spec);
        }
      } else {
        result.put(name, factor);
      }
    }
    return result;
  }

  /** One run's measurement. */
  private record Run(
      String runner,
      String label,
      double seconds,
      HeapSampler.Peaks peaks,
      ResultDigest.Summary digest) {}

  private void throughput(Workload w, HeapSampler sampler) {
    out.println("## " + w.name() + ": " + w.description());
    long t0 = System.nanoTime();
    try {
      w.prepare();
    } catch (Exception e) {
      fail(w.name() + ": preparing the input failed: " + e);
      return;
    }
    out.printf(Locale.ROOT, "input ready in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    List<String> mine = runners.stream().filter(r -> !r.equals(PLAIN) || w.hasPlainJava()).toList();
    Map<String, List<Run>> measured = new LinkedHashMap<>();
    Map<String, Boolean> broken = new LinkedHashMap<>();
    List<Run> all = new ArrayList<>();
    for (String runner : mine) {
      measured.put(runner, new ArrayList<>());
      for (int i = 1; i <= options.getWarmups() && !broken.containsKey(runner); i++) {
        Run run = measure(w, runner, "warmup-" + i, sampler, broken);
        if (run != null) {
          all.add(run);
        }
      }
    }
    for (int i = 1; i <= options.getRuns(); i++) {
      for (String runner : mine) {
        if (!broken.containsKey(runner)) {
          Run run = measure(w, runner, "run-" + i, sampler, broken);
          if (run != null) {
            all.add(run);
            measured.get(runner).add(run);
          }
        }
      }
    }
    checkSameResult(w.name(), all);
    double directRate = rate(w, measured.getOrDefault(DIRECT, List.of()));
    for (Map.Entry<String, List<Run>> e : measured.entrySet()) {
      List<Run> runs = e.getValue();
      if (runs.isEmpty()) {
        summary.add(w.name(), e.getKey(), "failed", "—", "—");
        continue;
      }
      double rate = rate(w, runs);
      long sampled = runs.stream().mapToLong(r -> r.peaks().usedBytes()).max().orElse(0);
      boolean isDirect = e.getKey().equals(DIRECT);
      double ratio = rate / directRate;
      summary.add(
          w.name(),
          e.getKey(),
          MarkdownTable.count(rate),
          peakHeap(runs.stream().map(Run::peaks).toList()),
          isDirect ? "1.00" : MarkdownTable.fixed(ratio, 2));
      details.add(
          w.name(),
          e.getKey(),
          MarkdownTable.fixed(medianSeconds(runs), 2),
          runs.stream()
              .map(r -> MarkdownTable.fixed(r.seconds(), 2))
              .collect(Collectors.joining(", ")),
          MarkdownTable.count(sampled / 1048576.0),
          MarkdownTable.count((double) runs.get(0).digest().rows()),
          runs.get(0).digest().toString());
      if (e.getKey().equals(MICRO)) {
        addThroughputTarget(w.name(), rate, ratio);
      }
    }
    out.println();
  }

  /**
   * The table's peak heap: the largest heap occupancy right after a GC over the runs (live data
   * plus garbage no collection has reached yet); "≤ N" with the sampled peak if a run saw no GC.
   */
  static String peakHeap(List<HeapSampler.Peaks> runs) {
    long afterGc = runs.stream().mapToLong(HeapSampler.Peaks::afterGcBytes).max().orElse(0);
    boolean everyRunCollected = runs.stream().allMatch(p -> p.afterGcBytes() > 0);
    if (everyRunCollected) {
      return MarkdownTable.count(afterGc / 1048576.0);
    }
    long sampled = runs.stream().mapToLong(HeapSampler.Peaks::usedBytes).max().orElse(0);
    return "≤ " + MarkdownTable.count(Math.max(afterGc, sampled) / 1048576.0);
  }

  private void addThroughputTarget(String workload, double rate, double ratio) {
    String ratioText = Double.isFinite(ratio) ? MarkdownTable.fixed(ratio, 1) : "n/a";
    if (workload.equals("W1")) {
      targets.add(
          String.format(
              "W1 ≥ 1,500,000 rows/s and ≥ 15× DirectRunner: %s rows/s (%s), %s× → %s",
              MarkdownTable.count(rate),
              rate >= 1_500_000 ? "met" : "missed by " + MarkdownTable.count(1_500_000 - rate),
              ratioText,
              ratio >= 15 ? "ratio met" : "ratio missed"));
    } else {
      targets.add(
          String.format(
              "%s ≥ 10× DirectRunner: %s → %s",
              workload, ratioText, ratio >= 10 ? "met" : "missed"));
    }
  }

  private static double medianSeconds(List<Run> runs) {
    return MarkdownTable.median(runs.stream().map(Run::seconds).toList());
  }

  private static double rate(Workload w, List<Run> runs) {
    return runs.isEmpty() ? Double.NaN : w.inputRows() / medianSeconds(runs);
  }

  private Run measure(
      Workload w, String runner, String label, HeapSampler sampler, Map<String, Boolean> broken) {
    String runId = w.name() + "-" + runner + "-" + label;
    ResultDigest.open(runId);
    try {
      Pipeline p = null;
      if (!runner.equals(PLAIN)) {
        p = Pipeline.create(pipelineOptions(runner, List.of()));
        w.build(p, runId);
      }
      HeapSampler.collectGarbage();
      sampler.start();
      long start = System.nanoTime();
      HeapSampler.Peaks peaks;
      try {
        if (p == null) {
          w.runPlainJava(runId, Runtime.getRuntime().availableProcessors());
        } else {
          PipelineResult.State state = p.run().waitUntilFinish();
          if (state != PipelineResult.State.DONE) {
            throw new IllegalStateException("pipeline ended in state " + state);
          }
        }
      } finally {
        peaks = sampler.stop();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      ResultDigest.Summary digest = ResultDigest.close(runId);
      out.printf(
          Locale.ROOT,
          "  %-16s %-9s %8.2f s %,12d rows/s  peak heap %,6d MB (after GC %,6d MB)  result %s%n",
          runner,
          label,
          seconds,
          Math.round(w.inputRows() / seconds),
          peaks.usedBytes() >> 20,
          peaks.afterGcBytes() >> 20,
          digest);
      return new Run(runner, label, seconds, peaks, digest);
    } catch (Throwable t) {
      ResultDigest.discard(runId);
      broken.put(runner, true);
      fail(w.name() + " on " + runner + " (" + label + ") failed: " + t);
      t.printStackTrace(out);
      return null;
    }
  }

  private void checkSameResult(String workload, List<Run> runs) {
    if (runs.isEmpty()) {
      return;
    }
    ResultDigest.Summary first = runs.get(0).digest();
    List<String> differing =
        runs.stream()
            .filter(r -> !r.digest().equals(first))
            .map(r -> r.runner() + "/" + r.label() + "=" + r.digest())
            .toList();
    if (differing.isEmpty()) {
      out.println(
          "  results agree: all " + runs.size() + " runs produced " + first + " (rows:hash)");
    } else {
      fail(
          workload
              + ": RESULTS DIFFER. "
              + runs.get(0).runner()
              + "/"
              + runs.get(0).label()
              + "="
              + first
              + " but "
              + differing);
    }
  }

  private void latency(HeapSampler sampler) {
    W5StreamingLatency w5 = new W5StreamingLatency(options.getW5Seconds(), options.getW5Rate());
    out.println("## W5: " + w5.description());
    ResultDigest.Summary expected = w5.expectedDigest();
    for (String runner : runners) {
      if (runner.equals(PLAIN)) {
        continue;
      }
      try {
        if (options.getW5WarmupSeconds() > 0) {
          latencyRun(
              new W5StreamingLatency(options.getW5WarmupSeconds(), options.getW5Rate()),
              runner,
              "warmup",
              sampler);
        }
        LatencyResult r = latencyRun(w5, runner, "run", sampler);
        double p50 = r.log().percentileMillis(50);
        double p99 = r.log().percentileMillis(99);
        double max = r.log().percentileMillis(100);
        latency.add(
            runner,
            MarkdownTable.count((double) w5.events()),
            MarkdownTable.count(r.log().size()),
            MarkdownTable.fixed(p50, 2),
            MarkdownTable.fixed(p99, 2),
            MarkdownTable.fixed(max, 2),
            peakHeap(List.of(r.peaks())),
            r.state());
        summary.add(
            "W5",
            runner,
            MarkdownTable.count(r.log().size() / (double) w5.seconds()),
            peakHeap(List.of(r.peaks())),
            "—");
        if (!r.digest().equals(expected)) {
          fail(
              "W5 on "
                  + runner
                  + ": expected every event once ("
                  + expected
                  + ") but got "
                  + r.digest());
        }
        if (runner.equals(MICRO)) {
          targets.add(
              String.format(
                  Locale.ROOT,
                  "W5 p99 ≤ 10 ms, max ≤ 50 ms: p99 %.2f ms (%s), max %.2f ms (%s)",
                  p99,
                  p99 <= 10 ? "met" : "missed",
                  max,
                  max <= 50 ? "met" : "missed"));
        }
      } catch (Throwable t) {
        fail("W5 on " + runner + " failed: " + t);
        t.printStackTrace(out);
      }
    }
    out.println();
  }

  private record LatencyResult(
      LatencyLog log, ResultDigest.Summary digest, HeapSampler.Peaks peaks, String state) {}

  private LatencyResult latencyRun(
      W5StreamingLatency w5, String runner, String label, HeapSampler sampler) throws Exception {
    String runId = "W5-" + runner + "-" + label;
    LatencyLog.open(runId);
    ResultDigest.open(runId);
    List<String> extra = new ArrayList<>(List.of("--blockOnRun=false"));
    if (runner.equals(MICRO)) {
      extra.add("--batchIntervalMillis=0");
    }
    Pipeline p = Pipeline.create(pipelineOptions(runner, extra));
    w5.build(p, runId);
    HeapSampler.collectGarbage();
    sampler.start();
    PipelineResult result = p.run();
    PipelineResult.State state;
    HeapSampler.Peaks peaks;
    try {
      state = result.waitUntilFinish(Duration.standardSeconds(w5.seconds() + 30L));
    } finally {
      peaks = sampler.stop();
    }
    String stateText;
    if (state == null || !state.isTerminal()) {
      result.cancel();
      stateText = "cancelled after " + (w5.seconds() + 30) + " s";
    } else {
      stateText = state.toString();
    }
    LatencyLog log = LatencyLog.close(runId);
    ResultDigest.Summary digest = ResultDigest.close(runId);
    out.printf(
        Locale.ROOT,
        "  %-16s %-7s %,7d of %,d events  p50 %.2f ms  p99 %.2f ms  max %.2f ms  peak heap %,d MB"
            + "  %s%n",
        runner,
        label,
        log.size(),
        w5.events(),
        log.percentileMillis(50),
        log.percentileMillis(99),
        log.percentileMillis(100),
        peaks.usedBytes() >> 20,
        stateText);
    return new LatencyResult(log, digest, peaks, stateText);
  }

  private PipelineOptions pipelineOptions(String runner, List<String> extra) {
    List<String> args = new ArrayList<>();
    args.add("--runner=" + runner);
    args.addAll(runner.equals(MICRO) ? options.getMicroBatchArgs() : options.getDirectArgs());
    args.addAll(extra);
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).create();
  }

  private void fail(String message) {
    failures.add(message);
    out.println("  FAILED: " + message);
  }

  /** The machine, JVM and collector, for the README. */
  static String machine() {
    Runtime rt = Runtime.getRuntime();
    long totalMemory = 0;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      totalMemory = os.getTotalMemorySize();
    }
    String gcs =
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean::getName)
            .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "Machine: %d processors, %.1f GB RAM, %s %s; JVM: %s %s (%s), max heap %,d MB, GC: %s%n",
        rt.availableProcessors(),
        totalMemory / 1e9,
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"),
        rt.maxMemory() >> 20,
        gcs);
  }
}
