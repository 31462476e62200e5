import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;

import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.Trigger;

/**
 * A throughput probe of the Structured facade (not part of the build): the seed's mobile query —
 * JSON files, a 10-minute watermark, counts per 10-minute window and action, update mode — over
 * the files gen_events.py writes, one file per batch, to the noop sink. Run from the repository
 * root after building the examples jar:
 *
 * <pre>
 * python3 docs/bench/gen_events.py
 * java -cp examples/target/sluice-examples.jar docs/bench/StructuredBench.java MicroBatchRunner
 * java -cp examples/target/sluice-examples.jar docs/bench/StructuredBench.java DirectRunner 1 /tmp/bench/in1
 * </pre>
 *
 * <p>Arguments: runner, maxFilesPerTrigger (default 1), input directory (default /tmp/bench/in;
 * {@code /tmp/bench/in1} holds just the first file, for the slow DirectRunner), and optionally
 * {@code spark.sql.shuffle.partitions}.
 */
public class StructuredBench {
  public static void main(String[] args) throws Exception {
    StreamingSession session = StreamingSession.builder().getOrCreate();
    session.conf().set("sluice.runner", args[0]);
    if (args.length > 3) {
      session.conf().set("spark.sql.shuffle.partitions", args[3]);
    }
    long start = System.nanoTime();
    StreamingQuery q =
        session
            .readStream()
            .schema("id STRING, action STRING, ts TIMESTAMP")
            .option("maxFilesPerTrigger", args.length > 1 ? args[1] : "1")
            .json(args.length > 2 ? args[2] : "/tmp/bench/in")
            .withWatermark("ts", "10 minutes")
            .groupBy(window(col("ts"), "10 minutes"), col("action"))
            .count()
            .writeStream()
            .outputMode("update")
            .format("noop")
            .trigger(Trigger.AvailableNow())
            .start();
    q.awaitTermination();
    double seconds = (System.nanoTime() - start) / 1e9;
    long rows = q.recentProgress().stream().mapToLong(p -> p.numInputRows()).sum();
    System.out.printf(
        "%s: %d rows in %.1f s = %.0f rows/s, %d batches%n",
        args[0], rows, seconds, rows / seconds, q.recentProgress().size());
    System.exit(0);
  }
}
