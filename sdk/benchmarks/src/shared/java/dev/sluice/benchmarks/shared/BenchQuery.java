package dev.sluice.benchmarks.shared;

/**
 * The facade benchmark's queries (issue 15), each run on the Structured facade, as a hand-written
 * Beam pipeline, and on Spark. F1–F4 read the JSON event files ({@code eid BIGINT, id STRING,
 * action STRING, value DOUBLE, ts TIMESTAMP}) {@code maxFilesPerTrigger} files per batch with
 * {@code Trigger.AvailableNow}; F5 reads the rate source with {@code Trigger.ProcessingTime(0)}.
 *
 * <pre>{@code
 * BenchQuery q = BenchQuery.parse("f2");
 * System.out.println(q + ": " + q.description());
 * }</pre>
 */
public enum BenchQuery {
  /** Counts per 10-minute window and action, 10-minute watermark, complete mode. */
  F1("count per 10-min window and action, watermark 10 min, complete mode"),
  /**
   * Average value per user over 5-minute windows every minute, 10-minute watermark, update mode.
   */
  F2("avg(value) per user, 5-min windows sliding every 1 min, watermark 10 min, update mode"),
  /** {@code dropDuplicates("eid", "ts")} with a 10-minute watermark, append mode. */
  F3("dropDuplicates(eid, ts), watermark 10 min, append mode"),
  /** Join with the static users table on id, filter, projection (stateless), append mode. */
  F4("join static users on id, filter tier >= 1 AND action <> 'close', select 5 columns, append"),
  /**
   * Rate source at 1,000 rows/s to a foreach sink; latency from the row's timestamp to the sink.
   */
  F5("rate source 1,000 rows/s -> foreach sink, ProcessingTime(0): latency timestamp -> sink");

  private final String description;

  BenchQuery(String description) {
    this.description = description;
  }

  /** What the query does, for tables. */
  public String description() {
    return description;
  }

  /** {@code true} for the throughput queries F1–F4 over the event files. */
  public boolean readsFiles() {
    return this != F5;
  }

  /** The query named {@code name} (case-insensitive), or an error listing the names. */
  public static BenchQuery parse(String name) {
    for (BenchQuery q : values()) {
      if (q.name().equalsIgnoreCase(name.trim())) {
        return q;
      }
    }
    throw new IllegalArgumentException(
        "Unknown query '" + name + "': use one of F1, F2, F3, F4, F5 (comma-separated)");
  }
}
