package dev.sluice.examples.beam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import dev.sluice.examples.Main;
import dev.sluice.examples.beam.WindowedWordCount.CountWords;
import dev.sluice.examples.beam.WindowedWordCount.ReadTimestampedLines;
import dev.sluice.examples.cli.InputOption;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Runs {@link WindowedWordCount}'s transforms on the MicroBatchRunner. */
@RunWith(JUnit4.class)
public class WindowedWordCountTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration TEN_MINUTES = Duration.standardMinutes(10);

  @Rule
  public final transient TestPipeline pipeline =
      TestPipeline.fromOptions(
          PipelineOptionsFactory.fromArgs("--runner=MicroBatchRunner", "--parallelism=3").create());

  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static IntervalWindow window(int startMinute, Duration size) {
    Instant start = T0.plus(Duration.standardMinutes(startMinute));
    return new IntervalWindow(start, start.plus(size));
  }

  private static TimestampedValue<String> line(String text, int minute) {
    return TimestampedValue.of(text, T0.plus(Duration.standardMinutes(minute)));
  }

  @Test
  public void testPipelineRunsOnMicroBatchRunner() {
    assertThat(pipeline.getOptions().getRunner().getSimpleName(), equalTo("MicroBatchRunner"));
    pipeline.apply(Create.of("x"));
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void countsWordsPerWindow() {
    PCollection<KV<String, Long>> counts =
        pipeline
            .apply(
                Create.timestamped(
                    line("The king, the KING!", 0),
                    line("Nothing will come of nothing.", 9),
                    line("The king's daughters", 10),
                    line("", 11),
                    line("nothing", 25)))
            .apply(CountWords.inWindowsOf(TEN_MINUTES));

    PAssert.that(counts)
        .inWindow(window(0, TEN_MINUTES))
        .containsInAnyOrder(
            KV.of("the", 2L),
            KV.of("king", 2L),
            KV.of("nothing", 2L),
            KV.of("will", 1L),
            KV.of("come", 1L),
            KV.of("of", 1L));
    PAssert.that(counts)
        .inWindow(window(10, TEN_MINUTES))
        .containsInAnyOrder(KV.of("the", 1L), KV.of("king's", 1L), KV.of("daughters", 1L));
    PAssert.that(counts).inWindow(window(20, TEN_MINUTES)).containsInAnyOrder(KV.of("nothing", 1L));

    assertThat(pipeline.run().waitUntilFinish(), is(PipelineResult.State.DONE));
  }

  @Test
  public void windowSizeIsAParameter() {
    Duration fiveMinutes = Duration.standardMinutes(5);
    PCollection<KV<String, Long>> counts =
        pipeline
            .apply(Create.timestamped(line("a b", 0), line("a", 4), line("a", 5), line("b", 9)))
            .apply(CountWords.inWindowsOf(fiveMinutes));

    PAssert.that(counts)
        .inWindow(window(0, fiveMinutes))
        .containsInAnyOrder(KV.of("a", 2L), KV.of("b", 1L));
    PAssert.that(counts)
        .inWindow(window(5, fiveMinutes))
        .containsInAnyOrder(KV.of("a", 1L), KV.of("b", 1L));

    pipeline.run().waitUntilFinish();
  }

  @Test
  public void readsLinesOneMinuteApart() throws Exception {
    File input = tmp.newFile("input.txt");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      text.append(i < 10 ? "early bird\n" : "late bird\n");
    }
    Files.writeString(input.toPath(), text, StandardCharsets.UTF_8);

    PCollection<KV<String, Long>> counts =
        pipeline
            .apply(ReadTimestampedLines.from(input.getAbsolutePath()))
            .apply(CountWords.inWindowsOf(TEN_MINUTES));

    // Lines 0-9 fall in [00:00, 00:10), lines 10-11 in [00:10, 00:20).
    PAssert.that(counts)
        .inWindow(window(0, TEN_MINUTES))
        .containsInAnyOrder(KV.of("early", 10L), KV.of("bird", 10L));
    PAssert.that(counts)
        .inWindow(window(10, TEN_MINUTES))
        .containsInAnyOrder(KV.of("late", 2L), KV.of("bird", 2L));

    pipeline.run().waitUntilFinish();
  }

  @Test
  public void wordsAreLowerCaseLettersWithInnerApostrophes() {
    assertThat(
        CountWords.words("'Tis Lear's ANSWER'D speech--(Unburden'd) daughters' 3 love"),
        contains("tis", "lear's", "answer'd", "speech", "unburden'd", "daughters", "love"));
  }

  @Test
  public void bundledExcerptIsOnTheClasspath() throws Exception {
    List<String> lines =
        Files.readAllLines(
            InputOption.copyResource(WindowedWordCount.BUNDLED_INPUT), StandardCharsets.UTF_8);
    assertThat(lines.size(), equalTo(63));
    assertThat(lines.get(0), equalTo("LEAR. Attend the lords of France and Burgundy, Gloucester."));
  }

  @Test
  public void commandLinePrintsSortedCountsOnBothRunners() throws Exception {
    File input = tmp.newFile("input.txt");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      text.append(i < 5 ? "Early bird\n" : "late bird\n");
    }
    Files.writeString(input.toPath(), text, StandardCharsets.UTF_8);
    for (String runner : new String[] {"MicroBatchRunner", "DirectRunner"}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream stdout = System.out;
      int code;
      // The job prints from inside the pipeline, to System.out.
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      try {
        code =
            Main.execute(
                new String[] {
                  "windowed-wordcount",
                  "--runner=" + runner,
                  "--input",
                  input.toString(),
                  "--window=5 minutes"
                },
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
      } finally {
        System.setOut(stdout);
      }
      assertThat(err.toString(StandardCharsets.UTF_8), code, equalTo(0));
      assertThat(
          out.toString(StandardCharsets.UTF_8),
          equalTo(
              "[2024-01-01T00:00:00.000Z..2024-01-01T00:05:00.000Z) bird: 5\n"
                  + "[2024-01-01T00:00:00.000Z..2024-01-01T00:05:00.000Z) early: 5\n"
                  + "[2024-01-01T00:05:00.000Z..2024-01-01T00:10:00.000Z) bird: 2\n"
                  + "[2024-01-01T00:05:00.000Z..2024-01-01T00:10:00.000Z) late: 2\n"));
    }
  }
}
