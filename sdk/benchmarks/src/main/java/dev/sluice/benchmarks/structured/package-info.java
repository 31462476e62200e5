/**
 * Throughput probes of the Structured Streaming facade: {@link
 * dev.sluice.benchmarks.structured.BenchEvents} writes the input, {@link
 * dev.sluice.benchmarks.structured.StructuredBench} runs the query over it and prints rows per
 * second. Run on request (this module's README), never by {@code mvn verify}.
 */
package dev.sluice.benchmarks.structured;
