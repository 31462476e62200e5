/**
 * A probe of the Structured facade's state stores: {@link
 * dev.sluice.benchmarks.state.StateStoreBench} loads many keys into a counting query's state and
 * measures what each batch touching a few of them adds to the checkpoint. Run on request ({@code
 * docs/state-stores.md}), never by {@code mvn verify}.
 *
 * <pre>{@code
 * System.out.println(StateStoreBench.run("rocksdb", 1_000_000, 1, 10, Paths.get("/tmp/sb")).table());
 * }</pre>
 */
package dev.sluice.benchmarks.state;
