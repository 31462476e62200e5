package dev.sluice.examples.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.sluice.dstream.Durations;
import dev.sluice.dstream.StreamingContext;
import dev.sluice.examples.Main;
import dev.sluice.examples.Run;
import dev.sluice.examples.cli.InputOption;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link PopularHashtags}: every window's counts equal a recount of the tweets of the batches it
 * covers, sorted by count, on both runners; and the command line end to end.
 */
@RunWith(JUnit4.class)
public class PopularHashtagsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void batchesHoldTheNonBlankTweetsInOrder() {
    assertThat(
        new ArrayList<>(PopularHashtags.batches(List.of("a", "", "b", "c", " ", "d", "e"), 2)),
        equalTo(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e"))));
  }

  @Test
  public void windowsEqualARecountOnBothRunners() throws Exception {
    List<String> tweets =
        Files.readAllLines(
            InputOption.copyResource(PopularHashtags.BUNDLED_TWEETS), StandardCharsets.UTF_8);
    Queue<List<String>> batches = PopularHashtags.batches(tweets.subList(0, 24), 3);
    List<List<String>> script = new ArrayList<>(batches);
    for (String runner : new String[] {"MicroBatchRunner", "DirectRunner"}) {
      StreamingContext ssc =
          new StreamingContext(
              StreamingContext.options("--runner=" + runner), Durations.seconds(1));
      ssc.checkpoint(tmp.newFolder().toString());
      Collected<KV<String, Integer>> sorted =
          Collected.of(
              PopularHashtags.popular(
                  ssc.queueStream(PopularHashtags.batches(tweets.subList(0, 24), 3)),
                  Durations.seconds(4),
                  Durations.seconds(2)));
      ssc.start();
      boolean ended = ssc.awaitTerminationOrTimeout(Run.HANG_GUARD_MILLIS);
      ssc.stop();
      org.junit.Assert.assertTrue(runner + ": the job did not end within the hang guard", ended);

      Map<Long, Map<String, Integer>> actual = new TreeMap<>();
      sorted
          .batches()
          .forEach(
              (time, batch) -> {
                Map<String, Integer> counts = new HashMap<>();
                int previous = Integer.MAX_VALUE;
                for (KV<String, Integer> kv : batch) {
                  assertThat(
                      "sorted, highest first", previous, greaterThanOrEqualTo(kv.getValue()));
                  previous = kv.getValue();
                  counts.put(kv.getKey(), kv.getValue());
                }
                actual.put(time, counts);
              });
      assertThat(runner, actual, equalTo(recount(script, 4000, 2000)));
    }
  }

  /** For each window end T (every slide), the hashtags of the batches ending in (T - window, T]. */
  private static Map<Long, Map<String, Integer>> recount(
      List<List<String>> batches, long window, long slide) {
    Map<Long, Map<String, Integer>> windows = new TreeMap<>();
    for (long end = slide; end <= batches.size() * 1000L + window; end += slide) {
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < batches.size(); i++) {
        long batchEnd = (i + 1) * 1000L;
        if (batchEnd > end - window && batchEnd <= end) {
          for (String tweet : batches.get(i)) {
            for (String word : tweet.split(" ")) {
              if (word.startsWith("#")) {
                counts.merge(word, 1, Integer::sum);
              }
            }
          }
        }
      }
      if (!counts.isEmpty()) {
        windows.put(end, counts);
      }
    }
    return windows;
  }

  @Test
  public void commandLinePrintsTheSortedWindows() throws Exception {
    File tweets = tmp.newFile("tweets.txt");
    Files.writeString(
        tweets.toPath(), "#a hello #b\n#a again\n\n#c #b\n#b #b\n", StandardCharsets.UTF_8);
    Run run =
        Run.of(
            "hashtags",
            "--input=" + tweets,
            "--tweets-per-batch=2",
            "--window=2s",
            "--checkpoint=" + tmp.newFolder());
    assertThat(run.toString(), run.code, equalTo(0));
    // Batch 1: "#a hello #b", "#a again"; batch 2: "#c #b", "#b #b". Windows of 2 s every 1 s;
    // no two counts of a window are equal, so the order is the same on every run.
    String dashes = "-------------------------------------------\n";
    assertThat(
        run.out,
        equalTo(
            dashes
                + "Time: 1000 ms\n"
                + dashes
                + "(#a,2)\n(#b,1)\n\n"
                + dashes
                + "Time: 2000 ms\n"
                + dashes
                + "(#b,4)\n(#a,2)\n(#c,1)\n\n"
                + dashes
                + "Time: 3000 ms\n"
                + dashes
                + "(#b,3)\n(#c,1)\n\n"));
  }

  @Test
  public void windowThatIsNoMultipleOfTheBatchIntervalIsAUsageError() {
    Run run = Run.of("hashtags", "--window=1500ms");
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(run.err, containsString("--window and --slide must be multiples of"));
  }
}
