/**
 * Sluice's runnable examples, one per scenario, behind one command line ({@link
 * dev.sluice.examples.Main}): {@code beam} holds those written with the plain Beam SDK, {@code
 * dstream} those written with the DStream facade; {@code cli} is the command line and {@code
 * support} what examples share.
 *
 * <pre>{@code
 * mvn -B -q install -DskipTests
 * java -jar examples/target/sluice-examples.jar --help
 * java -jar examples/target/sluice-examples.jar hashtags
 * }</pre>
 */
package dev.sluice.examples;
