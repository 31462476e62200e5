/**
 * The stateful operators (internal): streaming aggregation (with pre-aggregation), session windows,
 * dropDuplicates and stream-stream joins as keyed Beam {@code DoFn}s ({@link
 * dev.sluice.structured.internal.state.StatefulOperatorFn}) whose shards keep their per-key state
 * in an io state store under the checkpoint ({@link
 * dev.sluice.structured.internal.state.ShardStores}, a delta per batch) or, without a checkpoint
 * location, in Beam state the runner keeps ({@link
 * dev.sluice.structured.internal.state.RunnerShardState}).
 *
 * <pre>{@code
 * PCollection<StreamElement> counts = keyed.apply(ParDo.of(new AggregateFn(spec)));
 * }</pre>
 */
package dev.sluice.structured.internal.state;
