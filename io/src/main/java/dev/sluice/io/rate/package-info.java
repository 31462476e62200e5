/**
 * Spark's rate source: generated {@code timestamp, value} rows at a fixed rate.
 *
 * <pre>{@code
 * p.apply(RateSource.create().withRowsPerSecond(10).withTrigger(BatchTrigger.processingTime(1000)));
 * }</pre>
 */
package dev.sluice.io.rate;
