/**
 * Event-time watermarks of the Structured facade (internal): per-batch event-time statistics, the
 * watermark of each {@code withWatermark} (max event time minus delay, never moving back) and how
 * it reaches the stateful operators.
 *
 * <pre>{@code
 * WatermarkTracker tracker = new WatermarkTracker(delays);
 * }</pre>
 */
package dev.sluice.structured.internal.watermark;
