package dev.sluice.io.state;

import dev.sluice.io.checkpoint.CheckpointFiles;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The default state store ({@code providerClass=heap}, Spark's {@code
 * HDFSBackedStateStoreProvider}): the state is a sorted map in the heap; each commit writes {@code
 * <version>.delta} with only the keys put or removed by that version, and every {@code
 * minDeltasForSnapshot} versions {@code <version>.snapshot} with every key. A batch touching 1% of
 * the keys writes about 1% of the state. The heap holds the whole state: for state larger than the
 * heap, use {@code rocksdb}.
 *
 * <p>Memory used is estimated as the bytes of the keys and values plus 80 bytes per entry (the two
 * arrays' headers and the skip list's node and index share).
 *
 * <pre>{@code
 * StateStoreProvider provider = StateStoreProvider.open("cp/state/0/0", StateStoreConf.defaults());
 * }</pre>
 */
final class HeapStateStoreProvider extends FileBackedProvider {
  static final String DELTA = "delta";
  static final String SNAPSHOT = "snapshot";
  private static final long ENTRY_OVERHEAD = 80;

  private final ConcurrentSkipListMap<byte[], byte[]> map =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  private long bytes;
  private long rows; // ConcurrentSkipListMap.size() counts every entry

  HeapStateStoreProvider(CheckpointFiles dir, StateStoreConf conf) throws IOException {
    super(dir, conf, DELTA, SNAPSHOT, StateStoreConf.ROCKSDB);
  }

  @Override
  void resetEmpty() {
    map.clear();
    bytes = 0;
    rows = 0;
  }

  @Override
  void loadSnapshot(String name) throws IOException {
    resetEmpty();
    StateFiles.read(
        dir,
        name,
        new StateFiles.Records() {
          @Override
          public void put(byte[] key, byte[] value) {
            rawPut(key, value, null);
          }

          @Override
          public void remove(byte[] key) {
            rawRemove(key, null);
          }
        });
  }

  @Override
  long writeSnapshot(String name) throws IOException {
    long[] written = {0};
    dir.write(
        name,
        out -> {
          StateFiles.CountingOutputStream counting = new StateFiles.CountingOutputStream(out);
          StateFiles.Writer writer = new StateFiles.Writer(counting);
          for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
            writer.put(e.getKey(), e.getValue());
          }
          writer.finish();
          written[0] = counting.count;
        },
        true);
    return written[0];
  }

  @Override
  byte[] rawGet(byte[] key) {
    return map.get(key);
  }

  @Override
  boolean rawPut(byte[] key, byte[] value, Boolean knownNew) {
    byte[] before = map.put(key, value);
    if (before == null) {
      bytes += key.length + value.length + ENTRY_OVERHEAD;
      rows++;
      return true;
    }
    bytes += value.length - before.length;
    return false;
  }

  @Override
  boolean rawRemove(byte[] key, Boolean knownExists) {
    byte[] before = map.remove(key);
    if (before == null) {
      return false;
    }
    bytes -= key.length + before.length + ENTRY_OVERHEAD;
    rows--;
    return true;
  }

  @Override
  Iterator<StateEntry> rawScan(byte[] prefix) {
    NavigableMap<byte[], byte[]> range = prefix.length == 0 ? map : map.tailMap(prefix, true);
    Iterator<Map.Entry<byte[], byte[]>> entries = range.entrySet().iterator();
    return new Iterator<>() {
      private StateEntry next = advance();

      private StateEntry advance() {
        if (!entries.hasNext()) {
          return null;
        }
        Map.Entry<byte[], byte[]> e = entries.next();
        if (!startsWith(e.getKey(), prefix)) {
          return null;
        }
        return new StateEntry(e.getKey(), e.getValue());
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public StateEntry next() {
        if (next == null) {
          throw new java.util.NoSuchElementException();
        }
        StateEntry current = next;
        next = advance();
        return current;
      }
    };
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  @Override
  long rowCount() {
    return rows;
  }

  @Override
  long memoryUsedBytes() {
    return bytes;
  }

  @Override
  public synchronized void close() throws IOException {
    super.close();
    resetEmpty();
  }
}
