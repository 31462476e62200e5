package dev.sluice.structured.internal.state;

import dev.sluice.io.state.StateEntry;
import dev.sluice.io.state.StateStoreMetrics;
import java.io.IOException;
import java.util.Iterator;
import javax.annotation.Nullable;

/**
 * The key→value state of one shard of a stateful operator during one batch, as bytes: a version of
 * an io state store ({@link StoreShardState}, a query with a checkpoint location) or Beam state the
 * runner keeps ({@link RunnerShardState}). The operator reads and writes the keys its batch
 * touches, scans when it must (eviction by watermark, complete mode), and {@link #commit()}s once
 * at the end of the batch.
 * <!-- given: ShardState state; byte[] key; byte[] value; -->
 *
 * <pre>{@code
 * byte[] old = state.get(key);
 * state.put(key, value);
 * StateStoreMetrics m = state.commit();   // m.numRowsTotal(), m.memoryUsedBytes()
 * }</pre>
 */
public interface ShardState {
  /** The value of {@code key}, or null. */
  @Nullable
  byte[] get(byte[] key);

  /** Sets the value of {@code key} (do not change the arrays afterwards). */
  void put(byte[] key, byte[] value);

  /** Removes {@code key}, if present. */
  void remove(byte[] key);

  /**
   * The entries whose key starts with {@code prefix}, in unsigned byte order of the keys; entries
   * may be removed or replaced while iterating.
   */
  Iterator<StateEntry> scan(byte[] prefix);

  /** Makes the batch's changes the shard's state; returns the numbers of the new state. */
  StateStoreMetrics commit() throws IOException;

  /** Discards the batch's changes (the batch failed). */
  void abort();
}
