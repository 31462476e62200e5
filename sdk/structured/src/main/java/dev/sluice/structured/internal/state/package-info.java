/**
 * The stateful operators (internal): streaming aggregation (with pre-aggregation), session windows,
 * dropDuplicates and stream-stream joins as keyed Beam {@code DoFn}s with per-shard state,
 * snapshotted per batch for restarts.
 *
 * <pre>{@code
 * PCollection<StreamElement> counts = keyed.apply(ParDo.of(new AggregateFn(spec)));
 * }</pre>
 */
package dev.sluice.structured.internal.state;
