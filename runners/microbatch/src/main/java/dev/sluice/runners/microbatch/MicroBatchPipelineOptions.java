package dev.sluice.runners.microbatch;

import org.apache.beam.sdk.options.ApplicationNameOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Options of the {@link MicroBatchRunner}.
 *
 * <p>Every option has a default that suits a laptop; set them on the command line like any Beam
 * option:
 *
 * <pre>{@code
 * java -cp app.jar com.example.Main --runner=MicroBatchRunner \
 *     --parallelism=4 --maxRecordsPerBatch=50000 --batchIntervalMillis=1000
 * }</pre>
 *
 * <p>or in code:
 *
 * <pre>{@code
 * MicroBatchPipelineOptions options = PipelineOptionsFactory.as(MicroBatchPipelineOptions.class);
 * options.setRunner(MicroBatchRunner.class);
 * options.setBatchIntervalMillis(1000L);
 * Pipeline.create(options).apply(...);
 * }</pre>
 */
public interface MicroBatchPipelineOptions
    extends PipelineOptions, ApplicationNameOptions, StreamingOptions {

  @Description(
      "Number of worker threads that run each batch. Keyed work is hash-partitioned over this many"
          + " partitions. Default: the number of available processors.")
  @Default.InstanceFactory(AvailableProcessorsFactory.class)
  int getParallelism();

  void setParallelism(int parallelism);

  @Description(
      "Upper bound on the records one batch reads from each source (all of its splits together)."
          + " Must be at least 1.")
  @Default.Long(200_000L)
  long getMaxRecordsPerBatch();

  void setMaxRecordsPerBatch(long maxRecordsPerBatch);

  @Description(
      "Upper bound, in milliseconds, on the time one batch spends reading an unbounded source."
          + " Must be at least 1.")
  @Default.Long(100L)
  long getMaxReadTimeMillis();

  void setMaxReadTimeMillis(long maxReadTimeMillis);

  @Description(
      "Interval between batch starts in milliseconds. 0 starts the next batch as soon as the"
          + " previous one ends; N > 0 starts batches every N ms, and a batch that overruns is"
          + " followed immediately (Spark's processing-time trigger).")
  @Default.Long(0L)
  long getBatchIntervalMillis();

  void setBatchIntervalMillis(long batchIntervalMillis);

  @Description(
      "Longest time, in milliseconds, the runner sleeps when no source has data and no timer is"
          + " due. Shorter values lower latency at the cost of wake-ups.")
  @Default.Long(1L)
  long getIdleSleepMillis();

  void setIdleSleepMillis(long idleSleepMillis);

  @Description(
      "If true (the default), Pipeline.run() blocks until the pipeline finishes, as Beam's"
          + " DirectRunner does. Set to false to get the PipelineResult at once.")
  @Default.Boolean(true)
  boolean isBlockOnRun();

  void setBlockOnRun(boolean blockOnRun);

  /** The number of available processors, the default {@link #getParallelism()}. */
  class AvailableProcessorsFactory implements DefaultValueFactory<Integer> {
    @Override
    public Integer create(PipelineOptions options) {
      return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
  }
}
