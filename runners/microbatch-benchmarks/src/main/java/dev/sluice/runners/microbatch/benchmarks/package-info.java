/**
 * Benchmarks of the MicroBatchRunner against Beam's DirectRunner: workloads W1–W5, their input
 * generators, result digests and the {@link dev.sluice.runners.microbatch.benchmarks.Benchmarks}
 * harness.
 *
 * <pre>{@code
 * mvn -B -q install -DskipTests && mvn -B -q -pl runners/microbatch-benchmarks exec:exec \
 *     -Dbench.args="--workloads=W1,W2 --scale=0.25"
 * }</pre>
 */
package dev.sluice.runners.microbatch.benchmarks;
