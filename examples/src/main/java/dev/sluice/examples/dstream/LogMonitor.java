package dev.sluice.examples.dstream;

import com.google.auto.service.AutoService;
import dev.sluice.dstream.DStream;
import dev.sluice.dstream.StreamingContext;
import dev.sluice.examples.cli.BatchIntervalOption;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.examples.cli.InputOption;
import dev.sluice.examples.cli.RunnerOption;
import dev.sluice.examples.support.SocketInput;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code log-monitor} example (seed 004, DStream facade): log lines arrive on a socket, and
 * every batch prints the ones that contain {@code "error"} (case-sensitive, as in the seed).
 *
 * <pre>{@code
 * StreamingContext ssc = new StreamingContext("log-monitor", Durations.seconds(1));
 * DStream<String> lines = ssc.socketTextStream("localhost", 8888);
 * DStream<String> errors = LogMonitor.errors(lines);
 * errors.print();
 * ssc.start();
 * ssc.awaitTermination();
 * }</pre>
 *
 * <p>From the command line, without {@code --port} it plays a bundled application log (or {@code
 * --input}) over a local socket and stops when every line is processed; with {@code --port 8888} it
 * reads your server ({@code nc -lk 8888}) until interrupted:
 *
 * <pre>{@code
 * java -jar examples/target/sluice-examples.jar log-monitor
 * java -jar examples/target/sluice-examples.jar log-monitor --port 8888
 * }</pre>
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "log-monitor",
    mixinStandardHelpOptions = true,
    description = "DStream: print the log lines containing \"error\", read from a socket.")
public final class LogMonitor extends ExampleCommand {
  /** The application log played when neither {@code --port} nor {@code --input} is given. */
  public static final String BUNDLED_LOG = "dev/sluice/examples/logs/app.log";

  @Mixin RunnerOption runner;
  @Mixin BatchIntervalOption batch;
  @Mixin InputOption input;
  @Mixin SocketInput socket;

  /** The seed's job: the lines of {@code lines} that contain {@code "error"}. */
  public static DStream<String> errors(DStream<String> lines) {
    return lines.filter(line -> line.contains("error"));
  }

  @Override
  protected int run() throws Exception {
    StreamingContext ssc =
        new StreamingContext(
            runner.options("--appName=log-monitor"), batch.orDStream(Duration.ofSeconds(1)));
    ssc.printTo(out());
    DStream<String> lines = socket.open(ssc, input.path(), BUNDLED_LOG);
    errors(lines).print();
    socket.run(ssc, err());
    return 0;
  }
}
