/**
 * The sink contract of the streaming facades: {@link dev.sluice.io.sink.BatchSink}, one call per
 * micro-batch, idempotent per batch id. Implementations: {@link dev.sluice.io.console.ConsoleSink},
 * {@link dev.sluice.io.memory.MemorySink}, {@link dev.sluice.io.file.FileSink}.
 *
 * <pre>{@code
 * BatchSink sink = ConsoleSink.fromOptions(Map.of("truncate", "false"));
 * sink.addBatch(0, schema, rows);
 * }</pre>
 */
package dev.sluice.io.sink;
