package dev.sluice.benchmarks.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;

import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingQueryProgress;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.Trigger;
import java.util.List;
import java.util.Locale;

/**
 * A throughput probe of the Structured facade (not a test; {@code mvn verify} does not run it): the
 * mobile query — JSON files, a 10-minute watermark, counts per 10-minute window and action, update
 * mode — over the files {@link BenchEvents} writes, {@code maxFilesPerTrigger} files per batch, to
 * the noop sink, timed from the query's start to its end ({@code Trigger.AvailableNow}).
 *
 * <pre>{@code
 * StructuredBench.Result r = StructuredBench.run("MicroBatchRunner", 1, "/tmp/bench/in", null);
 * System.out.println(r);  // MicroBatchRunner: 1000000 rows in 6.0 s = 166000 rows/s, 11 batches
 * }</pre>
 *
 * <p>{@code main}'s arguments: runner, maxFilesPerTrigger (default 1), input directory (default
 * {@code /tmp/bench/in}; {@code /tmp/bench/in1} holds just the first file, for the slow
 * DirectRunner), and optionally {@code spark.sql.shuffle.partitions}. The commands are in this
 * module's README.
 */
public final class StructuredBench {
  private StructuredBench() {}

  /** What one run measured. */
  public record Result(String runner, long rows, int batches, double seconds) {
    /** Input rows per second of wall-clock time. */
    public double rowsPerSecond() {
      return rows / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%s: %d rows in %.1f s = %.0f rows/s, %d batches",
          runner,
          rows,
          seconds,
          rowsPerSecond(),
          batches);
    }
  }

  /** Runs the probe with {@code args} (see the class documentation) and prints its result. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException(
          "usage: StructuredBench RUNNER [maxFilesPerTrigger] [inputDir] [shufflePartitions],"
              + " e.g. StructuredBench MicroBatchRunner 1 /tmp/bench/in");
    }
    Result result =
        run(
            args[0],
            args.length > 1 ? Integer.parseInt(args[1]) : 1,
            args.length > 2 ? args[2] : "/tmp/bench/in",
            args.length > 3 ? args[3] : null);
    System.out.println(result);
    System.exit(0); // the DirectRunner may leave non-daemon threads behind
  }

  /**
   * Runs the mobile query over {@code inputDir} on {@code runner} until every file is read.
   *
   * @param shufflePartitions {@code spark.sql.shuffle.partitions}, or null for the default
   */
  public static Result run(
      String runner, int maxFilesPerTrigger, String inputDir, String shufflePartitions)
      throws Exception {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", runner);
    if (shufflePartitions != null) {
      session.conf().set("spark.sql.shuffle.partitions", shufflePartitions);
    }
    long start = System.nanoTime();
    StreamingQuery query =
        session
            .readStream()
            .schema("id STRING, action STRING, ts TIMESTAMP")
            .option("maxFilesPerTrigger", Integer.toString(maxFilesPerTrigger))
            .json(inputDir)
            .withWatermark("ts", "10 minutes")
            .groupBy(window(col("ts"), "10 minutes"), col("action"))
            .count()
            .writeStream()
            .outputMode("update")
            .format("noop")
            .trigger(Trigger.AvailableNow())
            .start();
    query.awaitTermination();
    double seconds = (System.nanoTime() - start) / 1e9;
    List<StreamingQueryProgress> progress = query.recentProgress();
    long rows = progress.stream().mapToLong(StreamingQueryProgress::numInputRows).sum();
    return new Result(runner, rows, progress.size(), seconds);
  }
}
