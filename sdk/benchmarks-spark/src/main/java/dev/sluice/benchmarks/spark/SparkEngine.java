package dev.sluice.benchmarks.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.window;

import dev.sluice.benchmarks.shared.BenchQuery;
import dev.sluice.benchmarks.shared.ChildArgs;
import dev.sluice.benchmarks.shared.EngineSupport;
import dev.sluice.benchmarks.shared.QueryOutput;
import dev.sluice.benchmarks.shared.Users;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.ForeachWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark engine of the facade benchmark: queries F1–F5 ({@link BenchQuery}) on real Spark 4.0.1
 * Structured Streaming, {@code local[2]}, each to a {@code foreach} sink feeding {@link
 * QueryOutput}; the same code as the facade's ({@code FacadeQueries} in sdk/benchmarks) against
 * Spark's own API. Session settings: {@code spark.sql.shuffle.partitions} from the arguments (2 by
 * default, one per core, instead of Spark's 200), the UI off, time zone UTC; each query checkpoints
 * into a fresh temporary directory, as Spark requires.
 *
 * <p>Run as a child JVM of {@code FacadeBench} (the Java 17 flags Spark needs are in this module's
 * pom, {@code spark.jvmFlags}):
 *
 * <pre>{@code
 * // java --add-opens=... -cp ... dev.sluice.benchmarks.spark.SparkEngine --queries=F1 --events=DIR --users=FILE
 * // RESULT engine=spark query=F1 inputRows=1000000 batches=10 seconds=9.876 outputRows=... digest=...
 * }</pre>
 */
public final class SparkEngine {
  /** The event files' schema, the same DDL as the facade's. */
  static final String EVENTS = "eid BIGINT, id STRING, action STRING, value DOUBLE, ts TIMESTAMP";

  private SparkEngine() {}

  /** Arguments: {@link ChildArgs}. Prints one {@code RESULT} line per query. */
  public static void main(String[] args) throws Exception {
    ChildArgs parsed = ChildArgs.parse(args);
    SparkSession spark = session(parsed.shufflePartitions());
    for (BenchQuery query : parsed.queries()) {
      EngineSupport.Measured m = run(spark, query, parsed);
      System.out.println(EngineSupport.resultLine("spark", query, m, QueryOutput.finish()));
    }
    spark.stop();
    System.exit(0);
  }

  /** A local[2] session as the benchmark configures it. */
  public static SparkSession session(int shufflePartitions) {
    return SparkSession.builder()
        .master("local[2]")
        .appName("FacadeBench")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  /** Runs {@code query} once, from building it to its end. */
  public static EngineSupport.Measured run(SparkSession spark, BenchQuery query, ChildArgs args)
      throws Exception {
    List<Row> users = new ArrayList<>();
    if (query == BenchQuery.F4) {
      for (Users.User u : Users.read(Path.of(args.users()))) {
        users.add(RowFactory.create(u.id(), u.country(), u.tier()));
      }
    }
    Path checkpoint = Files.createTempDirectory("spark-bench-checkpoint");
    QueryOutput.start(
        query, EngineSupport.expectedF2Keys(args), args.f5Rows(), args.f5WarmupRows());
    long start = System.nanoTime();
    long cpuStart = EngineSupport.processCpuNanos();
    StreamingQuery q;
    if (query == BenchQuery.F5) {
      q =
          spark
              .readStream()
              .format("rate")
              .option("rowsPerSecond", args.f5Rate())
              .load()
              .writeStream()
              .foreach(new Sink(query))
              .option("checkpointLocation", checkpoint.toString())
              .trigger(Trigger.ProcessingTime(0))
              .start();
      EngineSupport.awaitRateRows(args);
      q.stop();
    } else {
      Dataset<Row> events =
          spark
              .readStream()
              .schema(EVENTS)
              .option("maxFilesPerTrigger", args.maxFilesPerTrigger())
              .json(args.events());
      DataStreamWriter<Row> writer;
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
          StructType schema =
              new StructType()
                  .add("id", DataTypes.StringType)
                  .add("country", DataTypes.StringType)
                  .add("tier", DataTypes.IntegerType);
          Dataset<Row> table = spark.createDataFrame(users, schema);
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
      q =
          writer
              .foreach(new Sink(query))
              .option("checkpointLocation", checkpoint.toString())
              .trigger(Trigger.AvailableNow())
              .start();
      q.awaitTermination();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (EngineSupport.processCpuNanos() - cpuStart) / 1e9;
    long rows = 0;
    StreamingQueryProgress[] progress = q.recentProgress();
    for (StreamingQueryProgress p : progress) {
      rows += p.numInputRows();
    }
    return new EngineSupport.Measured(rows, progress.length, seconds, cpuSeconds);
  }

  /** The foreach sink: each row to {@link QueryOutput} as the query's canonical line. */
  static final class Sink extends ForeachWriter<Row> {
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
              QueryOutput.f1Line(windowStart(row), row.getAs("action"), row.<Long>getAs("count")));
          break;
        case F2:
          QueryOutput.update(windowStart(row), row.getAs("id"), row.<Double>getAs("avg(value)"));
          break;
        case F3:
          QueryOutput.append(
              QueryOutput.f3Line(
                  row.<Long>getAs("eid"),
                  row.getAs("id"),
                  row.getAs("action"),
                  row.<Double>getAs("value"),
                  row.<Timestamp>getAs("ts").getTime()));
          break;
        case F4:
          QueryOutput.append(
              QueryOutput.f4Line(
                  row.getAs("id"),
                  row.getAs("country"),
                  row.getAs("action"),
                  row.<Timestamp>getAs("ts").getTime(),
                  row.<Double>getAs("value")));
          break;
        case F5:
          Timestamp ts = row.getAs("timestamp");
          QueryOutput.rateRow(
              row.<Long>getAs("value"), ts.getTime() * 1000 + (ts.getNanos() / 1000) % 1000);
          break;
      }
    }

    private static long windowStart(Row row) {
      return row.<Row>getAs("window").<Timestamp>getAs("start").getTime();
    }

    @Override
    public void close(Throwable errorOrNull) {}
  }
}
