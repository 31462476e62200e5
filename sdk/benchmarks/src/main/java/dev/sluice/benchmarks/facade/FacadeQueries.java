package dev.sluice.benchmarks.facade;

import static dev.sluice.structured.Functions.avg;
import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;

import dev.sluice.benchmarks.shared.BenchQuery;
import dev.sluice.benchmarks.shared.ChildArgs;
import dev.sluice.benchmarks.shared.EngineSupport;
import dev.sluice.benchmarks.shared.QueryOutput;
import dev.sluice.benchmarks.shared.Users;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.DataStreamWriter;
import dev.sluice.structured.ForeachWriter;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingQueryProgress;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.Trigger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Queries F1–F5 ({@link BenchQuery}) on the Structured facade, on MicroBatchRunner, each to a
 * {@code foreach} sink feeding {@link QueryOutput}; the same code a Spark user writes against
 * Spark's API (compare {@code SparkQueries} in the Spark engine module).
 *
 * <pre>{@code
 * EngineSupport.Measured m = FacadeQueries.run(BenchQuery.F1, ChildArgs.parse(new String[] {
 *     "--events=/tmp/bench/1000000/events", "--users=/tmp/bench/1000000/users.csv"}));
 * }</pre>
 */
public final class FacadeQueries {
  /** The event files' schema, the same DDL as the Spark engine's. */
  static final String EVENTS = "eid BIGINT, id STRING, action STRING, value DOUBLE, ts TIMESTAMP";

  private FacadeQueries() {}

  /** Runs {@code query} once, from building it to its end, and returns what it read and took. */
  public static EngineSupport.Measured run(BenchQuery query, ChildArgs args) throws Exception {
    StreamingSession session = StreamingSession.builder().appName("FacadeBench").getOrCreate();
    session.conf().set("sluice.runner", "MicroBatchRunner");
    session.conf().set("spark.sql.shuffle.partitions", Integer.toString(args.shufflePartitions()));
    List<Row> users = query == BenchQuery.F4 ? users(args) : List.of();
    QueryOutput.start(
        query, EngineSupport.expectedF2Keys(args), args.f5Rows(), args.f5WarmupRows());
    long start = System.nanoTime();
    long cpuStart = EngineSupport.processCpuNanos();
    StreamingQuery q;
    if (query == BenchQuery.F5) {
      q =
          session
              .readStream()
              .format("rate")
              .option("rowsPerSecond", args.f5Rate())
              .load()
              .writeStream()
              .foreach(new Sink(query))
              .trigger(Trigger.ProcessingTime(0))
              .start();
      EngineSupport.awaitRateRows(args);
      q.stop();
    } else {
      DataFrame events =
          session
              .readStream()
              .schema(EVENTS)
              .option("maxFilesPerTrigger", args.maxFilesPerTrigger())
              .json(args.events());
      DataStreamWriter writer;
      switch (query) {
        case F1:
          writer =
              events
                  .withWatermark("ts", "10 minutes")
                  .groupBy(window(col("ts"), "10 minutes"), col("action"))
                  .count()
                  .writeStream()
                  .outputMode("complete");
          break;
        case F2:
          writer =
              events
                  .withWatermark("ts", "10 minutes")
                  .groupBy(window(col("ts"), "5 minutes", "1 minute"), col("id"))
                  .agg(avg("value"))
                  .writeStream()
                  .outputMode("update");
          break;
        case F3:
          writer =
              events
                  .withWatermark("ts", "10 minutes")
                  .dropDuplicates("eid", "ts")
                  .writeStream()
                  .outputMode("append");
          break;
        case F4:
          DataFrame table = session.createDataFrame(users, "id STRING, country STRING, tier INT");
          writer =
              events
                  .join(table, "id")
                  .filter("tier >= 1 AND action <> 'close'")
                  .select("id", "country", "action", "ts", "value")
                  .writeStream()
                  .outputMode("append");
          break;
        default:
          throw new IllegalArgumentException("not a file query: " + query);
      }
      q = writer.foreach(new Sink(query)).trigger(Trigger.AvailableNow()).start();
      q.awaitTermination();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (EngineSupport.processCpuNanos() - cpuStart) / 1e9;
    List<StreamingQueryProgress> progress = q.recentProgress();
    long rows = progress.stream().mapToLong(StreamingQueryProgress::numInputRows).sum();
    return new EngineSupport.Measured(rows, progress.size(), seconds, cpuSeconds);
  }

  private static List<Row> users(ChildArgs args) throws Exception {
    Schema schema =
        Schema.builder()
            .addNullableField("id", Schema.FieldType.STRING)
            .addNullableField("country", Schema.FieldType.STRING)
            .addNullableField("tier", Schema.FieldType.INT32)
            .build();
    List<Row> rows = new ArrayList<>();
    for (Users.User u : Users.read(Path.of(args.users()))) {
      rows.add(Row.withSchema(schema).addValues(u.id(), u.country(), u.tier()).build());
    }
    return rows;
  }

  /** The foreach sink: each row to {@link QueryOutput} as the query's canonical line. */
  static final class Sink extends ForeachWriter {
    private static final long serialVersionUID = 1L;
    private final BenchQuery query;
    private long epoch;

    Sink(BenchQuery query) {
      this.query = query;
    }

    @Override
    public boolean open(long partitionId, long epochId) {
      epoch = epochId;
      return true;
    }

    @Override
    public void process(Row row) {
      switch (query) {
        case F1:
          QueryOutput.complete(
              epoch,
              QueryOutput.f1Line(windowStart(row), row.getString("action"), row.getInt64("count")));
          break;
        case F2:
          QueryOutput.update(windowStart(row), row.getString("id"), row.getDouble("avg(value)"));
          break;
        case F3:
          QueryOutput.append(
              QueryOutput.f3Line(
                  row.getInt64("eid"),
                  row.getString("id"),
                  row.getString("action"),
                  row.getDouble("value"),
                  row.getDateTime("ts").getMillis()));
          break;
        case F4:
          QueryOutput.append(
              QueryOutput.f4Line(
                  row.getString("id"),
                  row.getString("country"),
                  row.getString("action"),
                  row.getDateTime("ts").getMillis(),
                  row.getDouble("value")));
          break;
        case F5:
          QueryOutput.rateRow(
              row.getInt64("value"), row.getDateTime("timestamp").getMillis() * 1000);
          break;
      }
    }

    private static long windowStart(Row row) {
      return row.getRow("window").getDateTime("start").getMillis();
    }

    @Override
    public void close(Throwable errorOrNull) {}
  }
}
