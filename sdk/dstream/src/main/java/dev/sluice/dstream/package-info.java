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
 * <h2>Mapping to Beam</h2>
 *
 * <p>A batch is a Beam fixed window of the batch interval whose end is the batch time; per-batch
 * operations group per window; windowed operations use sliding windows (or, with an inverse
 * function, a stateful DoFn) and come back to batch windows; state across batches lives in stateful
 * DoFns ({@code KeyedBatchFn}) with one event-time timer per key and batch.
 *
 * <h2>Operations</h2>
 *
 * <ul>
 *   <li>{@link dev.sluice.dstream.DStream}: {@code map}, {@code flatMap}, {@code filter}, {@code
 *       mapToPair}, {@code flatMapToPair}, {@code mapPartitions} (one partition per batch), {@code
 *       union}, {@code count}, {@code countByValue}, {@code reduce}, {@code transform}, {@code
 *       transformToPair}, {@code foreachRDD}, {@code window}, {@code countByWindow}, {@code
 *       reduceByWindow} (plain and incremental), {@code countByValueAndWindow}, {@code print},
 *       {@code saveAsTextFiles}, {@code checkpoint(interval)}; {@code repartition}, {@code cache}
 *       and {@code persist} return the stream unchanged (Beam runners partition and cache by
 *       themselves).
 *   <li>{@link dev.sluice.dstream.PairDStream}: {@code mapValues}, {@code flatMapValues}, {@code
 *       reduceByKey}, {@code groupByKey}, {@code join}, {@code leftOuterJoin}, {@code
 *       rightOuterJoin}, {@code fullOuterJoin}, {@code cogroup}, {@code groupByKeyAndWindow},
 *       {@code reduceByKeyAndWindow} (plain, incremental, incremental with {@code filterFunc}),
 *       {@code updateStateByKey}, {@code mapWithState} (whose result, a {@link
 *       dev.sluice.dstream.MapWithStateDStream}, has {@code stateSnapshots()}).
 * </ul>
 *
 * <h2>Empty batches</h2>
 *
 * <p>As in Spark, every batch exists whether or not it has data: {@code print()} prints the header
 * of an empty batch, {@code foreachRDD} and {@code transform} run on it (with an empty {@link
 * dev.sluice.dstream.Batch}), {@code saveAsTextFiles} writes its directory and {@code count()} says
 * 0. Beam has no element for a window without data, so the facade adds one tick per batch (per
 * slide, for windowed streams) to these operations: for a live context a clock source ticks from
 * the batch the job starts in for as long as it runs; for a scripted one ({@code queueStream},
 * {@code testStream}) the ticks cover its batches and windows, so its output is the same on every
 * run. Element-wise operations and keyed aggregations see no ticks.
 *
 * <h2>Checkpoints and recovery</h2>
 *
 * <p>With {@link dev.sluice.dstream.StreamingContext#checkpoint(String)} set, the job writes a file
 * {@code checkpoint-<batch time>} into that directory at every checkpoint batch (by default every
 * 10 s or the next multiple of the stateful operations' slides, as Spark; {@code
 * DStream.checkpoint(interval)} changes it), atomically (temporary file, forced, renamed), keeping
 * the newest three. A file holds, as of its batch: every key's state of every stateful operation
 * ({@code updateStateByKey}, {@code mapWithState}, the incremental {@code reduceByKeyAndWindow} and
 * {@code reduceByWindow}), the files each {@code textFileStream} has read, and the graph (those
 * operations and sources in definition order). Each stateful DoFn reports its keys' state after
 * every batch; one writer, visited once per batch after the operations' timers, collects them, so a
 * file is complete by construction.
 *
 * <p>{@link dev.sluice.dstream.StreamingContext#getOrCreate} reads the newest file and calls the
 * factory to rebuild the graph (unlike Spark, which deserializes the graph: Java lambdas cannot be
 * restored reliably), feeding each operation its saved state and each {@code textFileStream} its
 * read files. The job resumes after the checkpoint's batch: state operations run the batches missed
 * while the job was down (with no new data, as Spark does), files not read by then (including those
 * added meanwhile) are read now, so nothing is counted twice or lost. A checkpoint written by
 * another graph fails with a message naming both graphs. Not recoverable: {@code queueStream} and
 * {@code testStream} (refused, as Spark refuses to checkpoint queue streams); {@code
 * socketTextStream} and {@code receiverStream} resume from wherever their source stands (lines
 * delivered after the checkpoint and before the stop are lost, as in Spark without a write-ahead
 * log).
 *
 * <h2>What needs the driver's JVM</h2>
 *
 * <p>A context's driver-side objects live in its run ({@code internal.StreamingRun}), registered in
 * io's {@link dev.sluice.io.context.RunContext} lookup under the context's id when {@link
 * dev.sluice.dstream.StreamingContext#start} runs and removed when {@link
 * dev.sluice.dstream.StreamingContext#stop} runs or the job ends: the stream {@link
 * dev.sluice.dstream.StreamingContext#printTo} gave, the errors receivers recovered from ({@link
 * dev.sluice.dstream.StreamingContext#receiverErrors}), and the socket receivers running, which
 * {@code stop()} closes (the DirectRunner does not close readers of a cancelled pipeline). The
 * pipeline finds the run by the context's id, which works where it runs in the driver's JVM
 * (MicroBatchRunner, the DirectRunner). On a runner that runs it elsewhere: {@code print()} writes
 * to the workers' {@code System.out} (Spark prints on the driver), receiver errors are only in the
 * workers' logs ({@code receiverErrors()} stays empty), and receivers close when the runner closes
 * its readers on cancel. Checkpoint files are written by the pipeline itself to the checkpoint
 * directory, which must then be one the driver and the workers share.
 *
 * <h2>Differences from Spark and gaps</h2>
 *
 * <ul>
 *   <li>The incremental {@code reduceByKeyAndWindow} drops a key once its window holds no data
 *       (Spark keeps emitting the inverse-reduced value, e.g. 0, unless a filter is given).
 *   <li>{@code DStream.checkpoint(interval)} sets one interval for the whole context.
 *   <li>Stateful operations report every key's state every batch (the records of batches that are
 *       not checkpointed are dropped before the writer): cost grows with the number of keys.
 *   <li>Not implemented: {@code StateSpec.initialState}, {@code updateStateByKey} with an initial
 *       state or partitioner, {@code combineByKey}, {@code slice}, {@code saveAsObjectFiles}/{@code
 *       saveAsHadoopFiles}, {@code fileStream} with a key/value input format, {@code
 *       binaryRecordsStream}, Kafka/Kinesis receivers (use any Beam source via {@code
 *       receiverStream}), the Spark UI and listener API, graceful stop ({@code stop} cancels after
 *       the current batch).
 * </ul>
 */
package dev.sluice.dstream;
