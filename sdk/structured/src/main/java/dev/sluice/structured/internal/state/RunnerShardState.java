package dev.sluice.structured.internal.state;

import dev.sluice.io.state.StateEntry;
import dev.sluice.io.state.StateStoreMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.range.ByteKey;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.values.KV;

/**
 * A shard's state kept by the Beam runner (a query without a checkpoint location): a {@link
 * MapState} of the shard's keys, so a batch reads and writes only the keys it touches, and the
 * runner's own fault tolerance (a Flink or Dataflow checkpoint, say) covers it. Changes are written
 * as they happen; the runner commits them with the bundle. Row count and bytes are kept beside the
 * map ({@code stats}), since a map state has no size; memory is estimated as the heap store does
 * (key and value bytes plus 80 bytes per entry).
 * <!-- given: MapState<ByteKey, byte[]> rows; ValueState<KV<Long, Long>> stats; -->
 *
 * <pre>{@code
 * ShardState state = new RunnerShardState(rows, stats);
 * state.put(new byte[] {1, 7}, new byte[] {42});
 * state.commit();   // numRowsTotal 1
 * }</pre>
 */
public final class RunnerShardState implements ShardState {
  private static final long ENTRY_OVERHEAD = 80;

  private final MapState<ByteKey, byte[]> rows;
  private final ValueState<KV<Long, Long>> stats;
  private long count;
  private long bytes;
  private long updated;
  private long removed;

  public RunnerShardState(MapState<ByteKey, byte[]> rows, ValueState<KV<Long, Long>> stats) {
    this.rows = rows;
    this.stats = stats;
    KV<Long, Long> known = stats.read();
    if (known != null) {
      count = known.getKey();
      bytes = known.getValue();
    }
  }

  /** The spec of the map of a shard's keys. */
  public static StateSpec<MapState<ByteKey, byte[]>> rowsSpec() {
    return StateSpecs.map(ByteKeyCoder.INSTANCE, ByteArrayCoder.of());
  }

  /** The spec of a shard's row count and bytes. */
  public static StateSpec<ValueState<KV<Long, Long>>> statsSpec() {
    return StateSpecs.value(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()));
  }

  @Override
  @Nullable
  public byte[] get(byte[] key) {
    return rows.get(ByteKey.copyFrom(key)).read();
  }

  @Override
  public void put(byte[] key, byte[] value) {
    ByteKey k = ByteKey.copyFrom(key);
    byte[] before = rows.get(k).read();
    rows.put(k, value);
    if (before == null) {
      count++;
      bytes += key.length + value.length + ENTRY_OVERHEAD;
    } else {
      bytes += value.length - before.length;
    }
    updated++;
  }

  @Override
  public void remove(byte[] key) {
    ByteKey k = ByteKey.copyFrom(key);
    byte[] before = rows.get(k).read();
    if (before != null) {
      rows.remove(k);
      count--;
      bytes -= key.length + before.length + ENTRY_OVERHEAD;
      removed++;
    }
  }

  @Override
  public Iterator<StateEntry> scan(byte[] prefix) {
    List<Map.Entry<ByteKey, byte[]>> matching = new ArrayList<>();
    for (Map.Entry<ByteKey, byte[]> e : rows.entries().read()) {
      byte[] key = e.getKey().getBytes();
      if (startsWith(key, prefix)) {
        matching.add(e);
      }
    }
    matching.sort(Map.Entry.comparingByKey());
    List<StateEntry> out = new ArrayList<>(matching.size());
    for (Map.Entry<ByteKey, byte[]> e : matching) {
      out.add(new StateEntry(e.getKey().getBytes(), e.getValue()));
    }
    return out.iterator();
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  public StateStoreMetrics commit() {
    stats.write(KV.of(count, bytes));
    return new StateStoreMetrics(count, updated, removed, bytes, 0, 0);
  }

  @Override
  public void abort() {
    // the runner discards the bundle's state changes when the bundle fails
  }

  /** Beam's {@link ByteKey} as its bytes. */
  static final class ByteKeyCoder extends CustomCoder<ByteKey> {
    static final ByteKeyCoder INSTANCE = new ByteKeyCoder();
    private static final Coder<byte[]> BYTES = ByteArrayCoder.of();

    @Override
    public void encode(ByteKey value, OutputStream out) throws IOException {
      BYTES.encode(value.getBytes(), out);
    }

    @Override
    public ByteKey decode(InputStream in) throws IOException {
      return ByteKey.copyFrom(BYTES.decode(in));
    }

    @Override
    public void verifyDeterministic() {
      // the key's bytes, length-prefixed: equal keys, equal encodings
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ByteKeyCoder;
    }

    @Override
    public int hashCode() {
      return ByteKeyCoder.class.hashCode();
    }
  }
}
