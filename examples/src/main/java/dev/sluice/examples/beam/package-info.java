/**
 * Examples written with the plain Beam SDK: {@link dev.sluice.examples.beam.WindowedWordCount}.
 *
 * <pre>{@code
 * java -jar examples/target/sluice-examples.jar windowed-wordcount --window=5min
 * }</pre>
 */
package dev.sluice.examples.beam;
