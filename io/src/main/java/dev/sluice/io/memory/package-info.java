/**
 * In-memory streams and tables for tests, as Spark's: {@link dev.sluice.io.memory.MemoryStream}
 * feeds rows into a pipeline, {@link dev.sluice.io.memory.MemorySink} writes each batch to a {@link
 * dev.sluice.io.memory.MemoryTables} table named by the query. Both live in the driver's JVM and
 * are reached through the run's {@link dev.sluice.io.context.RunContext}: they work where the
 * pipeline runs in that JVM (MicroBatchRunner, the DirectRunner), as Spark's are driver-side.
 *
 * <pre>{@code
 * try (RunContext run = RunContext.open()) {
 *   MemoryStream input = MemoryStream.of(DdlSchema.parse("value INT"));
 *   p.apply(input.read(run));
 *   input.addValues(1, 2, 3);
 *   MemoryTables tables = new MemoryTables();
 *   tables.attachTo(run);
 *   BatchSink sink = MemorySink.of("counts", "complete", run.runId());
 *   tables.get("counts").rows();
 * }
 * }</pre>
 */
package dev.sluice.io.memory;
