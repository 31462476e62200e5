package dev.sluice.structured.internal.state;

import dev.sluice.io.state.StateEntry;
import dev.sluice.io.state.StateStore;
import dev.sluice.io.state.StateStoreMetrics;
import java.io.IOException;
import java.util.Iterator;
import javax.annotation.Nullable;

/**
 * A shard's state in a version of an io {@link StateStore} (a query with a checkpoint location):
 * reads and writes go to the store, {@link #commit()} writes the batch's delta (or changelog) to
 * {@code <checkpoint>/state/<operator>/<shard>/<version>} and makes version {@code version() + 1}.
 * <!-- given: dev.sluice.io.state.StateStoreProvider provider; -->
 *
 * <pre>{@code
 * ShardState state = new StoreShardState(provider.getStore(3));
 * state.commit();   // version 4
 * }</pre>
 */
public final class StoreShardState implements ShardState {
  private final StateStore store;

  public StoreShardState(StateStore store) {
    this.store = store;
  }

  /** The version the store was loaded at. */
  public long version() {
    return store.version();
  }

  @Override
  @Nullable
  public byte[] get(byte[] key) {
    return store.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    store.put(key, value);
  }

  @Override
  public void remove(byte[] key) {
    store.remove(key);
  }

  @Override
  public Iterator<StateEntry> scan(byte[] prefix) {
    return prefix.length == 0 ? store.iterator() : store.prefixScan(prefix);
  }

  @Override
  public StateStoreMetrics commit() throws IOException {
    store.commit();
    return store.metrics();
  }

  @Override
  public void abort() {
    store.abort();
  }
}
