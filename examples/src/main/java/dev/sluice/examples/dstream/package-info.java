/**
 * Examples written with the DStream facade ({@code dev.sluice.dstream}, Spark Streaming's API):
 * {@link dev.sluice.examples.dstream.PopularHashtags}, {@link
 * dev.sluice.examples.dstream.LogMonitor}, and {@link dev.sluice.examples.dstream.NetworkWordCount}
 * (the DStream version of {@code wordcount-socket}).
 *
 * <pre>{@code
 * java -jar examples/target/sluice-examples.jar hashtags
 * }</pre>
 */
package dev.sluice.examples.dstream;
