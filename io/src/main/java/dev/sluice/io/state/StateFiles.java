package dev.sluice.io.state;

import dev.sluice.io.checkpoint.CheckpointFileException;
import dev.sluice.io.checkpoint.CheckpointFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The files of a state shard: names {@code <version>.<kind>}, and the record format of delta,
 * changelog and heap snapshot files.
 *
 * <p>Record format, version 1: the magic {@code SLST}, the format version (int), then records
 * {@code keyLength, key, valueLength, value} with {@code valueLength = -1} for a removed key, then
 * {@code -1} where a key length would be, then the CRC-32 of everything before it (long). All ints
 * big-endian. A truncated or damaged file fails its checksum or its structure and is reported with
 * its name.
 */
final class StateFiles {
  static final int MAGIC = 0x534C5354; // "SLST"
  static final int FORMAT_VERSION = 1;
  private static final int MAX_LENGTH = 1 << 30;
  private static final Pattern NAME = Pattern.compile("(\\d{1,18})\\.([a-z]+)");

  private StateFiles() {}

  /** Receives the records of a file. */
  interface Records {
    void put(byte[] key, byte[] value) throws IOException;

    void remove(byte[] key) throws IOException;
  }

  /** The versions of each kind of file in a shard's directory. */
  static final class Index {
    final TreeSet<Long> changes = new TreeSet<>();
    final TreeSet<Long> snapshots = new TreeSet<>();
    final TreeSet<String> foreignKinds = new TreeSet<>();

    long latest() {
      long latest = 0;
      if (!changes.isEmpty()) {
        latest = Math.max(latest, changes.last());
      }
      if (!snapshots.isEmpty()) {
        latest = Math.max(latest, snapshots.last());
      }
      return latest;
    }
  }

  /** Lists {@code dir}: files of {@code changeKind} and {@code snapshotKind}, and other kinds. */
  static Index index(CheckpointFiles dir, String changeKind, String snapshotKind)
      throws IOException {
    Index index = new Index();
    for (String name : dir.list()) {
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        continue;
      }
      long version = Long.parseLong(m.group(1));
      String kind = m.group(2);
      if (kind.equals(changeKind)) {
        index.changes.add(version);
      } else if (kind.equals(snapshotKind)) {
        index.snapshots.add(version);
      } else {
        index.foreignKinds.add(kind);
      }
    }
    return index;
  }

  static String name(long version, String kind) {
    return version + "." + kind;
  }

  /** Counts the bytes written through it. */
  static final class CountingOutputStream extends FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  /** Writes a record file to a stream; {@link #finish()} ends it. */
  static final class Writer implements Records {
    private final CheckedOutputStream checked;
    private final DataOutputStream data;
    private long records;

    Writer(OutputStream out) throws IOException {
      this.checked = new CheckedOutputStream(out, new CRC32());
      this.data = new DataOutputStream(checked);
      data.writeInt(MAGIC);
      data.writeInt(FORMAT_VERSION);
    }

    @Override
    public void put(byte[] key, byte[] value) throws IOException {
      data.writeInt(key.length);
      data.write(key);
      data.writeInt(value.length);
      data.write(value);
      records++;
    }

    @Override
    public void remove(byte[] key) throws IOException {
      data.writeInt(key.length);
      data.write(key);
      data.writeInt(-1);
      records++;
    }

    long records() {
      return records;
    }

    /** Writes the end marker and the checksum, and flushes. */
    void finish() throws IOException {
      data.writeInt(-1);
      data.flush();
      long crc = checked.getChecksum().getValue();
      data.writeLong(crc);
      data.flush();
    }
  }

  /**
   * Reads record file {@code name} of {@code dir} into {@code records}.
   *
   * @throws CheckpointFileException if it is truncated, damaged or of a newer format
   */
  static void read(CheckpointFiles dir, String name, Records records) throws IOException {
    String file = dir.describe(name);
    try (InputStream raw = dir.open(name)) {
      CheckedInputStream checked =
          new CheckedInputStream(new BufferedInputStream(raw, 1 << 16), new CRC32());
      DataInputStream data = new DataInputStream(checked);
      if (data.readInt() != MAGIC) {
        throw CheckpointFileException.corrupt(file, "it is not a Sluice state file", null);
      }
      int format = data.readInt();
      if (format > FORMAT_VERSION) {
        throw CheckpointFileException.newerVersion(file, format, FORMAT_VERSION);
      }
      if (format < 1) {
        throw CheckpointFileException.corrupt(file, "format version " + format, null);
      }
      while (true) {
        int keyLength = data.readInt();
        if (keyLength == -1) {
          break;
        }
        byte[] key = readBytes(data, keyLength, file);
        int valueLength = data.readInt();
        if (valueLength == -1) {
          records.remove(key);
        } else {
          records.put(key, readBytes(data, valueLength, file));
        }
      }
      long computed = checked.getChecksum().getValue();
      long stored = data.readLong();
      if (computed != stored) {
        throw CheckpointFileException.corrupt(file, "its checksum does not match", null);
      }
    } catch (EOFException e) {
      throw CheckpointFileException.corrupt(file, "it ends early (truncated)", e);
    }
  }

  private static byte[] readBytes(DataInputStream data, int length, String file)
      throws IOException {
    if (length < 0 || length > MAX_LENGTH) {
      throw CheckpointFileException.corrupt(file, "a record has length " + length, null);
    }
    byte[] bytes = new byte[length];
    data.readFully(bytes);
    return bytes;
  }
}
