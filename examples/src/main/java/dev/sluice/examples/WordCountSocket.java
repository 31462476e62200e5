package dev.sluice.examples;

import com.google.auto.service.AutoService;
import dev.sluice.dstream.DStream;
import dev.sluice.dstream.StreamingContext;
import dev.sluice.examples.cli.BatchIntervalOption;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.examples.cli.InputOption;
import dev.sluice.examples.cli.RunnerOption;
import dev.sluice.examples.dstream.NetworkWordCount;
import dev.sluice.examples.structured.StructuredWordCount;
import dev.sluice.examples.support.SocketInput;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.StreamingSession;
import dev.sluice.structured.Trigger;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code wordcount-socket} example: word counts of the lines arriving on a socket, printed
 * every batch, written with the facade {@code --api} names: {@code structured} (the default, {@link
 * StructuredWordCount}: running totals, Spark's console tables, complete mode) or {@code dstream}
 * ({@link NetworkWordCount}: the counts of each batch).
 *
 * <pre>{@code
 * java -jar examples/target/sluice-examples.jar wordcount-socket
 * java -jar examples/target/sluice-examples.jar wordcount-socket --api dstream
 * nc -lk 9999 &  java -jar examples/target/sluice-examples.jar wordcount-socket --port 9999
 * }</pre>
 *
 * <p>Without {@code --port} it plays a bundled text (or {@code --input}) over a local socket and
 * stops when every line is processed. Another facade's version is one more {@code case} in {@link
 * #run()} and one more class beside {@link NetworkWordCount}.
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "wordcount-socket",
    mixinStandardHelpOptions = true,
    description =
        "Structured (default) or DStream (--api dstream): word counts of lines read from a"
            + " socket.")
public final class WordCountSocket extends ExampleCommand {
  /** The text played when neither {@code --port} nor {@code --input} is given. */
  public static final String BUNDLED_TEXT = "dev/sluice/examples/wordcount/kinglear-excerpt.txt";

  @Mixin RunnerOption runner;
  @Mixin BatchIntervalOption batch;
  @Mixin InputOption input;
  @Mixin SocketInput socket;

  @Option(
      names = "--api",
      defaultValue = "structured",
      paramLabel = "API",
      description =
          "Which facade's version to run: structured (running totals, complete mode) or dstream"
              + " (counts of each batch) (default: ${DEFAULT-VALUE}).")
  String api = "structured";

  @Override
  protected int run() throws Exception {
    switch (api) {
      case "structured":
        return runStructured();
      case "dstream":
        return runDStream();
      default:
        throw usageError(
            "--api " + api + " is not a version of this example; use --api structured or dstream");
    }
  }

  private int runStructured() throws Exception {
    Duration interval = batch.or(Duration.ofSeconds(1));
    StreamingSession spark = runner.session("wordcount-socket");
    DataFrame lines = socket.openStructured(spark, input.path(), BUNDLED_TEXT, interval);
    StreamingQuery query =
        StructuredWordCount.wordCounts(lines)
            .writeStream()
            .format("console")
            .printTo(out())
            .outputMode("complete")
            .trigger(Trigger.ProcessingTime(interval.toMillis()))
            .start();
    socket.runStructured(spark, query, err());
    return 0;
  }

  private int runDStream() throws Exception {
    StreamingContext ssc =
        new StreamingContext(
            runner.options("--appName=wordcount-socket"), batch.orDStream(Duration.ofSeconds(1)));
    ssc.printTo(out());
    DStream<String> lines = socket.open(ssc, input.path(), BUNDLED_TEXT);
    NetworkWordCount.counts(lines).print();
    socket.run(ssc, err());
    return 0;
  }
}
