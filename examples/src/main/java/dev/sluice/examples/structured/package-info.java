/**
 * Examples written with the Structured Streaming facade ({@code dev.sluice.structured}), the way
 * Spark's Structured Streaming programs are written: {@code readStream} → DataFrame operations →
 * {@code writeStream}.
 *
 * <pre>{@code
 * java -jar examples/target/sluice-examples.jar mobile
 * java -jar examples/target/sluice-examples.jar watermark --runner=DirectRunner
 * }</pre>
 */
package dev.sluice.examples.structured;
