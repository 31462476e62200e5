package dev.sluice.examples.dstream;

import com.google.auto.service.AutoService;
import dev.sluice.dstream.DStream;
import dev.sluice.dstream.Durations;
import dev.sluice.dstream.PairDStream;
import dev.sluice.dstream.StreamingContext;
import dev.sluice.examples.cli.BatchIntervalOption;
import dev.sluice.examples.cli.BatchIntervalOption.DurationConverter;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.examples.cli.InputOption;
import dev.sluice.examples.cli.RunnerOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import org.apache.beam.sdk.values.KV;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code hashtags} example (seed 004's "popular hashtags", DStream facade): the hashtags of the
 * last 5 minutes of tweets, counted incrementally with {@code reduceByKeyAndWindow(+, -, 300 s, 1
 * s)}, sorted by count through {@code transform} and printed every second.
 *
 * <pre>{@code
 * DStream<String> statuses = ...;                       // the text of each tweet
 * DStream<KV<String, Integer>> sorted =
 *     PopularHashtags.popular(statuses, Durations.seconds(300), Durations.seconds(1));
 * sorted.print();                                       // top 10 every batch
 * }</pre>
 *
 * <p>The seed reads Twitter; here the tweets are a bundled sample (or {@code --input}, one tweet
 * per line) fed as a {@code queueStream}, {@code --tweets-per-batch} per batch. Batches are
 * scripted, so the job runs as fast as it can instead of one batch per second, prints the same
 * every run, and ends when the last window has slid past the last tweet:
 *
 * <pre>{@code
 * java -jar examples/target/sluice-examples.jar hashtags
 * java -jar examples/target/sluice-examples.jar hashtags --window=30s --slide=5s --batch-interval=5s
 * }</pre>
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "hashtags",
    mixinStandardHelpOptions = true,
    description =
        "DStream: the most popular hashtags of a sliding window over tweets"
            + " (reduceByKeyAndWindow with an inverse function).")
public final class PopularHashtags extends ExampleCommand {
  /** The sample of tweets read when no {@code --input} is given, one tweet per line. */
  public static final String BUNDLED_TWEETS = "dev/sluice/examples/hashtags/tweets.txt";

  @Mixin RunnerOption runner;
  @Mixin BatchIntervalOption batch;
  @Mixin InputOption input;

  @Option(
      names = "--window",
      defaultValue = "300s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Length of the window (default: ${DEFAULT-VALUE}).")
  Duration window = Duration.ofMinutes(5);

  @Option(
      names = "--slide",
      defaultValue = "1s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How often the window is computed (default: ${DEFAULT-VALUE}).")
  Duration slide = Duration.ofSeconds(1);

  @Option(
      names = "--tweets-per-batch",
      defaultValue = "4",
      paramLabel = "N",
      description = "Tweets fed per batch (default: ${DEFAULT-VALUE}).")
  int tweetsPerBatch = 4;

  @Option(
      names = "--checkpoint",
      paramLabel = "DIR",
      description = "Checkpoint directory (default: a new temporary directory).")
  Path checkpoint;

  /**
   * The seed's job: split {@code statuses} into words, keep the hashtags, count each over a window
   * of {@code window} every {@code slide} (adding the batch entering the window, subtracting the
   * one leaving it), and sort every result by count, highest first.
   */
  public static DStream<KV<String, Integer>> popular(
      DStream<String> statuses,
      dev.sluice.dstream.Duration window,
      dev.sluice.dstream.Duration slide) {
    DStream<String> tweetwords =
        statuses.flatMap(tweetText -> Arrays.asList(tweetText.split(" ")).iterator());
    DStream<String> hashtags = tweetwords.filter(word -> word.startsWith("#"));
    PairDStream<String, Integer> hashtagKeyValues = hashtags.mapToPair(tag -> KV.of(tag, 1));
    PairDStream<String, Integer> hashtagCounts =
        hashtagKeyValues.reduceByKeyAndWindow((x, y) -> x + y, (x, y) -> x - y, window, slide);
    return hashtagCounts.transform(rdd -> rdd.sortBy(x -> x.getValue(), false));
  }

  /** The non-blank lines of {@code tweets}, {@code perBatch} per batch. */
  static Queue<List<String>> batches(List<String> tweets, int perBatch) {
    Queue<List<String>> batches = new ArrayDeque<>();
    List<String> current = new ArrayList<>();
    for (String tweet : tweets) {
      if (tweet.isBlank()) {
        continue;
      }
      current.add(tweet);
      if (current.size() == perBatch) {
        batches.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  @Override
  protected int run() throws Exception {
    Duration interval = batch.or(Duration.ofSeconds(1));
    if (tweetsPerBatch < 1) {
      throw usageError("--tweets-per-batch must be at least 1, not " + tweetsPerBatch);
    }
    for (Duration d : List.of(window, slide)) {
      if (d.toMillis() % interval.toMillis() != 0) {
        throw usageError(
            "--window and --slide must be multiples of --batch-interval ("
                + interval.toMillis()
                + " ms), not "
                + d.toMillis()
                + " ms");
      }
    }
    Path tweets = input.orBundled(BUNDLED_TWEETS);
    if (Files.isDirectory(tweets)) {
      throw usageError("--input " + tweets + " is a directory; give a file with one tweet a line");
    }
    StreamingContext ssc =
        new StreamingContext(
            runner.options("--appName=hashtags"), Durations.milliseconds(interval.toMillis()));
    ssc.printTo(out());
    ssc.checkpoint(
        (checkpoint != null ? checkpoint : Files.createTempDirectory("sluice-hashtags-"))
            .toString());
    DStream<String> statuses =
        ssc.queueStream(
            batches(Files.readAllLines(tweets, StandardCharsets.UTF_8), tweetsPerBatch));
    popular(
            statuses,
            Durations.milliseconds(window.toMillis()),
            Durations.milliseconds(slide.toMillis()))
        .print();
    ssc.start();
    ssc.awaitTermination();
    return 0;
  }
}
