package dev.sluice.recovery;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The kill -9 harness: runs a {@link RecoveryQuery} scenario once uninterrupted (the reference),
 * then, per trial, starts it in a child JVM, kills it with SIGKILL after a random delay (up to 1.2×
 * the reference's run time, so kills land anywhere from JVM start to the last batch), restarts it
 * from its checkpoint, {@code kills} times, lets the last run finish, and compares what a reader of
 * the sink sees with the reference — through {@code _spark_metadata} and as raw files — and looks
 * for temporary files left behind. A restart that fails counts as a failed trial.
 *
 * <pre>{@code
 * KillHarness.Summary s =
 *     KillHarness.run("windowed", 50, 3, 20, 500, Path.of("/tmp/kill"), 1L, System.out);
 * s.identical();   // 50 when every trial matched the uninterrupted run
 * }</pre>
 *
 * <p>Command line: {@code --scenario windowed|stateless|all --trials N --kills K --files F --events
 * E --work DIR --seed S} (defaults: all, 50, 3, 20, 500, a temporary directory, 1).
 */
public final class KillHarness {
  /** How long one child run may take before the harness calls it hung. */
  static final long HANG_MINUTES = 10;

  private KillHarness() {}

  /** The outcome of one scenario. */
  public record Summary(
      String scenario,
      int trials,
      int identical,
      int identicalRaw,
      int failedRestarts,
      int withTemporaryFiles,
      int killsLanded,
      long referenceMillis,
      int referenceRows) {}

  public static void main(String[] args) throws Exception {
    String scenario = "all";
    int trials = 50;
    int kills = 3;
    int files = 20;
    int events = 500;
    Path work = null;
    long seed = 1;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--scenario" -> scenario = args[i + 1];
        case "--trials" -> trials = Integer.parseInt(args[i + 1]);
        case "--kills" -> kills = Integer.parseInt(args[i + 1]);
        case "--files" -> files = Integer.parseInt(args[i + 1]);
        case "--events" -> events = Integer.parseInt(args[i + 1]);
        case "--work" -> work = Path.of(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default ->
            throw new IllegalArgumentException(
                "Unknown option "
                    + args[i]
                    + "; options: --scenario --trials --kills --files --events"
                    + " --work --seed");
      }
    }
    if (work == null) {
      work = Files.createTempDirectory("sluice-kill");
    }
    List<Summary> summaries = new ArrayList<>();
    for (String s : scenario.equals("all") ? List.of("windowed", "stateless") : List.of(scenario)) {
      summaries.add(run(s, trials, kills, files, events, work.resolve(s), seed, System.out));
    }
    System.out.println();
    System.out.println(table(summaries, kills, files, events));
  }

  /** The results as a Markdown table. */
  public static String table(List<Summary> summaries, int kills, int files, int events) {
    StringBuilder t = new StringBuilder();
    t.append(
        String.format(
            Locale.ROOT,
            "%d kills per trial, input %d files x %d events, one file per batch%n%n",
            kills,
            files,
            events));
    t.append(
        "| scenario | trials | identical (_spark_metadata) | identical (raw files) |"
            + " failed restarts | temp files left | kills landed | reference run |\n");
    t.append("|---|---|---|---|---|---|---|---|\n");
    for (Summary s : summaries) {
      t.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d/%d | %d/%d | %d | %d | %d | %.1f s, %d rows |%n",
              s.scenario(),
              s.trials(),
              s.identical(),
              s.trials(),
              s.identicalRaw(),
              s.trials(),
              s.failedRestarts(),
              s.withTemporaryFiles(),
              s.killsLanded(),
              s.referenceMillis() / 1000.0,
              s.referenceRows()));
    }
    return t.toString();
  }

  /**
   * Runs {@code trials} trials of {@code scenario} under {@code work}, reporting to {@code log}.
   */
  public static Summary run(
      String scenario,
      int trials,
      int kills,
      int files,
      int events,
      Path work,
      long seed,
      PrintStream log)
      throws IOException, InterruptedException {
    Path in = work.resolve("in");
    Inputs.write(in, files, events);
    Path reference = work.resolve("reference");
    long started = System.nanoTime();
    Process ref = start(scenario, in, reference, work.resolve("reference.log"));
    int code = await(ref);
    long referenceMillis = (System.nanoTime() - started) / 1_000_000;
    if (code != 0) {
      throw new IllegalStateException(
          "The uninterrupted run failed (exit "
              + code
              + "): "
              + tail(work.resolve("reference.log")));
    }
    List<String> expected = SinkContents.throughMetadata(reference.resolve("out"));
    log.printf(
        Locale.ROOT,
        "%s: reference run %d ms, %d rows%n",
        scenario,
        referenceMillis,
        expected.size());
    Random random = new Random(seed);
    int identical = 0;
    int identicalRaw = 0;
    int failed = 0;
    int withTemp = 0;
    int landed = 0;
    for (int trial = 0; trial < trials; trial++) {
      Path dir = work.resolve("trial-" + trial);
      Path runLog = work.resolve("trial-" + trial + ".log");
      int trialLanded = 0;
      String failure = null;
      for (int k = 0; k < kills && failure == null; k++) {
        Process p = start(scenario, in, dir, runLog);
        long delay = (long) (random.nextDouble() * referenceMillis * 1.2);
        if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
          if (p.exitValue() != 0) {
            failure = "exit " + p.exitValue() + ": " + tail(runLog);
          }
          continue; // it finished (or failed) before the kill
        }
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        trialLanded++;
      }
      if (failure == null) {
        int exit = await(start(scenario, in, dir, runLog));
        if (exit != 0) {
          failure = "exit " + exit + ": " + tail(runLog);
        }
      }
      landed += trialLanded;
      boolean same = false;
      boolean sameRaw = false;
      List<Path> temp = List.of();
      if (failure == null) {
        same = SinkContents.throughMetadata(dir.resolve("out")).equals(expected);
        sameRaw = SinkContents.rawFiles(dir.resolve("out")).equals(expected);
        temp = new ArrayList<>(SinkContents.temporaryFiles(dir));
      } else {
        failed++;
      }
      identical += same ? 1 : 0;
      identicalRaw += sameRaw ? 1 : 0;
      withTemp += temp.isEmpty() ? 0 : 1;
      log.printf(
          Locale.ROOT,
          "%s trial %d: %d kills landed, %s%s%s%n",
          scenario,
          trial,
          trialLanded,
          failure != null ? "RESTART FAILED " + failure : same ? "identical" : "DIFFERENT",
          failure == null && !sameRaw ? ", raw files differ" : "",
          temp.isEmpty() ? "" : ", temporary files left: " + temp);
    }
    return new Summary(
        scenario,
        trials,
        identical,
        identicalRaw,
        failed,
        withTemp,
        landed,
        referenceMillis,
        expected.size());
  }

  private static Process start(String scenario, Path in, Path dir, Path log) throws IOException {
    Files.createDirectories(dir);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder b =
        new ProcessBuilder(
            java,
            "-Xmx512m",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            System.getProperty("java.class.path"),
            RecoveryQuery.class.getName(),
            scenario,
            in.toString(),
            dir.resolve("out").toString(),
            dir.resolve("checkpoint").toString());
    b.redirectErrorStream(true);
    b.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return b.start();
  }

  private static int await(Process p) throws InterruptedException {
    if (!p.waitFor(HANG_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      p.waitFor();
      throw new IllegalStateException("A run did not finish in " + HANG_MINUTES + " minutes");
    }
    return p.exitValue();
  }

  private static String tail(Path log) throws IOException {
    File f = log.toFile();
    if (!f.exists()) {
      return "(no output)";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }
}
