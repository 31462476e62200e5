package dev.sluice.examples.structured;

import com.google.auto.service.AutoService;
import dev.sluice.examples.cli.BatchIntervalOption;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.examples.cli.RunnerOption;
import dev.sluice.examples.support.RunFor;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.Trigger;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code rate} example: Spark's rate source (rows of {@code timestamp, value}, {@code value}
 * counting up from 0) printed to the console as they are generated, for {@code --run-for}.
 *
 * <pre>{@code
 * DataFrame rate = spark.readStream().format("rate").option("rowsPerSecond", 1).load();
 * StreamingQuery query = rate.writeStream().format("console").outputMode("append")
 *     .trigger(Trigger.ProcessingTime("1 second")).start();
 * query.awaitTermination(10_000);
 * query.stop();
 * }</pre>
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "rate",
    mixinStandardHelpOptions = true,
    description = "Structured: the rate source's rows (timestamp, value) printed each batch.")
public final class Rate extends ExampleCommand {
  @Mixin RunnerOption runner;
  @Mixin BatchIntervalOption batch;

  @Option(
      names = "--rows-per-second",
      defaultValue = "1",
      paramLabel = "N",
      description = "Rows the source generates per second (default: ${DEFAULT-VALUE}).")
  long rowsPerSecond = 1;

  @Option(
      names = "--run-for",
      defaultValue = "10s",
      paramLabel = "DURATION",
      converter = BatchIntervalOption.DurationConverter.class,
      description =
          "Stop after this long (default: ${DEFAULT-VALUE}), or earlier when interrupted.")
  Duration runFor = Duration.ofSeconds(10);

  @Override
  protected int run() throws Exception {
    if (rowsPerSecond < 1) {
      throw usageError("--rows-per-second must be at least 1, not " + rowsPerSecond);
    }
    StreamingSession spark = runner.session("rate");
    DataFrame rate =
        spark.readStream().format("rate").option("rowsPerSecond", rowsPerSecond).load();
    StreamingQuery query =
        rate.writeStream()
            .format("console")
            .printTo(out())
            .option("truncate", "false")
            .outputMode("append")
            .trigger(Trigger.ProcessingTime(batch.or(Duration.ofSeconds(1)).toMillis()))
            .start();
    err().printf("Generating %d rows a second for %s.%n", rowsPerSecond, runFor);
    RunFor.await(query, runFor);
    return 0;
  }
}
