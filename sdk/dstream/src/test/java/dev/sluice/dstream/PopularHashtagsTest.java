package dev.sluice.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * The seed's popular-hashtags job: {@code reduceByKeyAndWindow(+, -, 300 s, 1 s)} over a bundled
 * sample of tweets, sorted by count through {@code transform} and printed. Every window must equal
 * a brute-force recount of the hashtags of the batches it covers.
 */
@RunWith(Parameterized.class)
public class PopularHashtagsTest {
  /**
   * Enough batches for windows to fill and slide past data on MicroBatchRunner; fewer on the
   * DirectRunner, where the windows after the last batch still exercise the inverse function.
   */
  private int batchCount() {
    return runner.equals("MicroBatchRunner") ? 330 : 40;
  }

  private static final long WINDOW = 300_000;

  @Parameterized.Parameters(name = "{0}")
  public static Object[] runners() {
    return Jobs.RUNNERS.toArray();
  }

  @Parameterized.Parameter public String runner;

  private List<List<String>> tweetBatches() throws IOException {
    List<String> tweets;
    try (InputStream in = PopularHashtagsTest.class.getResourceAsStream("tweets.txt")) {
      tweets = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
    List<List<String>> batches = new ArrayList<>();
    for (int i = 0; i < batchCount(); i++) {
      List<String> batch = new ArrayList<>();
      for (int j = 0; j < (i * 7) % 4; j++) {
        batch.add(tweets.get((i * 3 + j * 11) % tweets.size()));
      }
      batches.add(batch);
    }
    return batches;
  }

  @Test
  public void windowedCountsEqualABruteForceRecount() throws IOException {
    List<List<String>> batches = tweetBatches();
    StreamingContext ssc = Jobs.context(runner, Durations.seconds(1));
    ByteArrayOutputStream out = Jobs.capture(ssc);
    DStream<String> statuses = ssc.queueStream(new ArrayDeque<>(batches));
    DStream<String> tweetwords =
        statuses.flatMap(text -> Arrays.asList(text.split(" ")).iterator());
    DStream<String> hashtags = tweetwords.filter(word -> word.startsWith("#"));
    PairDStream<String, Integer> hashtagKeyValues = hashtags.mapToPair(tag -> KV.of(tag, 1));
    PairDStream<String, Integer> hashtagCounts =
        hashtagKeyValues.reduceByKeyAndWindow(
            (x, y) -> x + y, (x, y) -> x - y, Durations.seconds(300), Durations.seconds(1));
    DStream<KV<String, Integer>> sortedResults =
        hashtagCounts.transform(rdd -> rdd.sortBy(x -> x.getValue(), false));
    sortedResults.print();
    String sorted = Jobs.collect(sortedResults);
    Jobs.runToEnd(ssc);

    Map<Long, Map<String, Integer>> expected = bruteForce(batches);
    Map<Long, List<Object>> actual = Jobs.results(sorted);
    Map<Long, Map<String, Integer>> actualCounts = new TreeMap<>();
    for (Map.Entry<Long, List<Object>> batch : actual.entrySet()) {
      Map<String, Integer> counts = new HashMap<>();
      int previous = Integer.MAX_VALUE;
      for (Object element : batch.getValue()) {
        @SuppressWarnings("unchecked")
        KV<String, Integer> kv = (KV<String, Integer>) element;
        assertThat("sorted by count, descending", previous, greaterThanOrEqualTo(kv.getValue()));
        previous = kv.getValue();
        counts.put(kv.getKey(), kv.getValue());
      }
      actualCounts.put(batch.getKey(), counts);
    }
    assertThat(actualCounts, equalTo(expected));
    assertThat(out.toString(StandardCharsets.UTF_8), containsString("Time: 2000 ms\n"));
  }

  /** For each window end T (every second), the hashtags of batches ending in (T - 300 s, T]. */
  private static Map<Long, Map<String, Integer>> bruteForce(List<List<String>> batches) {
    Map<Long, Map<String, Integer>> windows = new TreeMap<>();
    for (long end = 1000; end <= batches.size() * 1000L + WINDOW; end += 1000) {
      Map<String, Integer> counts = new HashMap<>();
      for (int i = 0; i < batches.size(); i++) {
        long batchEnd = (i + 1) * 1000L;
        if (batchEnd > end - WINDOW && batchEnd <= end) {
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
}
