package dev.sluice.io.state;

import dev.sluice.io.checkpoint.CheckpointFileException;
import dev.sluice.io.checkpoint.CheckpointFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.annotation.Nullable;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB state store ({@code providerClass=rocksdb}, Spark's {@code RocksDBStateStoreProvider}
 * with changelog checkpointing): the state lives in a RocksDB database in a local working directory
 * (off the Java heap, removed on close); each commit writes {@code <version>.changelog} with the
 * keys put or removed by that version, and every {@code minDeltasForSnapshot} versions {@code
 * <version>.zip}, a RocksDB checkpoint of the database (its SST files, manifest and options) plus
 * {@code sluice-state.properties} (row count). Loading a version unpacks the newest zip at or below
 * it into a fresh working directory and replays the changelogs after it.
 *
 * <p>Differences from Spark: each zip holds all SST files (Spark uploads each SST file once and
 * shares it between snapshots); snapshots are written during the commit (Spark writes them in a
 * background maintenance task). The write-ahead log is off: the changelog is the durable record.
 * Memory used is RocksDB's memtables, table readers and block cache (64 MB at most).
 *
 * <pre>{@code
 * StateStoreProvider provider = StateStoreProvider.open("cp/state/0/0",
 *     StateStoreConf.defaults().withProvider("rocksdb"));
 * }</pre>
 */
final class RocksDbStateStoreProvider extends FileBackedProvider {
  static final String CHANGELOG = "changelog";
  static final String ZIP = "zip";
  private static final String METADATA = "sluice-state.properties";
  private static final long BLOCK_CACHE_BYTES = 64L << 20;

  private final Path workDir;
  private final Path dbDir;
  private final LRUCache cache;
  private final Options options;
  private final WriteOptions writeOptions;
  @Nullable private RocksDB db;
  private long rows;
  private final List<Scan> iterators = new ArrayList<>();

  RocksDbStateStoreProvider(CheckpointFiles dir, StateStoreConf conf) throws IOException {
    super(dir, conf, CHANGELOG, ZIP, StateStoreConf.HEAP);
    RocksDB.loadLibrary();
    Path root =
        Paths.get(
            conf.rocksDbLocalDir() != null
                ? conf.rocksDbLocalDir()
                : System.getProperty("java.io.tmpdir"));
    Files.createDirectories(root);
    this.workDir = Files.createTempDirectory(root, "sluice-rocksdb-");
    this.dbDir = workDir.resolve("db");
    this.cache = new LRUCache(BLOCK_CACHE_BYTES);
    this.options =
        new Options()
            .setCreateIfMissing(true)
            .setTableFormatConfig(
                new BlockBasedTableConfig()
                    .setBlockCache(cache)
                    .setFilterPolicy(new BloomFilter(10)));
    this.writeOptions = new WriteOptions().setDisableWAL(true);
  }

  private RocksDB db() {
    if (db == null) {
      throw new IllegalStateException("No state loaded in " + dir.location());
    }
    return db;
  }

  private static UncheckedIOException failure(String what, RocksDBException e) {
    return new UncheckedIOException(new IOException("RocksDB " + what + " failed: " + e, e));
  }

  private void closeDb() throws IOException {
    storeEnded();
    if (db != null) {
      db.close();
      db = null;
    }
    deleteRecursively(dbDir);
  }

  private void openDb() throws IOException {
    try {
      db = RocksDB.open(options, dbDir.toString());
    } catch (RocksDBException e) {
      throw new IOException("Cannot open the RocksDB working database in " + dbDir + ": " + e, e);
    }
  }

  @Override
  void resetEmpty() throws IOException {
    closeDb();
    Files.createDirectories(dbDir);
    openDb();
    rows = 0;
  }

  @Override
  void loadSnapshot(String name) throws IOException {
    closeDb();
    Files.createDirectories(dbDir);
    String file = dir.describe(name);
    Properties metadata = null;
    try (InputStream in = dir.open(name);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        String entryName = entry.getName();
        if (entryName.isEmpty() || entryName.contains("/") || entryName.contains("..")) {
          throw CheckpointFileException.corrupt(file, "it holds entry '" + entryName + "'", null);
        }
        if (entryName.equals(METADATA)) {
          metadata = new Properties();
          metadata.load(new java.io.InputStreamReader(zip, StandardCharsets.UTF_8));
        } else {
          Files.copy(zip, dbDir.resolve(entryName));
        }
      }
    } catch (ZipException | java.io.EOFException e) {
      throw CheckpointFileException.corrupt(file, "it is not a complete zip (" + e + ")", e);
    }
    if (metadata == null || metadata.getProperty("numRows") == null) {
      throw CheckpointFileException.corrupt(file, "it lacks " + METADATA, null);
    }
    int format = Integer.parseInt(metadata.getProperty("format", "1"));
    if (format > StateFiles.FORMAT_VERSION) {
      throw CheckpointFileException.newerVersion(file, format, StateFiles.FORMAT_VERSION);
    }
    rows = Long.parseLong(metadata.getProperty("numRows"));
    try {
      openDb();
    } catch (IOException e) {
      throw CheckpointFileException.corrupt(file, "RocksDB cannot open its files (" + e + ")", e);
    }
  }

  @Override
  long writeSnapshot(String name) throws IOException {
    Path checkpoint = workDir.resolve("checkpoint-" + name);
    deleteRecursively(checkpoint);
    try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
        Checkpoint cp = Checkpoint.create(db())) {
      db().flush(flush);
      cp.createCheckpoint(checkpoint.toString());
    } catch (RocksDBException e) {
      throw new IOException("RocksDB checkpoint of " + dir.location() + " failed: " + e, e);
    }
    long[] written = {0};
    try {
      List<Path> files;
      try (Stream<Path> list = Files.list(checkpoint)) {
        files = list.filter(Files::isRegularFile).sorted().toList();
      }
      dir.write(
          name,
          out -> {
            StateFiles.CountingOutputStream counting = new StateFiles.CountingOutputStream(out);
            ZipOutputStream zip = new ZipOutputStream(counting);
            zip.setLevel(Deflater.BEST_SPEED);
            Properties metadata = new Properties();
            metadata.setProperty("format", Integer.toString(StateFiles.FORMAT_VERSION));
            metadata.setProperty("numRows", Long.toString(rows));
            zip.putNextEntry(new ZipEntry(METADATA));
            metadata.store(
                new java.io.OutputStreamWriter(nonClosing(zip), StandardCharsets.UTF_8), null);
            zip.closeEntry();
            for (Path f : files) {
              zip.putNextEntry(new ZipEntry(f.getFileName().toString()));
              Files.copy(f, zip);
              zip.closeEntry();
            }
            zip.finish();
            zip.flush();
            written[0] = counting.count;
          },
          true);
    } finally {
      deleteRecursively(checkpoint);
    }
    return written[0];
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  @Override
  byte[] rawGet(byte[] key) {
    try {
      return db().get(key);
    } catch (RocksDBException e) {
      throw failure("get", e);
    }
  }

  @Override
  boolean rawPut(byte[] key, byte[] value, @Nullable Boolean knownNew) {
    try {
      boolean isNew = knownNew != null ? knownNew : db().get(key) == null;
      db().put(writeOptions, key, value);
      if (isNew) {
        rows++;
      }
      return isNew;
    } catch (RocksDBException e) {
      throw failure("put", e);
    }
  }

  @Override
  boolean rawRemove(byte[] key, @Nullable Boolean knownExists) {
    try {
      boolean existed = knownExists != null ? knownExists : db().get(key) != null;
      if (existed) {
        db().delete(writeOptions, key);
        rows--;
      }
      return existed;
    } catch (RocksDBException e) {
      throw failure("delete", e);
    }
  }

  @Override
  Iterator<StateEntry> rawScan(byte[] prefix) {
    Scan scan = new Scan(db().newIterator(), prefix);
    iterators.add(scan);
    return scan;
  }

  /** An iterator over a RocksDB iterator, closed when exhausted or when its store ends. */
  private final class Scan implements Iterator<StateEntry> {
    private final RocksIterator it;
    private final byte[] prefix;
    private boolean closed;

    Scan(RocksIterator it, byte[] prefix) {
      this.it = it;
      this.prefix = prefix;
      if (prefix.length == 0) {
        it.seekToFirst();
      } else {
        it.seek(prefix);
      }
    }

    void close() {
      if (!closed) {
        closed = true;
        it.close();
      }
    }

    @Override
    public boolean hasNext() {
      if (closed) {
        return false;
      }
      if (it.isValid() && HeapStateStoreProvider.startsWith(it.key(), prefix)) {
        return true;
      }
      close();
      iterators.remove(this);
      return false;
    }

    @Override
    public StateEntry next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      StateEntry entry = new StateEntry(it.key(), it.value());
      it.next();
      return entry;
    }
  }

  @Override
  void storeEnded() {
    for (Scan scan : iterators) {
      scan.close();
    }
    iterators.clear();
  }

  @Override
  long rowCount() {
    return rows;
  }

  @Override
  long memoryUsedBytes() {
    if (db == null) {
      return 0;
    }
    try {
      return db.getLongProperty("rocksdb.cur-size-all-mem-tables")
          + db.getLongProperty("rocksdb.estimate-table-readers-mem")
          + cache.getUsage();
    } catch (RocksDBException e) {
      return cache.getUsage();
    }
  }

  @Override
  public synchronized void close() throws IOException {
    super.close();
    try {
      closeDb();
    } finally {
      writeOptions.close();
      options.close();
      cache.close();
      deleteRecursively(workDir);
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
