/**
 * The contract between Sluice's streaming sources and the facades: <em>logical micro-batches
 * carried by the data</em>.
 *
 * <p>A source groups its input into batches the way Spark's source would for the query's trigger
 * ({@link dev.sluice.io.stream.BatchTrigger}) and emits a {@code PCollection<Batched<Row>>}: the
 * records of batch {@code n}, each timestamped {@link
 * dev.sluice.io.stream.Batched#timestampOf(long) timestampOf(n)}, then one {@link
 * dev.sluice.io.stream.BatchEnd} marker for batch {@code n} with the same timestamp. The source's
 * watermark is {@code timestampOf(n)} while batch {@code n} is open and {@code timestampOf(n + 1)}
 * once its end marker is out, so on every Beam runner an event-time timer set at {@code
 * timestampOf(n)} fires exactly when batch {@code n} is complete. Because the batches are decided
 * by the source and not by the runner, batch-by-batch results are the same on MicroBatchRunner, the
 * DirectRunner and distributed runners.
 *
 * <p>For source authors: {@link dev.sluice.io.stream.BatchedSource} and {@link
 * dev.sluice.io.stream.BatchingReader} implement the contract (batch sequence per trigger, markers,
 * watermark, checkpoints that let a runner close and re-create readers at any element); a source
 * supplies only "take the new input" and "next record". {@link dev.sluice.io.stream.SourceStatus}
 * is what sources built with a {@link dev.sluice.io.stream.StatusKey} report to their run's {@link
 * dev.sluice.io.context.RunContext} for {@code processAllAvailable()}.
 *
 * <pre>{@code
 * PCollection<Batched<Row>> events =
 *     pipeline.apply(FileStreamSource.json(schema, "in/").withMaxFilesPerTrigger(1)
 *         .withTrigger(BatchTrigger.availableNow()));
 * }</pre>
 */
package dev.sluice.io.stream;
