package dev.sluice.runners.microbatch.benchmarks;

import java.util.List;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Options of {@link Benchmarks}, parsed like Beam options:
 *
 * <pre>{@code
 * --workloads=W1,W2 --scale=0.25 --runs=3 --warmups=1 --w5Seconds=60
 * --microBatchArgs=--parallelism=2,--maxRecordsPerBatch=100000 --directArgs=--targetParallelism=2
 * }</pre>
 */
public interface BenchmarkOptions extends PipelineOptions {
  @Description("Comma-separated workloads to run, from W1,W2,W3,W4,W5.")
  @Default.String("W1,W2,W3,W4,W5")
  String getWorkloads();

  void setWorkloads(String workloads);

  @Description(
      "Multiplies the default input sizes of W1-W4 (4M events in 40 files; 10M KVs over 1M keys).")
  @Default.Double(1.0)
  double getScale();

  void setScale(double scale);

  @Description(
      "Per-workload multipliers applied on top of --scale, as NAME=factor, comma-separated. The"
          + " default shrinks W2 to 1M KVs over 100K keys: DirectRunner needs about 2.6 GB of live"
          + " heap per 1M KVs of W2, so the full 10M KVs do not fit a 24 GB machine. Use W2=1 for"
          + " the full size (e.g. with --runners=MicroBatchRunner).")
  @Default.String("W2=0.1")
  String getWorkloadScale();

  void setWorkloadScale(String multipliers);

  @Description("Measured runs per workload and runner; the table shows the median.")
  @Default.Integer(3)
  int getRuns();

  void setRuns(int runs);

  @Description("Unmeasured warm-up runs per workload and runner, before the measured runs.")
  @Default.Integer(1)
  int getWarmups();

  void setWarmups(int warmups);

  @Description("Seconds of W5's measured run.")
  @Default.Integer(60)
  int getW5Seconds();

  void setW5Seconds(int seconds);

  @Description("Seconds of W5's warm-up run (0: none).")
  @Default.Integer(10)
  int getW5WarmupSeconds();

  void setW5WarmupSeconds(int seconds);

  @Description("Events per second of W5's source.")
  @Default.Integer(1000)
  int getW5Rate();

  void setW5Rate(int rate);

  @Description(
      "Comma-separated runners: MicroBatchRunner, DirectRunner, and PlainJava (a hand-written"
          + " multi-threaded Java loop computing the same result, for W1 only).")
  @Default.String("MicroBatchRunner,DirectRunner,PlainJava")
  String getRunners();

  void setRunners(String runners);

  @Description("Extra options for MicroBatchRunner pipelines, comma-separated.")
  @Default.InstanceFactory(EmptyList.class)
  List<String> getMicroBatchArgs();

  void setMicroBatchArgs(List<String> args);

  @Description("Extra options for DirectRunner pipelines, comma-separated.")
  @Default.InstanceFactory(EmptyList.class)
  List<String> getDirectArgs();

  void setDirectArgs(List<String> args);

  @Description(
      "Directory for generated input, kept between invocations. Default:"
          + " <java.io.tmpdir>/sluice-benchmarks.")
  String getDataDir();

  void setDataDir(String dir);

  @Description("Seed of the generated input.")
  @Default.Long(42L)
  long getSeed();

  void setSeed(long seed);

  /**
   * An empty list, the default of the extra-argument options.
   *
   * <pre>{@code
   * List<String> args = options.getMicroBatchArgs(); // [] unless --microBatchArgs was given
   * }</pre>
   */
  class EmptyList implements org.apache.beam.sdk.options.DefaultValueFactory<List<String>> {
    @Override
    public List<String> create(PipelineOptions options) {
      return List.of();
    }
  }
}
