package dev.sluice.benchmarks.facade;

import dev.sluice.benchmarks.shared.BenchQuery;
import dev.sluice.benchmarks.shared.ChildArgs;
import dev.sluice.benchmarks.structured.BenchEvents;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facade benchmark (issue 15): queries F1–F5 ({@link BenchQuery}) on the Structured facade and
 * as a hand-written Beam pipeline, both on MicroBatchRunner, and on real Spark 4.0.1 {@code
 * local[2]}, each run in a fresh child JVM ({@link ChildJvm}); warm-up runs, then the measured runs
 * with the engines taking turns (the order rotates each round); medians; peak heap; and every run's
 * result digest checked equal across runs and engines. Prints Markdown tables; exits with 1 if a
 * run failed or results differ.
 *
 * <pre>{@code
 * FacadeBench.main(new String[] {"--queries=F1", "--engines=facade,spark", "--events=1000000"});
 * }</pre>
 *
 * <p>Options ({@code --name=value}; the README has the commands): {@code queries} (F1,F2,F3,F4,F5),
 * {@code engines} (facade,beam,spark), {@code events} (input sizes for F1–F4, comma-separated;
 * 1000000), {@code eventsPerFile} (100000), {@code runs} (3), {@code warmups} (1), {@code f5Runs}
 * (1), {@code f5Seconds} (60), {@code f5WarmupSeconds} (10), {@code f5Rate} (1000), {@code
 * maxFilesPerTrigger} (1), {@code shufflePartitions} (2), {@code jvmArgs} (child JVM options,
 * space-separated; {@code -Xmx3g}), {@code dataDir} (the input, kept between invocations; {@code
 * $TMPDIR/sluice-facade-bench}), {@code sparkModule} (the Spark engine module's directory; {@code
 * sdk/benchmarks-spark}), {@code timeoutMinutes} (a child running longer is killed, its engine's
 * remaining runs of that query skipped and the query reported as timed out; 20).
 */
public final class FacadeBench {
  private FacadeBench() {}

  /**
   * Runs the benchmark with {@code args} and exits with 0, or 1 if a run failed or results differ.
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> o = options(args);
    boolean ok = run(o, System.out);
    System.exit(ok ? 0 : 1);
  }

  /** The default options, overridden by {@code args}; unknown names are rejected. */
  static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("queries", "F1,F2,F3,F4,F5");
    o.put("engines", "facade,beam,spark");
    o.put("events", "1000000");
    o.put("eventsPerFile", "100000");
    o.put("runs", "3");
    o.put("warmups", "1");
    o.put("f5Runs", "1");
    o.put("f5Seconds", "60");
    o.put("f5WarmupSeconds", "10");
    o.put("f5Rate", "1000");
    o.put("maxFilesPerTrigger", "1");
    o.put("shufflePartitions", "2");
    o.put("jvmArgs", "-Xmx3g");
    o.put(
        "dataDir", Path.of(System.getProperty("java.io.tmpdir"), "sluice-facade-bench").toString());
    o.put("sparkModule", "sdk/benchmarks-spark");
    o.put("timeoutMinutes", "20");
    for (String a : args) {
      int eq = a.indexOf('=');
      String name = a.startsWith("--") && eq > 2 ? a.substring(2, eq) : null;
      if (name == null || !o.containsKey(name)) {
        throw new IllegalArgumentException(
            "Unknown option '" + a + "': use --name=value with a name of " + o.keySet());
      }
      o.put(name, a.substring(eq + 1));
    }
    return o;
  }

  /** Runs everything {@code o} asks for, printing progress and the tables to {@code out}. */
  static boolean run(Map<String, String> o, PrintStream out) throws Exception {
    List<BenchQuery> queries = new ArrayList<>();
    for (String q : o.get("queries").split(",")) {
      queries.add(BenchQuery.parse(q));
    }
    List<Engine> engines = new ArrayList<>();
    for (String e : o.get("engines").split(",")) {
      engines.add(Engine.parse(e));
    }
    List<String> jvmArgs = Arrays.asList(o.get("jvmArgs").trim().split("\\s+"));
    Path dataDir = Path.of(o.get("dataDir"));
    Path sparkModule = Path.of(o.get("sparkModule"));
    Path work = Files.createDirectories(dataDir.resolve("runs"));
    int runs = Integer.parseInt(o.get("runs"));
    int warmups = Integer.parseInt(o.get("warmups"));
    int eventsPerFile = Integer.parseInt(o.get("eventsPerFile"));
    Settings settings =
        new Settings(
            engines, jvmArgs, sparkModule, work, Long.parseLong(o.get("timeoutMinutes")) * 60, out);
    out.println(
        "# Facade benchmark, " + ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS));
    out.println(machine());
    out.println();

    List<Row> rows = new ArrayList<>();
    boolean ok = true;
    for (String size : o.get("events").split(",")) {
      List<BenchQuery> fileQueries = queries.stream().filter(BenchQuery::readsFiles).toList();
      if (fileQueries.isEmpty()) {
        break;
      }
      long events = Long.parseLong(size.trim());
      Path input = input(dataDir, events, eventsPerFile, out);
      for (BenchQuery q : fileQueries) {
        ChildArgs childArgs =
            ChildArgs.parse(
                new String[] {
                  "--queries=" + q,
                  "--events=" + input.resolve("events"),
                  "--users=" + input.resolve("users.csv"),
                  "--maxFilesPerTrigger=" + o.get("maxFilesPerTrigger"),
                  "--shufflePartitions=" + o.get("shufflePartitions")
                });
        ok &= measure(q, events, childArgs, runs, warmups, settings, rows);
      }
    }
    if (queries.contains(BenchQuery.F5)) {
      int rate = Integer.parseInt(o.get("f5Rate"));
      ChildArgs childArgs =
          ChildArgs.parse(
              new String[] {
                "--queries=F5",
                "--f5Rate=" + rate,
                "--f5Rows=" + rate * Integer.parseInt(o.get("f5Seconds")),
                "--f5WarmupRows=" + rate * Integer.parseInt(o.get("f5WarmupSeconds")),
                "--shufflePartitions=" + o.get("shufflePartitions")
              });
      ok &=
          measure(
              BenchQuery.F5,
              childArgs.f5Rows(),
              childArgs,
              Integer.parseInt(o.get("f5Runs")),
              0,
              settings,
              rows);
    }
    out.println();
    out.println(BenchTables.throughput(rows));
    out.println(BenchTables.latency(rows));
    out.println(BenchTables.digests(rows));
    out.println("Machine after the runs: " + machine());
    out.println(ok ? "All results agreed." : "FAILED: a run failed or results differ (above).");
    return ok;
  }

  /** What every run of one invocation shares. */
  record Settings(
      List<Engine> engines,
      List<String> jvmArgs,
      Path sparkModule,
      Path work,
      long timeoutSeconds,
      PrintStream out) {}

  /**
   * One engine's measured runs of one query at one size; {@code failure} says why there are none
   * (or fewer than asked for), else null.
   */
  record Row(
      BenchQuery query,
      long events,
      Engine engine,
      List<Map<String, String>> results,
      List<Double> wallSeconds,
      List<Long> peakHeapMb,
      String digest,
      boolean agreed,
      String failure) {}

  private static boolean measure(
      BenchQuery q,
      long events,
      ChildArgs args,
      int runs,
      int warmups,
      Settings settings,
      List<Row> rows)
      throws InterruptedException, IOException {
    List<Engine> engines = settings.engines();
    PrintStream out = settings.out();
    Map<Engine, List<ChildJvm.Outcome>> measured = new LinkedHashMap<>();
    Map<Engine, String> digests = new LinkedHashMap<>();
    Map<Engine, String> failures = new LinkedHashMap<>();
    boolean ok = true;
    for (int round = -warmups; round < runs; round++) {
      for (int i = 0; i < engines.size(); i++) {
        Engine e = engines.get(Math.floorMod(i + round, engines.size())); // rotate the order
        if (failures.containsKey(e)) {
          continue; // it failed or timed out on this query already
        }
        ChildJvm.Outcome outcome;
        try {
          outcome =
              ChildJvm.run(
                  e,
                  args,
                  settings.jvmArgs(),
                  settings.sparkModule(),
                  settings.work(),
                  settings.timeoutSeconds());
        } catch (ChildJvm.TimedOut timedOut) {
          out.printf("%s %,d %s: TIMED OUT, %s%n", q, events, e.label(), timedOut.getMessage());
          failures.put(e, "timed out (> " + settings.timeoutSeconds() + " s)");
          ok = false;
          continue;
        } catch (IllegalStateException | IOException failed) {
          out.printf("%s %,d %s: FAILED %s%n", q, events, e.label(), failed.getMessage());
          failures.put(e, "failed");
          ok = false;
          continue;
        }
        Map<String, String> r = outcome.results().get(0);
        String digest = r.get("digest");
        out.printf(
            Locale.ROOT,
            "%s %,d events %-6s %s: %s s, CPU %s s (JVM %.1f s), %s input rows, %s batches,"
                + " peak heap %d MB, load %s, digest %s%s%n",
            q,
            events,
            e.label(),
            round < 0 ? "warm-up" : "run " + (round + 1),
            r.get("seconds"),
            r.get("cpuSeconds"),
            outcome.wallSeconds(),
            r.get("inputRows"),
            r.get("batches"),
            outcome.peakHeapMb(),
            outcome.load(),
            digest,
            r.containsKey("p99Ms")
                ? ", p50/p99/max "
                    + r.get("p50Ms")
                    + "/"
                    + r.get("p99Ms")
                    + "/"
                    + r.get("maxMs")
                    + " ms"
                : "");
        String previous = digests.putIfAbsent(e, digest);
        if (previous != null && !previous.equals(digest)) {
          out.printf(
              "%s %s: digest %s differs from its earlier run's %s%n",
              q, e.label(), digest, previous);
          ok = false;
        }
        if (round >= 0) {
          measured.computeIfAbsent(e, k -> new ArrayList<>()).add(outcome);
        }
      }
    }
    boolean agreed = digests.values().stream().distinct().count() <= 1;
    if (!agreed) {
      out.println(q + " at " + events + " events: the engines' results differ: " + digests);
      ok = false;
    }
    for (Engine e : engines) {
      List<Map<String, String>> results = new ArrayList<>();
      List<Double> walls = new ArrayList<>();
      List<Long> heaps = new ArrayList<>();
      for (ChildJvm.Outcome c : measured.getOrDefault(e, List.of())) {
        results.add(c.results().get(0));
        walls.add(c.wallSeconds());
        heaps.add(c.peakHeapMb());
      }
      rows.add(
          new Row(q, events, e, results, walls, heaps, digests.get(e), agreed, failures.get(e)));
    }
    return ok;
  }

  /** The input for {@code events} events under {@code dataDir}, written unless already there. */
  static Path input(Path dataDir, long events, int eventsPerFile, PrintStream out)
      throws IOException {
    if (events % eventsPerFile != 0 || events / eventsPerFile < 1 || events / eventsPerFile > 100) {
      throw new IllegalArgumentException(
          "--events="
              + events
              + " must be 1 to 100 times --eventsPerFile="
              + eventsPerFile
              + " (the files hold eventsPerFile events each)");
    }
    Path dir = dataDir.resolve(events + "x" + eventsPerFile);
    Path ready = dir.resolve("READY");
    String marker = "BenchEvents v2: " + events / eventsPerFile + " files x " + eventsPerFile;
    if (Files.isRegularFile(ready)
        && Files.readString(ready, StandardCharsets.UTF_8).equals(marker)) {
      return dir;
    }
    out.println("Writing the input: " + marker + " into " + dir);
    BenchEvents.write(dir.resolve("events"), (int) (events / eventsPerFile), eventsPerFile);
    BenchEvents.writeUsers(dir.resolve("users.csv"));
    Files.writeString(ready, marker, StandardCharsets.UTF_8);
    return dir;
  }

  /** Cores, JDK, load average. */
  static String machine() {
    String load;
    try {
      load = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim();
    } catch (IOException | RuntimeException e) {
      load = "unknown";
    }
    return String.format(
        Locale.ROOT,
        "%d cores, JDK %s (%s), %s %s, load average %s",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        load);
  }
}
