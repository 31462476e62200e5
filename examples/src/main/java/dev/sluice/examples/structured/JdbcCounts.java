package dev.sluice.examples.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.lit;
import static dev.sluice.structured.Functions.window;

import com.google.auto.service.AutoService;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code jdbc} example (seed 004's Structured Streaming example, which writes {@code
 * writeStream.format("jdbc")}): JSON events counted per action and 1-hour window, each batch's
 * updated counts written to a database table with {@code foreachBatch} and the static JDBC writer —
 * Spark's way, since Spark (and Sluice) refuse a streaming {@code jdbc} sink.
 *
 * <pre>{@code
 * DataFrame counts = spark.readStream().schema("id STRING, action STRING, ts TIMESTAMP")
 *     .option("maxFilesPerTrigger", 1).json("data/mobile")
 *     .groupBy(col("action"), window(col("ts"), "1 hour")).count()
 *     .select(col("window.start").as("window_start"), col("action"), col("count"));
 * counts.writeStream().outputMode("update")
 *     .option("checkpointLocation", "/tmp/checkpoint/jdbc")
 *     .foreachBatch((batch, batchId) -> {
 *       DataFrame out = batch.withColumn("batch_id", lit(batchId));
 *       out.limit(0).write().mode("ignore").jdbc(url, "action_counts", props); // create once
 *       boolean written = spark.read().jdbc(url, "action_counts", props)
 *           .filter(col("batch_id").equalTo(lit(batchId))).count() > 0;
 *       if (!written) {                      // a batch replayed after a restart is skipped
 *         out.write().mode("append").jdbc(url, "action_counts", props); // one transaction
 *       }
 *     })
 *     .start();
 * }</pre>
 *
 * <p>With {@code --jdbc-url} (and {@code --user}/{@code --password}) it writes that database, e.g.
 * PostgreSQL ({@code jdbc:postgresql://localhost:5432/db}; the driver is in the examples jar);
 * without it an embedded in-memory H2 database, so it runs anywhere. At the end it prints what is
 * in the table, one row per batch and updated count.
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "jdbc",
    mixinStandardHelpOptions = true,
    description =
        "Structured: counts per action and 1-hour window written to a database table with"
            + " foreachBatch and write().jdbc (seed 004); embedded H2 unless --jdbc-url is given.")
public final class JdbcCounts extends FileExample {
  /** The embedded database used without {@code --jdbc-url}. */
  static final String EMBEDDED = "jdbc:h2:mem:sluice-examples;DB_CLOSE_DELAY=-1";

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "The database to write (e.g. jdbc:postgresql://localhost:5432/db; default: an embedded"
              + " H2 database).")
  String jdbcUrl;

  @Option(names = "--user", paramLabel = "USER", description = "The database user.")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", description = "The user's password.")
  String password;

  @Option(
      names = "--table",
      defaultValue = "action_counts",
      paramLabel = "TABLE",
      description = "The table written (created if missing; default: ${DEFAULT-VALUE}).")
  String table = "action_counts";

  @Option(
      names = "--checkpoint-location",
      paramLabel = "PATH",
      description = "The query's checkpoint directory (default: a new temporary directory).")
  Path checkpoint;

  /** Seed 004's query over {@code dir}: counts per action and 1-hour window, flat columns. */
  public static DataFrame counts(StreamingSession spark, String dir) {
    return spark
        .readStream()
        .schema("id STRING, action STRING, ts TIMESTAMP")
        .option("maxFilesPerTrigger", 1)
        .json(dir)
        .groupBy(col("action"), window(col("ts"), "1 hour"))
        .count()
        .select(col("window.start").as("window_start"), col("action"), col("count"));
  }

  /**
   * Writes one batch to {@code table} unless a batch with this id is already there: the batch is
   * one transaction, so its id in the table means it was written whole.
   */
  static void writeBatch(
      DataFrame batch, long batchId, String url, String table, Properties props) {
    DataFrame out = batch.withColumn("batch_id", lit(batchId));
    out.limit(0).write().mode("ignore").jdbc(url, table, props);
    boolean written =
        StreamingSession.active()
                .read()
                .jdbc(url, table, props)
                .filter(col("batch_id").equalTo(lit(batchId)))
                .count()
            > 0;
    if (!written) {
      out.write().mode("append").jdbc(url, table, props);
    }
  }

  @Override
  protected int run() throws Exception {
    String dir = inputDir(Mobile.BUNDLED, Mobile.FILES);
    String url = jdbcUrl != null ? jdbcUrl : EMBEDDED;
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    Path checkpointDir =
        checkpoint != null ? checkpoint : Files.createTempDirectory("sluice-jdbc-checkpoint-");
    StreamingSession spark = runner.session("jdbc");
    String target = table;
    err().printf("Writing the counts to table %s of %s%n", target, url.replaceFirst("\\?.*", ""));
    StreamingQuery query =
        counts(spark, dir)
            .writeStream()
            .outputMode("update")
            .option("checkpointLocation", checkpointDir.toString())
            .trigger(trigger())
            .foreachBatch((batch, batchId) -> writeBatch(batch, batchId, url, target, props))
            .start();
    await(query, dir);
    DataFrame written = spark.read().jdbc(url, target, props);
    out().printf("Table %s:%n", target);
    out()
        .print(
            written
                    .orderBy(col("batch_id"), col("window_start"), col("action"))
                    .showString(1000, false)
                + "\n");
    return 0;
  }
}
