package dev.sluice.io.state;

/**
 * What one version of a {@link StateStore} did, as Spark's {@code stateOperators} progress reports
 * it: rows in the store after the version ({@code numRowsTotal}), rows put and rows removed in it,
 * memory the store holds, time its commit took, and the bytes its commit wrote to the checkpoint
 * (the change file, plus a snapshot when one was due).
 *
 * <pre>{@code
 * long version = store.commit();
 * StateStoreMetrics m = store.metrics();
 * LOG.info("{} rows, {} updated, {} bytes written", m.numRowsTotal(), m.numRowsUpdated(),
 *     m.checkpointBytesWritten());
 * }</pre>
 */
public record StateStoreMetrics(
    long numRowsTotal,
    long numRowsUpdated,
    long numRowsRemoved,
    long memoryUsedBytes,
    long commitTimeMs,
    long checkpointBytesWritten) {}
