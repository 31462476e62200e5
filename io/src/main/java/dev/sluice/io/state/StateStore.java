package dev.sluice.io.state;

import java.io.IOException;
import java.util.Iterator;
import javax.annotation.Nullable;

/**
 * One version of the key→value state of one shard of a stateful operator (Spark's {@code
 * StateStore}), from {@link StateStoreProvider#getStore(long)}. Reads see the version the store was
 * loaded at plus this store's own changes; {@link #commit()} makes the changes version {@code
 * version() + 1} and writes them to the checkpoint, {@link #abort()} discards them. Keys and values
 * are bytes ({@link TypedStateStore} encodes them with Beam coders); iteration is in unsigned
 * lexicographic order of the key bytes. A store is used by one thread; a provider has at most one
 * open store at a time.
 *
 * <pre>{@code
 * StateStore store = provider.getStore(provider.latestVersion());
 * store.put(key, value);
 * byte[] old = store.get(otherKey);
 * store.remove(otherKey);
 * long version = store.commit();      // the state after this batch
 * }</pre>
 */
public interface StateStore {
  /** The version this store was loaded at (0: the empty state before the first batch). */
  long version();

  /** The value of {@code key}, or null. */
  @Nullable
  byte[] get(byte[] key);

  /**
   * Sets the value of {@code key}. The store may keep the arrays: do not change them afterwards.
   */
  void put(byte[] key, byte[] value);

  /** Removes {@code key} (nothing happens if it is absent). */
  void remove(byte[] key);

  /**
   * Every entry, in key order. Removing or replacing entries while iterating is allowed; whether
   * entries put during the iteration are returned is unspecified.
   */
  Iterator<StateEntry> iterator();

  /** The entries whose key starts with {@code prefix}, in key order. */
  Iterator<StateEntry> prefixScan(byte[] prefix);

  /**
   * Makes this store's changes the next version and writes them to the checkpoint.
   *
   * @return the new version, {@code version() + 1}
   * @throws IllegalStateException if the store was already committed or aborted
   */
  long commit() throws IOException;

  /** Discards this store's changes; the provider's state stays at {@link #version()}. */
  void abort();

  /** Whether {@link #commit()} succeeded. */
  boolean hasCommitted();

  /** The metrics of this store: counts so far, or of the commit once committed. */
  StateStoreMetrics metrics();
}
