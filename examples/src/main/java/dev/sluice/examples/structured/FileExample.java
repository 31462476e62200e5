package dev.sluice.examples.structured;

import dev.sluice.examples.cli.BatchIntervalOption;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.examples.cli.InputOption;
import dev.sluice.examples.cli.RunnerOption;
import dev.sluice.examples.cli.TriggerOptions;
import dev.sluice.examples.support.BundledFiles;
import dev.sluice.structured.DataFrame;
import dev.sluice.structured.DataStreamWriter;
import dev.sluice.structured.StreamingQuery;
import dev.sluice.structured.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;

/**
 * The base of the Structured examples that read a directory of files: {@code --runner}, {@code
 * --input DIR} (default: the bundled files, copied to a temporary directory in their order), {@code
 * --trigger}/{@code --follow} and {@code --batch-interval}. By default a query processes the files
 * there and ends ({@code Trigger.AvailableNow()}); with {@code --follow} it runs a batch every
 * interval with the new files until interrupted.
 *
 * <pre>{@code
 * @Override
 * protected int run() throws Exception {
 *   String dir = inputDir("data/mobile", List.of("file1.json", "file2.json"));
 *   StreamingQuery query = ...trigger(trigger()).start();
 *   return await(query, dir);
 * }
 * }</pre>
 */
abstract class FileExample extends ExampleCommand {
  @Mixin RunnerOption runner;
  @Mixin InputOption input;
  @Mixin TriggerOptions triggerOptions;
  @Mixin BatchIntervalOption batch;

  /**
   * {@code --input}, which must be a directory, or else the bundled files {@code resourceDir/names}
   * copied into a temporary directory with modification times in that order.
   */
  protected final String inputDir(String resourceDir, List<String> names) throws IOException {
    Path path = input.path();
    if (path == null) {
      return BundledFiles.copy(resourceDir, names).toString();
    }
    if (!Files.isDirectory(path)) {
      throw usageError(
          "--input " + path + " is a file; give the directory the stream reads files from");
    }
    return path.toString();
  }

  /** The trigger of the options: AvailableNow, or ProcessingTime(--batch-interval, default 1 s). */
  protected final Trigger trigger() {
    return triggerOptions.structured(batch.or(Duration.ofSeconds(1)));
  }

  /**
   * Runs {@code frame}'s query to the console in {@code outputMode} with the options' trigger
   * ({@code truncate=false} unless {@code truncate}), and waits for it as {@link #await} does.
   *
   * @param watched what a following query watches, for its message
   */
  protected final int printToConsole(
      DataFrame frame, String outputMode, boolean truncate, String watched) throws Exception {
    DataStreamWriter writer =
        frame
            .writeStream()
            .format("console")
            .printTo(out())
            .outputMode(outputMode)
            .trigger(trigger());
    if (!truncate) {
      writer = writer.option("truncate", "false");
    }
    return await(writer.start(), watched);
  }

  /**
   * Waits for {@code query}: until it has processed the files ({@code available-now}), or, when
   * following {@code dir}, until interrupted.
   *
   * @return 0
   * @throws dev.sluice.structured.StreamingQueryException if the query failed
   */
  protected final int await(StreamingQuery query, String dir) throws Exception {
    if (triggerOptions.follows()) {
      err().printf("Watching %s for new files; Ctrl-C stops.%n", dir);
    }
    try {
      query.awaitTermination();
    } finally {
      query.stop();
    }
    return 0;
  }
}
