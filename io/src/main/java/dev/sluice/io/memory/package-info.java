/**
 * In-memory streams and tables for tests, as Spark's: {@link dev.sluice.io.memory.MemoryStream}
 * feeds rows into a pipeline, {@link dev.sluice.io.memory.MemorySink} writes each batch to a {@link
 * dev.sluice.io.memory.MemoryTables} table named by the query.
 *
 * <pre>{@code
 * MemoryStream input = MemoryStream.of(DdlSchema.parse("value INT"));
 * p.apply(input.read());
 * input.addValues(1, 2, 3);
 * BatchSink sink = MemorySink.of("counts", "complete");
 * MemoryTables.get("counts").rows();
 * }</pre>
 */
package dev.sluice.io.memory;
