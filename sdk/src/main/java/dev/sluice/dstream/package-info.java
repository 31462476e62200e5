/**
 * Spark Streaming's classic API ({@code StreamingContext}, {@code DStream}, {@code PairDStream})
 * compiled to Beam transforms and run on {@code MicroBatchRunner} (or any Beam runner).
 *
 * <pre>{@code
 * StreamingContext ssc = new StreamingContext("hashtags", Durations.seconds(1));
 * ssc.checkpoint("checkpoint_dir");
 * ssc.socketTextStream("localhost", 9999)
 *     .flatMap(text -> Arrays.asList(text.split(" ")).iterator())
 *     .filter(word -> word.startsWith("#"))
 *     .mapToPair(tag -> KV.of(tag, 1))
 *     .reduceByKeyAndWindow((a, b) -> a + b, (a, b) -> a - b,
 *         Durations.seconds(300), Durations.seconds(1))
 *     .transform(batch -> batch.sortBy(kv -> kv.getValue(), false))
 *     .print();
 * ssc.start();
 * ssc.awaitTermination();
 * }</pre>
 *
 * <p>Mapping: a batch is a Beam fixed window of the batch interval whose end is the batch time;
 * per-batch operations group per window; windowed operations use sliding windows (or, with an
 * inverse function, a stateful DoFn) and come back to batch windows; state across batches lives in
 * stateful DoFns with one event-time timer per batch.
 */
package dev.sluice.dstream;
