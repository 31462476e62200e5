/**
 * Runnable example jobs, written against the plain Beam SDK and run on the MicroBatchRunner.
 *
 * <pre>{@code
 * mvn -B -q install -DskipTests
 * mvn -B -q -pl examples exec:java
 * }</pre>
 */
package dev.sluice.examples;
