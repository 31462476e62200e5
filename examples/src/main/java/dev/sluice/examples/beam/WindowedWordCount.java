package dev.sluice.examples.beam;

import com.google.auto.service.AutoService;
import dev.sluice.examples.cli.BatchIntervalOption.DurationConverter;
import dev.sluice.examples.cli.ExampleCommand;
import dev.sluice.examples.cli.InputOption;
import dev.sluice.examples.cli.RunnerOption;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code windowed-wordcount} example: counts the words of a text in fixed event-time windows
 * and prints the counts, written against the plain Beam SDK.
 *
 * <p>Line {@code i} of the input (counting from 0) gets the event time {@link #FIRST_LINE_TIME}
 * plus {@code i} minutes, so every run of the job sees the same timestamps. Words are put into
 * {@code --window}-long {@link FixedWindows} (10 minutes by default) and counted per window.
 * Without {@code --input} the job reads a bundled excerpt of King Lear, act 1 scene 1 (63 lines, so
 * seven 10-minute windows, the last with three lines).
 *
 * <pre>{@code
 * java -jar examples/target/sluice-examples.jar windowed-wordcount
 * java -jar examples/target/sluice-examples.jar windowed-wordcount --input=/tmp/notes.txt --window=5min
 * mvn -B -q -pl examples exec:java      # the same, from the repository root after an install
 * }</pre>
 *
 * <p>prints one line per word and window, sorted by window and then by word:
 *
 * <pre>{@code
 * [2024-01-01T00:00:00.000Z..2024-01-01T00:10:00.000Z) a: 1
 * [2024-01-01T00:00:00.000Z..2024-01-01T00:10:00.000Z) age: 1
 * ...
 * [2024-01-01T00:50:00.000Z..2024-01-01T01:00:00.000Z) nothing: 5
 * }</pre>
 *
 * <p>The counting itself is {@link CountWords}, which can be reused on any timestamped {@code
 * PCollection<String>}:
 *
 * <pre>{@code
 * Pipeline p = Pipeline.create(options);
 * PCollection<KV<String, Long>> counts =
 *     p.apply(ReadTimestampedLines.from("/tmp/notes.txt"))
 *         .apply(CountWords.inWindowsOf(Duration.standardMinutes(10)));
 * }</pre>
 */
@AutoService(ExampleCommand.class)
@Command(
    name = "windowed-wordcount",
    mixinStandardHelpOptions = true,
    description =
        "Beam SDK: word counts of a text in fixed event-time windows (line i at minute i).")
public final class WindowedWordCount extends ExampleCommand {

  /** Event time of the first line of each input file. */
  public static final Instant FIRST_LINE_TIME = Instant.parse("2024-01-01T00:00:00Z");

  /** Event time between one line and the next. */
  public static final Duration LINE_INTERVAL = Duration.standardMinutes(1);

  /** Classpath resource read when no {@code --input} is given. */
  public static final String BUNDLED_INPUT = "dev/sluice/examples/wordcount/kinglear-excerpt.txt";

  @Mixin RunnerOption runner;
  @Mixin InputOption input;

  @Option(
      names = "--window",
      defaultValue = "10min",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Length of the fixed event-time windows (default: ${DEFAULT-VALUE}).")
  java.time.Duration window = java.time.Duration.ofMinutes(10);

  @Override
  protected int run() throws IOException {
    String file = input.orBundled(BUNDLED_INPUT).toString();
    PipelineResult.State state = run(runner.options(), file, Duration.millis(window.toMillis()));
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("windowed-wordcount ended in state " + state);
    }
    return 0;
  }

  /**
   * Builds and runs the job on the files matching {@code input}, blocking until it ends.
   *
   * <pre>{@code
   * PipelineOptions options = PipelineOptionsFactory.fromArgs("--runner=MicroBatchRunner").create();
   * WindowedWordCount.run(options, "/tmp/notes.txt", Duration.standardMinutes(10)); // DONE
   * }</pre>
   *
   * @return the final state of the pipeline
   */
  public static PipelineResult.State run(PipelineOptions options, String input, Duration window) {
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply("ReadLines", ReadTimestampedLines.from(input))
        .apply("CountWords", CountWords.inWindowsOf(window))
        .apply("PrintCounts", new PrintSorted());
    return pipeline.run().waitUntilFinish();
  }

  /**
   * Reads the lines of the files matching a filepattern, timestamping line {@code i} of each file
   * (counting from 0) with {@link #FIRST_LINE_TIME} plus {@code i} times {@link #LINE_INTERVAL}.
   * The lines are in the global window.
   *
   * <pre>{@code
   * PCollection<String> lines = pipeline.apply(ReadTimestampedLines.from("/tmp/notes.txt"));
   * // line 0 at 2024-01-01T00:00:00Z, line 1 at 2024-01-01T00:01:00Z, ...
   * }</pre>
   */
  public static final class ReadTimestampedLines extends PTransform<PBegin, PCollection<String>> {
    private final String filepattern;

    private ReadTimestampedLines(String filepattern) {
      this.filepattern = filepattern;
    }

    /** Reads the files matching {@code filepattern}; it must match at least one file. */
    public static ReadTimestampedLines from(String filepattern) {
      return new ReadTimestampedLines(filepattern);
    }

    @Override
    public PCollection<String> expand(PBegin input) {
      return input
          .apply("MatchFiles", FileIO.match().filepattern(filepattern))
          .apply("OpenFiles", FileIO.readMatches())
          .apply("TimestampLines", ParDo.of(new TimestampLinesFn()));
    }
  }

  /** Emits each line of a file with its line-number-based event time. */
  private static final class TimestampLinesFn extends DoFn<FileIO.ReadableFile, String> {
    @ProcessElement
    public void processElement(@Element FileIO.ReadableFile file, OutputReceiver<String> out)
        throws IOException {
      List<String> lines = file.readFullyAsUTF8String().lines().collect(Collectors.toList());
      for (int i = 0; i < lines.size(); i++) {
        out.outputWithTimestamp(lines.get(i), FIRST_LINE_TIME.plus(LINE_INTERVAL.multipliedBy(i)));
      }
    }
  }

  /**
   * Splits timestamped lines into lower-case words and counts each word per fixed event-time
   * window. A word is a run of letters, with apostrophes kept inside it ({@code answer'd}) and
   * dropped at its ends.
   *
   * <pre>{@code
   * PCollection<String> lines =
   *     pipeline.apply(
   *         Create.timestamped(
   *             TimestampedValue.of("The king, the KING!", Instant.parse("2024-01-01T00:01:00Z")),
   *             TimestampedValue.of("Nothing.", Instant.parse("2024-01-01T00:12:00Z"))));
   * PCollection<KV<String, Long>> counts =
   *     lines.apply(CountWords.inWindowsOf(Duration.standardMinutes(10)));
   * // [00:00, 00:10): the=2, king=2   [00:10, 00:20): nothing=1
   * }</pre>
   */
  public static final class CountWords
      extends PTransform<PCollection<String>, PCollection<KV<String, Long>>> {
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}']+");
    private static final Pattern EDGE_APOSTROPHES = Pattern.compile("^'+|'+$");

    private final Duration windowSize;

    private CountWords(Duration windowSize) {
      this.windowSize = windowSize;
    }

    /** Counts words in {@link FixedWindows} of {@code windowSize}. */
    public static CountWords inWindowsOf(Duration windowSize) {
      return new CountWords(windowSize);
    }

    /** The lower-case words of {@code line}, in order. */
    static List<String> words(String line) {
      List<String> words = new ArrayList<>();
      for (String token : NOT_WORD.split(line.toLowerCase(Locale.ROOT))) {
        String word = EDGE_APOSTROPHES.matcher(token).replaceAll("");
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
      return words;
    }

    @Override
    public PCollection<KV<String, Long>> expand(PCollection<String> lines) {
      return lines
          .apply(
              "SplitWords", FlatMapElements.into(TypeDescriptors.strings()).via(CountWords::words))
          .apply("Window", Window.into(FixedWindows.of(windowSize)))
          .apply("Count", Count.perElement());
    }
  }

  /**
   * Prints windowed counts to standard output as {@code [start..end) word: count}, sorted by window
   * and then by word. The counts of all windows are gathered and printed once the input has ended,
   * so that the listing is the same on every run.
   */
  private static final class PrintSorted
      extends PTransform<PCollection<KV<String, Long>>, PCollection<Void>> {
    @Override
    public PCollection<Void> expand(PCollection<KV<String, Long>> counts) {
      return counts
          .apply("LabelWithWindow", ParDo.of(new LabelWithWindowFn()))
          .apply("IntoGlobalWindow", Window.into(new GlobalWindows()))
          .apply("OneKey", WithKeys.of("all"))
          .apply("GatherAll", GroupByKey.create())
          .apply("Print", ParDo.of(new PrintFn()));
    }
  }

  /** Pairs each count with the label of its window, {@code [start..end)}. */
  private static final class LabelWithWindowFn
      extends DoFn<KV<String, Long>, KV<String, KV<String, Long>>> {
    @ProcessElement
    public void processElement(
        @Element KV<String, Long> count,
        BoundedWindow window,
        OutputReceiver<KV<String, KV<String, Long>>> out) {
      out.output(KV.of(label(window), count));
    }

    private static String label(BoundedWindow window) {
      if (window instanceof IntervalWindow) {
        IntervalWindow interval = (IntervalWindow) window;
        return "[" + interval.start() + ".." + interval.end() + ")";
      }
      return window.toString();
    }
  }

  /** Prints all labelled counts, sorted by window label and then by word. */
  private static final class PrintFn
      extends DoFn<KV<String, Iterable<KV<String, KV<String, Long>>>>, Void> {
    @ProcessElement
    public void processElement(@Element KV<String, Iterable<KV<String, KV<String, Long>>>> all) {
      List<KV<String, KV<String, Long>>> sorted = new ArrayList<>();
      all.getValue().forEach(sorted::add);
      sorted.sort(
          Comparator.comparing((KV<String, KV<String, Long>> kv) -> kv.getKey())
              .thenComparing(kv -> kv.getValue().getKey()));
      StringBuilder listing = new StringBuilder();
      for (KV<String, KV<String, Long>> kv : sorted) {
        listing
            .append(kv.getKey())
            .append(' ')
            .append(kv.getValue().getKey())
            .append(": ")
            .append(kv.getValue().getValue())
            .append(System.lineSeparator());
      }
      System.out.print(listing);
      System.out.flush();
    }
  }
}
