package dev.sluice.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
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

/**
 * Counts the words of a text in fixed event-time windows and prints the counts, written against the
 * plain Beam SDK and run on the MicroBatchRunner.
 *
 * <p>Line {@code i} of the input (counting from 0) gets the event time {@link #FIRST_LINE_TIME}
 * plus {@code i} minutes, so every run of the job sees the same timestamps. Words are put into
 * {@code --windowMinutes}-long {@link FixedWindows} (10 by default) and counted per window. Without
 * {@code --inputFile} the job reads a bundled excerpt of King Lear, act 1 scene 1 (63 lines, so
 * seven 10-minute windows, the last with three lines). Without {@code --runner} it runs on {@code
 * MicroBatchRunner}; this module depends on the runner only at run time, by name.
 *
 * <p>From the repository root:
 *
 * <pre>{@code
 * mvn -B -q install -DskipTests
 * mvn -B -q -pl examples exec:java
 * mvn -B -q -pl examples exec:java -Dexec.args="--inputFile=/tmp/notes.txt --windowMinutes=5"
 * }</pre>
 *
 * <p>prints one line per word and window, sorted by window and then by word:
 *
 * <pre>{@code
 * [2024-01-01T00:00:00.000Z..2024-01-01T00:10:00.000Z) a: 1
 * [2024-01-01T00:00:00.000Z..2024-01-01T00:10:00.000Z) age: 1
 * [2024-01-01T00:00:00.000Z..2024-01-01T00:10:00.000Z) albany: 1
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
public final class WindowedWordCount {

  /** Event time of the first line of each input file. */
  public static final Instant FIRST_LINE_TIME = Instant.parse("2024-01-01T00:00:00Z");

  /** Event time between one line and the next. */
  public static final Duration LINE_INTERVAL = Duration.standardMinutes(1);

  /** Classpath resource read when no {@code --inputFile} is given. */
  public static final String BUNDLED_INPUT = "dev/sluice/examples/wordcount/kinglear-excerpt.txt";

  private static final String RUNNER_ARG = "--runner";
  private static final String DEFAULT_RUNNER = "MicroBatchRunner";

  private WindowedWordCount() {}

  /**
   * Options of {@link WindowedWordCount}; every Beam and runner option can be given as well.
   *
   * <pre>{@code
   * Options options =
   *     PipelineOptionsFactory.fromArgs("--inputFile=/tmp/notes.txt", "--windowMinutes=5")
   *         .withValidation()
   *         .as(WindowedWordCount.Options.class);
   * }</pre>
   */
  public interface Options extends PipelineOptions {
    @Description(
        "Path (or glob) of the text file(s) to count. Default: a bundled excerpt of King Lear.")
    String getInputFile();

    void setInputFile(String inputFile);

    @Description("Length of the fixed event-time windows, in minutes. Must be at least 1.")
    @Default.Integer(10)
    int getWindowMinutes();

    void setWindowMinutes(int windowMinutes);
  }

  /**
   * Runs the job with the given command-line options and waits until it has finished, defaulting
   * {@code --runner} to {@code MicroBatchRunner}.
   *
   * <pre>{@code
   * WindowedWordCount.main(new String[] {"--windowMinutes=30"});
   * }</pre>
   *
   * @throws IllegalStateException if the pipeline ends in a state other than {@code DONE}
   */
  public static void main(String[] args) throws IOException {
    PipelineOptionsFactory.register(Options.class);
    Options options =
        PipelineOptionsFactory.fromArgs(withDefaultRunner(args)).withValidation().as(Options.class);
    PipelineResult.State state = run(options);
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("WindowedWordCount ended in state " + state);
    }
  }

  /**
   * Builds and runs the job with {@code options}, blocking until it ends.
   *
   * <pre>{@code
   * Options options = PipelineOptionsFactory.fromArgs("--runner=MicroBatchRunner").as(Options.class);
   * PipelineResult.State state = WindowedWordCount.run(options); // DONE
   * }</pre>
   *
   * @return the final state of the pipeline
   */
  public static PipelineResult.State run(Options options) throws IOException {
    if (options.getWindowMinutes() < 1) {
      throw new IllegalArgumentException(
          "--windowMinutes="
              + options.getWindowMinutes()
              + " is not valid; it must be at least 1.");
    }
    String input =
        options.getInputFile() != null ? options.getInputFile() : copyBundledInputToTempFile();
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply("ReadLines", ReadTimestampedLines.from(input))
        .apply(
            "CountWords",
            CountWords.inWindowsOf(Duration.standardMinutes(options.getWindowMinutes())))
        .apply("PrintCounts", new PrintSorted());
    return pipeline.run().waitUntilFinish();
  }

  /** Returns {@code args}, preceded by {@code --runner=MicroBatchRunner} if it has no runner. */
  static String[] withDefaultRunner(String[] args) {
    boolean hasRunner =
        Arrays.stream(args)
            .anyMatch(arg -> arg.equals(RUNNER_ARG) || arg.startsWith(RUNNER_ARG + "="));
    if (hasRunner) {
      return args;
    }
    String[] all = new String[args.length + 1];
    all[0] = RUNNER_ARG + "=" + DEFAULT_RUNNER;
    System.arraycopy(args, 0, all, 1, args.length);
    return all;
  }

  /** Copies {@link #BUNDLED_INPUT} to a temporary file (deleted on exit) and returns its path. */
  static String copyBundledInputToTempFile() throws IOException {
    Path file = Files.createTempFile("kinglear-excerpt", ".txt");
    file.toFile().deleteOnExit();
    try (InputStream in =
        WindowedWordCount.class.getClassLoader().getResourceAsStream(BUNDLED_INPUT)) {
      if (in == null) {
        throw new IOException("Classpath resource " + BUNDLED_INPUT + " is missing");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file.toAbsolutePath().toString();
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
