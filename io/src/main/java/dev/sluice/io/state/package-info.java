/**
 * Versioned key→value state of one shard of a stateful operator, kept incrementally in a checkpoint
 * (Spark's state store): {@link dev.sluice.io.state.StateStoreProvider} (pick {@code heap} or
 * {@code rocksdb} with {@link dev.sluice.io.state.StateStoreConf}), {@link
 * dev.sluice.io.state.StateStore} (get, put, remove, scan, commit, abort, metrics) and {@link
 * dev.sluice.io.state.TypedStateStore} (keys and values through Beam coders).
 *
 * <p>Each commit writes only the keys it changed (a delta or changelog file), and a snapshot of the
 * whole state every {@code minDeltasForSnapshot} versions; any of the newest {@code
 * minBatchesToRetain} versions can be loaded in a fresh process from the files alone.
 *
 * <pre>{@code
 * try (StateStoreProvider provider = StateStoreProvider.open(
 *     CheckpointLayout.of("cp").state(0, 0), StateStoreConf.defaults())) {
 *   TypedStateStore<String, Long> counts = TypedStateStore.of(
 *       provider.getStore(provider.latestVersion()), StringUtf8Coder.of(), VarLongCoder.of());
 *   counts.put("a", 1L);
 *   counts.commit();
 * }
 * }</pre>
 */
package dev.sluice.io.state;
