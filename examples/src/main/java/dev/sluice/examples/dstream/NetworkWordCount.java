package dev.sluice.examples.dstream;

import dev.sluice.dstream.DStream;
import dev.sluice.dstream.PairDStream;
import java.util.Arrays;
import org.apache.beam.sdk.values.KV;

/**
 * The DStream version of {@code wordcount-socket} (seed 000's socket streaming): split each line on
 * spaces and count the words of every batch.
 *
 * <pre>{@code
 * StreamingContext ssc = new StreamingContext("wordcount", Durations.seconds(1));
 * NetworkWordCount.counts(ssc.socketTextStream("localhost", 9999)).print();
 * ssc.start();
 * ssc.awaitTermination();
 * }</pre>
 */
public final class NetworkWordCount {
  private NetworkWordCount() {}

  /** The count of each word (split on single spaces, as the seed does) in every batch. */
  public static PairDStream<String, Integer> counts(DStream<String> lines) {
    DStream<String> words = lines.flatMap(line -> Arrays.asList(line.split(" ")).iterator());
    return words.mapToPair(word -> KV.of(word, 1)).reduceByKey((a, b) -> a + b);
  }
}
