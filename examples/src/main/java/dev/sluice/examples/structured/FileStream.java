package dev.sluice.examples.structured;

import static dev.sluice.structured.Functions.col;
import static dev.sluice.structured.Functions.current_timestamp;
import static dev.sluice.structured.Functions.desc;
import static dev.sluice.structured.Functions.explode;
import static dev.sluice.structured.Functions.split;

import com.google.auto.service.AutoService;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingSession;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * The {@code file-stream} example (seed 000's file streaming): the text files of a directory, each
 * line split into words, counted over the whole stream, most frequent first, the whole table
 * printed each batch.
 *
 * <pre>{@code
 * DataFrame fileStream = spark.readStream().text("sample_data/")
 *     .withColumn("timestamp", current_timestamp());
 * DataFrame wordCounts = fileStream
 *     .select(split(col("value"), " ").alias("words"))
 *     .select(explode(col("words")).alias("word"))
 *     .groupBy("word").count()
 *     .orderBy(desc("count"), col("word"));
 * wordCounts.writeStream().outputMode("complete").format("console")
 *     .trigger(Trigger.ProcessingTime("10 seconds")).start().awaitTermination();
 * }</pre>
 *
 * <p>The seed orders by {@code desc("count")} only; words with the same count then come in any
 * order, so this example also orders them by word to print the same table every run. It also keeps
 * only the words (the seed's second {@code select} carries the unused {@code timestamp} along).
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "file-stream",
    mixinStandardHelpOptions = true,
    description =
        "Structured: word counts over the text files of a directory, most frequent first"
            + " (seed 000).")
public final class FileStream extends FileExample {
  static final List<String> FILES = List.of("file_1.txt", "file_2.txt", "file_3.txt");

  /** The seed's query over the text files of {@code dir}. */
  public static DataFrame wordCounts(StreamingSession spark, String dir) {
    DataFrame fileStream =
        spark.readStream().text(dir).withColumn("timestamp", current_timestamp());
    return fileStream
        .select(split(col("value"), " ").alias("words"))
        .select(explode(col("words")).alias("word"))
        .groupBy("word")
        .count()
        .orderBy(desc("count"), col("word"));
  }

  @Override
  protected int run() throws Exception {
    String dir = inputDir("data/sample_data", FILES);
    StreamingSession spark = runner.session("file-stream");
    return printToConsole(wordCounts(spark, dir), "complete", true, dir);
  }
}
