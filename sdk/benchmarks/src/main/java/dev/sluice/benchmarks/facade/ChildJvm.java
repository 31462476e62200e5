package dev.sluice.benchmarks.facade;

import dev.sluice.benchmarks.shared.ChildArgs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one engine's queries in a fresh JVM and reads what it reported: its {@code RESULT} lines,
 * the JVM's wall time from start to exit, and its peak heap — the largest heap occupancy right
 * after a collection, from the child's own {@code -Xlog:gc} log (roughly live data; the same
 * measure for every engine, Spark included, without code in the child).
 *
 * <pre>{@code
 * ChildJvm.Outcome o =
 *     ChildJvm.run(Engine.FACADE, args, List.of("-Xmx2g"), Path.of("sdk/benchmarks-spark"), work, 600);
 * o.results().get(0).get("seconds"); // "6.012"
 * }</pre>
 */
public final class ChildJvm {
  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private ChildJvm() {}

  /**
   * What a child reported.
   *
   * @param results one map of {@code RESULT} fields per query, in order
   * @param wallSeconds from starting the JVM to its exit
   * @param peakHeapMb the largest heap occupancy after a GC, or -1 if no GC ran
   * @param load the machine's 1-minute load average when the child started and when it ended
   */
  public record Outcome(
      List<Map<String, String>> results, double wallSeconds, long peakHeapMb, String load) {}

  /** A child that did not finish in its time; it was killed. */
  public static final class TimedOut extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    TimedOut(String message) {
      super(message);
    }
  }

  /**
   * Starts {@code engine}'s child with {@code jvmArgs} and {@code args} in {@code work} (its GC log
   * and output files go there) and waits for it, at most {@code timeoutSeconds} (then kills it and
   * throws {@link TimedOut}); fails with the child's last output lines if it exits with an error or
   * reports fewer results than queries.
   */
  public static Outcome run(
      Engine engine,
      ChildArgs args,
      List<String> jvmArgs,
      Path sparkModule,
      Path work,
      long timeoutSeconds)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path gcLog = Files.createTempFile(work, engine.label() + "-gc-", ".log");
    Path out = Files.createTempFile(work, engine.label() + "-out-", ".txt");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-Duser.timezone=UTC");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.add("-Xlog:gc:file=" + gcLog);
    cmd.addAll(engine.command(sparkModule));
    cmd.addAll(args.toArgs());
    String loadBefore = loadAverage();
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    int exit;
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new TimedOut(
            engine.label() + " did not finish " + args.queries() + " in " + timeoutSeconds + " s");
      }
      exit = process.exitValue();
    } finally {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    double wall = (System.nanoTime() - start) / 1e9;
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    List<Map<String, String>> results = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("RESULT ")) {
        results.add(fields(line.substring("RESULT ".length())));
      }
    }
    if (exit != 0 || results.size() != args.queries().size()) {
      List<String> tail = lines.subList(Math.max(0, lines.size() - 40), lines.size());
      throw new IllegalStateException(
          engine.label()
              + " child exited with "
              + exit
              + " after "
              + results.size()
              + " of "
              + args.queries().size()
              + " results; command: "
              + String.join(" ", cmd)
              + "\nlast output lines:\n"
              + String.join("\n", tail));
    }
    long peak = peakAfterGc(Files.readAllLines(gcLog, StandardCharsets.UTF_8));
    Files.deleteIfExists(gcLog);
    Files.deleteIfExists(out);
    return new Outcome(results, wall, peak, loadBefore + "→" + loadAverage());
  }

  /** The 1-minute load average from /proc/loadavg, or "?" where there is none. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  /** The {@code key=value} fields of a result line. */
  static Map<String, String> fields(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String token : text.trim().split("\\s+")) {
      int eq = token.indexOf('=');
      if (eq > 0) {
        m.put(token.substring(0, eq), token.substring(eq + 1));
      }
    }
    return m;
  }

  /** The largest "after" size of the {@code -Xlog:gc} lines ({@code 120M->30M(256M)}), or -1. */
  static long peakAfterGc(List<String> gcLines) {
    long peak = -1;
    for (String line : gcLines) {
      Matcher m = GC.matcher(line);
      if (m.find()) {
        peak = Math.max(peak, Long.parseLong(m.group(2)));
      }
    }
    return peak;
  }
}
