package dev.sluice.benchmarks.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What every engine's child JVM shares: the measured figures of a run, the {@code RESULT} line the
 * driver parses, and the helpers around the sinks.
 *
 * <pre>{@code
 * EngineSupport.Measured m = new EngineSupport.Measured(1_000_000, 11, 6.0, 9.5);
 * System.out.println(EngineSupport.resultLine("facade", BenchQuery.F1, m, QueryOutput.finish()));
 * // RESULT engine=facade query=F1 inputRows=1000000 batches=11 seconds=6.000 outputRows=... digest=...
 * }</pre>
 */
public final class EngineSupport {
  private EngineSupport() {}

  /**
   * What a query read and how long it took, from building it to its end: wall-clock seconds, and
   * the CPU seconds the whole JVM used meanwhile (all threads: the engine's, GC, JIT), which a busy
   * machine disturbs far less than the wall clock.
   */
  public record Measured(long inputRows, int batches, double seconds, double cpuSeconds) {}

  /** The CPU time this JVM has used so far, in nanoseconds (all threads). */
  public static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    throw new IllegalStateException(
        "This JVM does not report process CPU time (com.sun.management.OperatingSystemMXBean);"
            + " run the benchmark on HotSpot/OpenJDK");
  }

  /** The {@code RESULT} line of one query run. */
  public static String resultLine(
      String engine, BenchQuery query, Measured m, QueryOutput.Finished f) {
    return String.format(
        Locale.ROOT,
        "RESULT engine=%s query=%s inputRows=%d batches=%d seconds=%.3f cpuSeconds=%.3f %s",
        engine,
        query,
        m.inputRows(),
        m.batches(),
        m.seconds(),
        m.cpuSeconds(),
        f.fields());
  }

  /**
   * F2's expected number of result keys, to size the sink's table once: about 2.5 (window, user)
   * pairs per event at the generator's density, events estimated from the files' size.
   */
  public static int expectedF2Keys(ChildArgs args) throws IOException {
    if (args.events().isEmpty()) {
      return 16;
    }
    long bytes;
    try (Stream<Path> files = Files.list(Path.of(args.events()))) {
      bytes = files.mapToLong(p -> p.toFile().length()).sum();
    }
    return (int) Math.min(Integer.MAX_VALUE / 4, bytes / 90 * 3);
  }

  /** Waits until F5's sink has every measured row; fails after twice the expected time + 60 s. */
  public static void awaitRateRows(ChildArgs args) throws InterruptedException {
    long limit = System.nanoTime() + (2L * args.f5Rows() / args.f5Rate() + 60) * 1_000_000_000L;
    while (!QueryOutput.rateDone()) {
      if (System.nanoTime() > limit) {
        throw new IllegalStateException(
            "F5 did not deliver the values 0.."
                + (args.f5Rows() - 1)
                + " in time; the sink got "
                + QueryOutput.written()
                + " rows");
      }
      Thread.sleep(10);
    }
  }
}
