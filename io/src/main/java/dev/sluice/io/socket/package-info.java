/**
 * Spark's socket source: lines of a TCP server as micro-batches of {@code value STRING} rows.
 *
 * <pre>{@code
 * p.apply(SocketSource.of("localhost", 9999).withTrigger(BatchTrigger.processingTime(1000)));
 * }</pre>
 */
package dev.sluice.io.socket;
