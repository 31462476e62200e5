package dev.sluice.io.state;

import dev.sluice.io.checkpoint.CheckpointFiles;
import java.io.IOException;

/**
 * The state of one shard of one stateful operator, kept in a checkpoint directory ({@code
 * CheckpointLayout.state(operator, partition)}), as Spark's {@code StateStoreProvider}. Which
 * implementation is picked by {@link StateStoreConf#provider()}: {@code heap} or {@code rocksdb}.
 *
 * <p>Version {@code v} is the state after {@code v} commits (after batch {@code v - 1}); version 0
 * is empty. Any version among the newest {@code minBatchesToRetain} can be loaded, by this provider
 * or by a new one on the same directory (after a restart, on another worker): the files are the
 * truth, memory is a cache. Committing version {@code v + 1} from an older version {@code v} (a
 * batch run again after a restart) replaces the files of versions above {@code v}.
 *
 * <pre>{@code
 * try (StateStoreProvider provider =
 *     StateStoreProvider.open(CheckpointLayout.of("cp").state(0, 0), StateStoreConf.defaults())) {
 *   StateStore store = provider.getStore(provider.latestVersion());
 *   store.put(key, value);
 *   store.commit();
 * }
 * }</pre>
 */
public interface StateStoreProvider extends AutoCloseable {
  /**
   * The provider {@code conf} names, on the state directory at {@code location} (a local path or a
   * URI of a Beam file system). Deletes temporary files of killed writers.
   *
   * @throws IllegalStateException if the rocksdb store is picked and rocksdbjni is missing, or the
   *     directory holds another provider's files
   */
  static StateStoreProvider open(String location, StateStoreConf conf) throws IOException {
    return open(CheckpointFiles.of(location), conf);
  }

  /** As {@link #open(String, StateStoreConf)}, on {@code dir}. */
  static StateStoreProvider open(CheckpointFiles dir, StateStoreConf conf) throws IOException {
    if (conf.provider().equals(StateStoreConf.ROCKSDB)) {
      StateStoreConf.requireClass("org.rocksdb.RocksDB", StateStoreConf.ROCKSDB_ARTIFACT);
      return new RocksDbStateStoreProvider(dir, conf);
    }
    return new HeapStateStoreProvider(dir, conf);
  }

  /**
   * A store at {@code version}, loaded from the checkpoint unless it is the version this provider
   * holds.
   *
   * @throws IllegalStateException if a store of this provider is still open (commit or abort it)
   * @throws dev.sluice.io.checkpoint.CheckpointFileException if the version cannot be loaded: a
   *     file is missing, corrupt or of a newer Sluice
   */
  StateStore getStore(long version) throws IOException;

  /** The newest version in the checkpoint (0 if none). */
  long latestVersion() throws IOException;

  /** The checkpoint directory of this shard. */
  CheckpointFiles directory();

  /** Releases memory, native resources and local working files. */
  @Override
  void close() throws IOException;
}
