package dev.sluice.structured.internal.state;

import dev.sluice.io.state.StateStore;
import dev.sluice.io.state.StateStoreProvider;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The state store providers one instance of a stateful operator's function has open, one per shard
 * it has processed (each opened on first use, closed at teardown), and how a shard finds its
 * version when a run starts.
 *
 * <p>Within a run the shard's version is runner state (the function keeps it in a Beam {@code
 * ValueState}), so a provider that holds that version in memory serves it directly and any other
 * provider of the shard (another function instance, another worker) loads it from the files. At the
 * first batch of a run there is none yet: the shard loads the newest version whose batch is at most
 * the query's last committed batch (each version records its batch), so the batch a killed run had
 * not committed is run again from the state before it, and its commit replaces the newer files that
 * run left.
 * <!-- given: StateLocation location; -->
 *
 * <pre>{@code
 * try (ShardStores stores = new ShardStores(location)) {
 *   StoreShardState state = stores.open(0, null);   // the first batch of this run
 *   state.commit();
 * }
 * }</pre>
 */
public final class ShardStores implements AutoCloseable {
  private final StateLocation location;
  private final Map<Integer, StateStoreProvider> providers = new HashMap<>();

  public ShardStores(StateLocation location) {
    this.location = location;
  }

  /**
   * Shard {@code shard}'s state at {@code version}, or, if null (the shard's first batch in this
   * run), at the version of the last committed batch.
   */
  public StoreShardState open(int shard, @Nullable Long version) throws IOException {
    StateStoreProvider provider = providers.get(shard);
    if (provider == null) {
      provider = StateStoreProvider.open(location.shardDirectory(shard), location.conf());
      providers.put(shard, provider);
    }
    return new StoreShardState(
        version != null ? provider.getStore(version) : resume(provider, shard));
  }

  private StateStore resume(StateStoreProvider provider, int shard) throws IOException {
    long after = location.resumeAfter();
    if (after < 0) {
      return provider.getStore(0); // a fresh start; files of a run cut short get replaced
    }
    long latest = provider.latestVersion();
    if (latest == 0) {
      throw new IllegalStateException(
          "The checkpoint "
              + location.checkpointRoot()
              + " has no state for stateful operator "
              + location.operator()
              + " (shard "
              + shard
              + ", expected in "
              + location.shardDirectory(shard)
              + ") although batches were committed: it was written by an older Sluice (whole"
              + " state snapshots under state/<step name>) or its state files were removed."
              + " Restart the query with a new checkpoint location");
    }
    for (long v = latest; v > 0; v--) {
      StateStore store = provider.getStore(v);
      byte[] meta = store.get(StatefulOperatorFn.META_KEY);
      if (meta != null && StatefulOperatorFn.batchOf(meta) <= after) {
        return store;
      }
      store.abort();
    }
    return provider.getStore(0);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (StateStoreProvider provider : providers.values()) {
      try {
        provider.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    providers.clear();
    if (first != null) {
      throw first;
    }
  }
}
