package dev.sluice.io.state;

import java.io.IOException;
import java.util.Iterator;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;

/**
 * A {@link StateStore} of typed keys and values, encoded with Beam coders (never Java
 * serialization). The key coder must be deterministic (equal keys, equal bytes), as for Beam's
 * {@code GroupByKey}. Iteration follows the order of the encoded keys.
 *
 * <pre>{@code
 * TypedStateStore<String, Long> counts = TypedStateStore.of(
 *     provider.getStore(version), StringUtf8Coder.of(), VarLongCoder.of());
 * Long old = counts.get("user-1");
 * counts.put("user-1", old == null ? 1L : old + 1);
 * counts.commit();
 * }</pre>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class TypedStateStore<K, V> {
  private final StateStore store;
  private final Coder<K> keyCoder;
  private final Coder<V> valueCoder;

  private TypedStateStore(StateStore store, Coder<K> keyCoder, Coder<V> valueCoder) {
    this.store = store;
    this.keyCoder = keyCoder;
    this.valueCoder = valueCoder;
  }

  /**
   * {@code store} with keys encoded by {@code keyCoder} and values by {@code valueCoder}.
   *
   * @throws IllegalArgumentException if {@code keyCoder} is not deterministic
   */
  public static <K, V> TypedStateStore<K, V> of(
      StateStore store, Coder<K> keyCoder, Coder<V> valueCoder) {
    try {
      keyCoder.verifyDeterministic();
    } catch (Coder.NonDeterministicException e) {
      throw new IllegalArgumentException(
          "State keys need a deterministic coder (equal keys must encode to equal bytes): "
              + keyCoder
              + " is not; use e.g. StringUtf8Coder, VarLongCoder, or a schema coder of such fields",
          e);
    }
    return new TypedStateStore<>(store, keyCoder, valueCoder);
  }

  private byte[] key(K key) {
    return encode(keyCoder, key);
  }

  private static <T> byte[] encode(Coder<T> coder, T value) {
    try {
      return CoderUtils.encodeToByteArray(coder, value);
    } catch (CoderException e) {
      throw new IllegalArgumentException("Cannot encode " + value + " with " + coder, e);
    }
  }

  private static <T> T decode(Coder<T> coder, byte[] bytes) {
    try {
      return CoderUtils.decodeFromByteArray(coder, bytes);
    } catch (CoderException e) {
      throw new IllegalStateException(
          "State bytes cannot be decoded with "
              + coder
              + ": the state was written with another coder (an incompatible change of the"
              + " query); start a new checkpoint location",
          e);
    }
  }

  /** The value of {@code key}, or null. */
  @Nullable
  public V get(K key) {
    byte[] value = store.get(key(key));
    return value == null ? null : decode(valueCoder, value);
  }

  /** Sets the value of {@code key}. */
  public void put(K key, V value) {
    store.put(key(key), encode(valueCoder, value));
  }

  /** Removes {@code key}. */
  public void remove(K key) {
    store.remove(key(key));
  }

  /** Every entry, in the order of the encoded keys. */
  public Iterator<KV<K, V>> iterator() {
    Iterator<StateEntry> raw = store.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return raw.hasNext();
      }

      @Override
      public KV<K, V> next() {
        StateEntry e = raw.next();
        return KV.of(decode(keyCoder, e.key()), decode(valueCoder, e.value()));
      }
    };
  }

  /** See {@link StateStore#commit()}. */
  public long commit() throws IOException {
    return store.commit();
  }

  /** See {@link StateStore#abort()}. */
  public void abort() {
    store.abort();
  }

  /** See {@link StateStore#metrics()}. */
  public StateStoreMetrics metrics() {
    return store.metrics();
  }

  /** The byte store underneath. */
  public StateStore raw() {
    return store;
  }
}
