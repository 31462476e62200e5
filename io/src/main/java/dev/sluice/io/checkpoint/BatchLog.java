package dev.sluice.io.checkpoint;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * A log with one file per batch, as Spark's {@code HDFSMetadataLog}: the file of batch {@code N} is
 * named {@code N}, its first line is the format version ({@code v1}), the following lines are the
 * value as its {@link LogCodec} writes it. Spark's offset log, commit log and file sink log ({@code
 * _spark_metadata}) are all of this shape; see {@link CheckpointLayout} for where each lives and
 * how a restart uses them.
 *
 * <p>An entry is written once: {@link #add} writes a hidden temporary file in the same directory,
 * flushes and fsyncs it, and publishes it under the batch id only if no entry of that batch exists
 * (see {@link CheckpointFiles} for what "atomic" means on each kind of file system). A reader
 * therefore sees a batch's entry whole or not at all, and a batch that runs again after a restart
 * finds its entry and keeps it. Opening the log deletes the temporary files of writers that were
 * killed before their rename; a log has one writer at a time (one query per checkpoint).
 *
 * <p>Reading a file that is empty, lacks the version line, holds lines the codec rejects, or
 * carries a newer version than the codec reads fails with a {@link CheckpointFileException} that
 * names the file and what to do.
 *
 * <pre>{@code
 * BatchLog<List<String>> log = BatchLog.open("cp/offsets", LogCodec.lines());
 * log.add(0, List.of("{\"logOffset\":0}"));          // cp/offsets/0: v1 + the line; true
 * log.add(0, List.of("{\"logOffset\":9}"));          // false: batch 0 has its entry
 * log.latest();                                      // Optional[Entry[batchId=0, value=[...]]]
 * log.purge(100);                                    // keeps the newest 100 entries
 * }</pre>
 *
 * @param <T> the type of one batch's value
 */
public final class BatchLog<T> {
  private static final Pattern BATCH_NAME = Pattern.compile("\\d{1,18}");
  private static final Pattern VERSION_LINE = Pattern.compile("v(\\d{1,9})");

  /** One batch's entry. */
  public record Entry<T>(long batchId, T value) {}

  private final CheckpointFiles dir;
  private final LogCodec<T> codec;
  private final boolean readOnly;

  private BatchLog(CheckpointFiles dir, LogCodec<T> codec, boolean readOnly) {
    if (codec.version() < 1) {
      throw new IllegalArgumentException("A log codec's version starts at 1: " + codec.version());
    }
    this.dir = dir;
    this.codec = codec;
    this.readOnly = readOnly;
  }

  /**
   * The log in directory {@code location} (created at the first {@link #add}); deletes temporary
   * files left by killed writers.
   */
  public static <T> BatchLog<T> open(String location, LogCodec<T> codec) throws IOException {
    return open(CheckpointFiles.of(location), codec);
  }

  /** The log in {@code dir}; deletes temporary files left by killed writers. */
  public static <T> BatchLog<T> open(CheckpointFiles dir, LogCodec<T> codec) throws IOException {
    BatchLog<T> log = new BatchLog<>(dir, codec, false);
    dir.deleteTempFiles();
    return log;
  }

  /**
   * The log in {@code location} for reading only, e.g. a sink's {@code _spark_metadata} read by a
   * source while the sink writes it: deletes nothing, and {@link #add} and the purges fail.
   */
  public static <T> BatchLog<T> openReadOnly(String location, LogCodec<T> codec) {
    return new BatchLog<>(CheckpointFiles.of(location), codec, true);
  }

  private void checkWritable(String what) {
    if (readOnly) {
      throw new IllegalStateException(
          "The batch log " + dir.location() + " was opened read-only: " + what + " needs open()");
    }
  }

  /** The log's directory. */
  public CheckpointFiles directory() {
    return dir;
  }

  /**
   * Writes the entry of {@code batchId} unless it exists.
   *
   * @return true if written, false if the batch already had an entry (which is kept)
   * @throws IllegalArgumentException if {@code batchId} is negative or the codec rejects the value
   */
  public boolean add(long batchId, T value) throws IOException {
    checkWritable("add");
    byte[] bytes = serialize(batchId, value);
    return dir.write(Long.toString(batchId), out -> out.write(bytes), false);
  }

  /**
   * Writes the entry of {@code batchId}, replacing an existing one (atomically: a reader sees the
   * old entry or the new one). For logs whose entries a restart may redo differently, such as a
   * source's own positions; Spark's offset and commit logs use {@link #add}.
   */
  public void put(long batchId, T value) throws IOException {
    checkWritable("put");
    byte[] bytes = serialize(batchId, value);
    dir.write(Long.toString(batchId), out -> out.write(bytes), true);
  }

  /** Deletes the entries of batches after {@code batchId}; returns how many it deleted. */
  public int deleteAfter(long batchId) throws IOException {
    checkWritable("deleteAfter");
    int deleted = 0;
    for (long id : batchIds()) {
      if (id > batchId) {
        dir.delete(Long.toString(id));
        deleted++;
      }
    }
    return deleted;
  }

  private byte[] serialize(long batchId, T value) {
    if (batchId < 0) {
      throw new IllegalArgumentException("Batch ids start at 0: " + batchId);
    }
    List<String> lines;
    try {
      lines = codec.encode(value);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("Cannot encode the entry of batch " + batchId, e);
    }
    StringBuilder text = new StringBuilder("v").append(codec.version());
    for (String line : lines) {
      text.append('\n').append(line);
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code batchId} has an entry (without reading it). */
  public boolean contains(long batchId) throws IOException {
    return dir.exists(Long.toString(batchId));
  }

  /** The entry of {@code batchId}, or empty if it has none. */
  public Optional<T> get(long batchId) throws IOException {
    String name = Long.toString(batchId);
    byte[] bytes;
    try (InputStream in = dir.open(name)) {
      bytes = in.readAllBytes();
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
    return Optional.of(parse(dir.describe(name), bytes));
  }

  private T parse(String file, byte[] bytes) throws CheckpointFileException {
    if (bytes.length == 0) {
      throw CheckpointFileException.corrupt(file, "it is empty", null);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1); // one trailing line break
    }
    Matcher version = VERSION_LINE.matcher(lines.get(0).strip());
    if (!version.matches()) {
      String first =
          lines.get(0).length() > 40 ? lines.get(0).substring(0, 40) + "..." : lines.get(0);
      throw CheckpointFileException.corrupt(
          file, "its first line should be a version such as v1, not '" + first + "'", null);
    }
    int found = Integer.parseInt(version.group(1));
    if (found > codec.version()) {
      throw CheckpointFileException.newerVersion(file, found, codec.version());
    }
    if (found < 1) {
      throw CheckpointFileException.corrupt(file, "version v0 does not exist", null);
    }
    try {
      return codec.decode(found, Collections.unmodifiableList(lines.subList(1, lines.size())));
    } catch (Exception e) {
      throw CheckpointFileException.corrupt(file, "its content cannot be read (" + e + ")", e);
    }
  }

  /** The batch ids that have an entry, ascending. */
  public List<Long> batchIds() throws IOException {
    List<Long> ids = new ArrayList<>();
    for (String name : dir.list()) {
      if (BATCH_NAME.matcher(name).matches()) {
        ids.add(Long.parseLong(name));
      }
    }
    Collections.sort(ids);
    return ids;
  }

  /** The newest batch id with an entry, if any. */
  public OptionalLong latestId() throws IOException {
    List<Long> ids = batchIds();
    return ids.isEmpty() ? OptionalLong.empty() : OptionalLong.of(ids.get(ids.size() - 1));
  }

  /** The newest entry, if any (Spark's {@code getLatest}). */
  public Optional<Entry<T>> latest() throws IOException {
    List<Long> ids = batchIds();
    for (int i = ids.size() - 1; i >= 0; i--) {
      Optional<T> value = get(ids.get(i));
      if (value.isPresent()) { // else purged concurrently
        return Optional.of(new Entry<>(ids.get(i), value.get()));
      }
    }
    return Optional.empty();
  }

  /**
   * The entries with {@code start <= batchId <= end}, ascending; a null bound is open (Spark's
   * {@code get(startId, endId)}).
   */
  public List<Entry<T>> getRange(@Nullable Long start, @Nullable Long end) throws IOException {
    List<Entry<T>> out = new ArrayList<>();
    for (long id : batchIds()) {
      if ((start == null || id >= start) && (end == null || id <= end)) {
        Optional<T> value = get(id);
        value.ifPresent(v -> out.add(new Entry<>(id, v)));
      }
    }
    return out;
  }

  /**
   * Deletes every entry but the newest {@code keepLast}.
   *
   * @return how many were deleted
   */
  public int purge(int keepLast) throws IOException {
    checkWritable("purge");
    if (keepLast < 1) {
      throw new IllegalArgumentException(
          "purge keeps at least the newest entry (restarts need it): keepLast=" + keepLast);
    }
    List<Long> ids = batchIds();
    int deleted = 0;
    for (int i = 0; i < ids.size() - keepLast; i++) {
      dir.delete(Long.toString(ids.get(i)));
      deleted++;
    }
    return deleted;
  }

  /**
   * Deletes the entries of batches before {@code batchId} (Spark's {@code
   * purge(thresholdBatchId)}).
   *
   * @return how many were deleted
   */
  public int purgeBefore(long batchId) throws IOException {
    checkWritable("purgeBefore");
    int deleted = 0;
    for (long id : batchIds()) {
      if (id < batchId) {
        dir.delete(Long.toString(id));
        deleted++;
      }
    }
    return deleted;
  }

  @Override
  public String toString() {
    return "BatchLog[" + dir.location() + "]";
  }
}
