/**
 * Static reads and writes behind {@code session.read()} and {@code df.write()}: {@link
 * dev.sluice.structured.internal.batch.BatchReads} makes static frames of files and JDBC tables,
 * {@link dev.sluice.structured.internal.batch.BatchWrites} writes them with Spark's save modes,
 * {@link dev.sluice.structured.internal.batch.StreamingRefusals} says why a batch-only source or
 * sink cannot be streamed and what to do instead.
 */
package dev.sluice.structured.internal.batch;
