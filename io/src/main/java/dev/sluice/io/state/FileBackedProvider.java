package dev.sluice.io.state;

import dev.sluice.io.checkpoint.CheckpointFileException;
import dev.sluice.io.checkpoint.CheckpointFiles;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;

/**
 * What both providers share: versions, the change file of each commit, snapshots every {@code
 * minDeltasForSnapshot} versions, loading = newest snapshot at or below the version + the change
 * files after it, retention, and the open store with its undo log.
 *
 * <p>Files of version {@code v}: {@code v.<changeKind>} (the keys put or removed by the commit that
 * made {@code v}) and, every N versions, {@code v.<snapshotKind>} (the whole state). To load {@code
 * v}: {@code s} = the newest snapshot {@code <= v} (or 0, the empty state), then the change files
 * {@code s+1 .. v} in order. Retention keeps every version {@code >= latest - minBatchesToRetain +
 * 1} loadable: files of versions below the newest snapshot at or under that bound are deleted.
 */
abstract class FileBackedProvider implements StateStoreProvider {
  /** Marks "the key was absent" in the undo log. */
  private static final byte[] ABSENT = new byte[0];

  final CheckpointFiles dir;
  final StateStoreConf conf;
  private final String changeKind;
  private final String snapshotKind;
  private final String otherProvider;

  private StateFiles.Index index;

  /** The version the primitives hold, or -1 if none (not loaded, or a load failed). */
  private long loadedVersion = -1;

  @Nullable private Store open;

  FileBackedProvider(
      CheckpointFiles dir,
      StateStoreConf conf,
      String changeKind,
      String snapshotKind,
      String otherProvider)
      throws IOException {
    this.dir = dir;
    this.conf = conf;
    this.changeKind = changeKind;
    this.snapshotKind = snapshotKind;
    this.otherProvider = otherProvider;
    dir.deleteTempFiles();
    this.index = readIndex();
  }

  // ---- primitives of an implementation ----

  /** Replaces the content with the empty state. */
  abstract void resetEmpty() throws IOException;

  /** Replaces the content with the snapshot file {@code name}. */
  abstract void loadSnapshot(String name) throws IOException;

  /** Writes the whole content as snapshot file {@code name}; returns the bytes written. */
  abstract long writeSnapshot(String name) throws IOException;

  @Nullable
  abstract byte[] rawGet(byte[] key);

  /**
   * Puts; returns whether the key was new. {@code knownNew}, when not null, says whether the key is
   * absent, so an implementation need not look it up again.
   */
  abstract boolean rawPut(byte[] key, byte[] value, @Nullable Boolean knownNew);

  /** Removes; returns whether the key existed ({@code knownExists} as {@code knownNew} above). */
  abstract boolean rawRemove(byte[] key, @Nullable Boolean knownExists);

  /** Entries whose key starts with {@code prefix} (all for an empty prefix), in key order. */
  abstract Iterator<StateEntry> rawScan(byte[] prefix);

  abstract long rowCount();

  abstract long memoryUsedBytes();

  /** Called when a store ends (commit or abort): release iterators and the like. */
  void storeEnded() {}

  // ---- the provider ----

  private StateFiles.Index readIndex() throws IOException {
    StateFiles.Index read = StateFiles.index(dir, changeKind, snapshotKind);
    if (!read.foreignKinds.isEmpty()) {
      throw new IllegalStateException(
          "The state directory "
              + dir.location()
              + " holds "
              + read.foreignKinds
              + " files of the "
              + otherProvider
              + " state store: a checkpoint keeps the provider it started with; set "
              + StateStoreConf.PROVIDER_CLASS
              + "="
              + otherProvider
              + ", or start a new checkpoint location");
    }
    return read;
  }

  @Override
  public CheckpointFiles directory() {
    return dir;
  }

  @Override
  public synchronized long latestVersion() throws IOException {
    index = readIndex();
    return index.latest();
  }

  @Override
  public synchronized StateStore getStore(long version) throws IOException {
    if (open != null) {
      throw new IllegalStateException(
          "The store of version "
              + open.version
              + " of "
              + dir.location()
              + " is still open: commit or abort it before getting another");
    }
    if (version < 0) {
      throw new IllegalArgumentException("State versions start at 0: " + version);
    }
    if (version != loadedVersion) {
      load(version);
    }
    open = new Store(version);
    return open;
  }

  private void load(long version) throws IOException {
    loadedVersion = -1;
    index = readIndex();
    long latest = index.latest();
    if (version > latest) {
      throw new CheckpointFileException(
          dir.location(),
          "State version "
              + version
              + " of "
              + dir.location()
              + " does not exist (the newest is "
              + latest
              + "): the state directory is missing files of the checkpoint; restore them or"
              + " start a new checkpoint location",
          null);
    }
    Long base = index.snapshots.floor(version);
    long from = base == null ? 0 : base;
    for (long v = from + 1; v <= version; v++) {
      if (!index.changes.contains(v)) {
        String missing = dir.describe(StateFiles.name(v, changeKind));
        throw new CheckpointFileException(
            missing,
            "State version "
                + version
                + " cannot be loaded: "
                + missing
                + " is missing (deleted, or purged because only the newest "
                + StateStoreConf.MIN_BATCHES_TO_RETAIN
                + "="
                + conf.minBatchesToRetain()
                + " versions are kept); restore it or start a new checkpoint location",
            null);
      }
    }
    if (base == null) {
      resetEmpty();
    } else {
      loadSnapshot(StateFiles.name(base, snapshotKind));
    }
    StateFiles.Records apply =
        new StateFiles.Records() {
          @Override
          public void put(byte[] key, byte[] value) {
            rawPut(key, value, null);
          }

          @Override
          public void remove(byte[] key) {
            rawRemove(key, null);
          }
        };
    for (long v = from + 1; v <= version; v++) {
      StateFiles.read(dir, StateFiles.name(v, changeKind), apply);
    }
    loadedVersion = version;
  }

  private long lastSnapshotVersion() {
    Long last = index.snapshots.floor(loadedVersion);
    return last == null ? 0 : last;
  }

  /** Commits the changes of {@code store}: files, snapshot, retention. Returns bytes written. */
  private long commit(Store store) throws IOException {
    long newVersion = store.version + 1;
    // A re-run batch: files of versions >= newVersion belong to a run that was cut short.
    for (Long v : index.changes.tailSet(newVersion, true).toArray(new Long[0])) {
      dir.delete(StateFiles.name(v, changeKind));
      index.changes.remove(v);
    }
    for (Long v : index.snapshots.tailSet(newVersion, true).toArray(new Long[0])) {
      dir.delete(StateFiles.name(v, snapshotKind));
      index.snapshots.remove(v);
    }
    long[] bytes = {0};
    dir.write(
        StateFiles.name(newVersion, changeKind),
        out -> {
          StateFiles.CountingOutputStream counting = new StateFiles.CountingOutputStream(out);
          StateFiles.Writer writer = new StateFiles.Writer(counting);
          for (byte[] key : store.undo.keySet()) {
            byte[] value = rawGet(key);
            if (value == null) {
              writer.remove(key);
            } else {
              writer.put(key, value);
            }
          }
          writer.finish();
          bytes[0] = counting.count;
        },
        true);
    index.changes.add(newVersion);
    long snapshotFrom = lastSnapshotVersion();
    loadedVersion = newVersion;
    if (newVersion - snapshotFrom >= conf.minDeltasForSnapshot()) {
      bytes[0] += writeSnapshot(StateFiles.name(newVersion, snapshotKind));
      index.snapshots.add(newVersion);
    }
    purge(newVersion);
    return bytes[0];
  }

  private void purge(long latest) throws IOException {
    long earliestToKeep = latest - conf.minBatchesToRetain() + 1;
    Long base = index.snapshots.floor(earliestToKeep);
    if (base == null) {
      return;
    }
    for (Long v : index.changes.headSet(base, true).toArray(new Long[0])) {
      dir.delete(StateFiles.name(v, changeKind));
      index.changes.remove(v);
    }
    for (Long v : index.snapshots.headSet(base, false).toArray(new Long[0])) {
      dir.delete(StateFiles.name(v, snapshotKind));
      index.snapshots.remove(v);
    }
  }

  private void ended(Store store) {
    if (open == store) {
      open = null;
    }
    storeEnded();
  }

  /** Forgets the loaded content (after a failure that may have left it half changed). */
  void invalidate() {
    loadedVersion = -1;
  }

  @Override
  public synchronized void close() throws IOException {
    if (open != null) {
      open.abort();
    }
    loadedVersion = -1;
  }

  /** The open store: applies changes to the primitives and keeps an undo log for abort. */
  private final class Store implements StateStore {
    final long version;

    /** Key → its value before this store changed it, or ABSENT. */
    final TreeMap<byte[], byte[]> undo = new TreeMap<>(Arrays::compareUnsigned);

    private long updated;
    private long removed;
    private boolean committed;
    private boolean ended;
    @Nullable private StateStoreMetrics finalMetrics;

    Store(long version) {
      this.version = version;
    }

    private void checkOpen() {
      if (ended) {
        throw new IllegalStateException(
            "The store of version "
                + version
                + " was "
                + (committed ? "committed" : "aborted")
                + ": get a new one with StateStoreProvider.getStore");
      }
    }

    /** Records the value before the first change; returns whether the key is absent, if known. */
    @Nullable
    private Boolean remember(byte[] key) {
      if (undo.containsKey(key)) {
        return null;
      }
      byte[] before = rawGet(key);
      undo.put(key, before == null ? ABSENT : before);
      return before == null;
    }

    @Override
    public long version() {
      return version;
    }

    @Override
    @Nullable
    public byte[] get(byte[] key) {
      checkOpen();
      return rawGet(key);
    }

    @Override
    public void put(byte[] key, byte[] value) {
      checkOpen();
      if (key == null || value == null) {
        throw new IllegalArgumentException("State keys and values cannot be null; remove a key");
      }
      rawPut(key, value, remember(key));
      updated++;
    }

    @Override
    public void remove(byte[] key) {
      checkOpen();
      Boolean absent = remember(key);
      if (rawRemove(key, absent == null ? null : !absent)) {
        removed++;
      }
    }

    @Override
    public Iterator<StateEntry> iterator() {
      checkOpen();
      return rawScan(new byte[0]);
    }

    @Override
    public Iterator<StateEntry> prefixScan(byte[] prefix) {
      checkOpen();
      return rawScan(prefix);
    }

    @Override
    public long commit() throws IOException {
      checkOpen();
      synchronized (FileBackedProvider.this) {
        long start = System.nanoTime();
        long bytes;
        try {
          bytes = FileBackedProvider.this.commit(this);
        } catch (IOException | RuntimeException e) {
          // The files may be half written and the content is past `version`: reload next time.
          invalidate();
          ended = true;
          ended(this);
          throw e;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        finalMetrics =
            new StateStoreMetrics(rowCount(), updated, removed, memoryUsedBytes(), millis, bytes);
        committed = true;
        ended = true;
        ended(this);
        return version + 1;
      }
    }

    @Override
    public void abort() {
      if (ended) {
        return;
      }
      synchronized (FileBackedProvider.this) {
        for (Map.Entry<byte[], byte[]> e : undo.entrySet()) {
          if (e.getValue() == ABSENT) {
            rawRemove(e.getKey(), null);
          } else {
            rawPut(e.getKey(), e.getValue(), null);
          }
        }
        undo.clear();
        ended = true;
        ended(this);
      }
    }

    @Override
    public boolean hasCommitted() {
      return committed;
    }

    @Override
    public StateStoreMetrics metrics() {
      if (finalMetrics != null) {
        return finalMetrics;
      }
      return new StateStoreMetrics(rowCount(), updated, removed, memoryUsedBytes(), 0, 0);
    }
  }
}
