package dev.sluice.examples.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.window;

import com.google.auto.service.AutoService;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingSession;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * The {@code mobile} example (seed 003): phone events read from a directory of JSON files, one file
 * per trigger, counted per 10-minute window of their event time and per action, the whole result
 * table printed after each file.
 *
 * <pre>{@code
 * StreamingSession spark = StreamingSession.builder().appName("mobile").getOrCreate();
 * DataFrame mobileSSDF = spark.readStream()
 *     .schema("id STRING, action STRING, ts TIMESTAMP")
 *     .option("maxFilesPerTrigger", 1)
 *     .json("data/mobile");
 * DataFrame actionCountDF =
 *     mobileSSDF.groupBy(window(col("ts"), "10 minutes"), col("action")).count();
 * actionCountDF.writeStream()
 *     .format("console").option("truncate", "false")
 *     .outputMode("complete")
 *     .trigger(Trigger.AvailableNow())
 *     .start()
 *     .awaitTermination();
 * }</pre>
 *
 * <p>The bundled files (file1, file2, file3, newaction) print Spark's four batches; {@code
 * --follow} keeps watching the directory, so copying a file into {@code --input DIR} adds a batch.
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "mobile",
    mixinStandardHelpOptions = true,
    description =
        "Structured: action counts per 10-minute event-time window over JSON files, one file per"
            + " batch, complete mode (seed 003).")
public final class Mobile extends FileExample {
  /** Where the bundled files are, and the order they arrive in. */
  static final String BUNDLED = "data/mobile";

  static final List<String> FILES =
      List.of("file1.json", "file2.json", "file3.json", "newaction.json");

  /** The seed's query: counts per 10-minute window of {@code ts} and per action. */
  public static DataFrame actionCounts(StreamingSession spark, String dir) {
    DataFrame mobileSSDF =
        spark
            .readStream()
            .schema("id STRING, action STRING, ts TIMESTAMP")
            .option("maxFilesPerTrigger", 1)
            .json(dir);
    return mobileSSDF.groupBy(window(col("ts"), "10 minutes"), col("action")).count();
  }

  @Override
  protected int run() throws Exception {
    String dir = inputDir(BUNDLED, FILES);
    StreamingSession spark = runner.session("mobile");
    return printToConsole(actionCounts(spark, dir), "complete", false, dir);
  }
}
