package dev.sluice.dstream.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.values.KV;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a DStream checkpoint directory: one file {@code checkpoint-<batch time ms>} per
 * checkpointed batch, holding everything needed to resume after that batch, written atomically (a
 * hidden temporary file, forced to disk, then renamed), the newest {@link #KEEP} kept.
 *
 * <p>Content ({@link AnyCoder} of a list): the format name {@value #FORMAT}, the batch time, the
 * graph (one line per checkpointed operation or source, in definition order) and, per line's id,
 * its records: {@code KV(key, state)} for a stateful operation, file names for a {@code
 * textFileStream}.
 *
 * <pre>{@code
 * CheckpointStore.write(dir, 5000, graph, records);
 * CheckpointStore.Checkpoint last = CheckpointStore.latest(dir); // null if none
 * }</pre>
 *
 * <p>Recovery reads the newest file that decodes; one that does not (a disk that lost the rename's
 * data) is skipped with a warning, and the next older is used.
 */
public final class CheckpointStore {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

  /** The first element of every checkpoint file; a file with another is not read. */
  public static final String FORMAT = "sluice-dstream-checkpoint/1";

  /** How many checkpoint files are kept. */
  public static final int KEEP = 3;

  private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)");

  private CheckpointStore() {}

  /** One checkpoint: the batch it follows, the graph that wrote it and its records per id. */
  public static final class Checkpoint {
    private final Path file;
    private final long time;
    private final List<String> graph;
    private final Map<String, List<Object>> records;

    Checkpoint(Path file, long time, List<String> graph, Map<String, List<Object>> records) {
      this.file = file;
      this.time = time;
      this.graph = graph;
      this.records = records;
    }

    /** The file read. */
    public Path file() {
      return file;
    }

    /** The batch time (ms) after which the checkpoint was taken. */
    public long time() {
      return time;
    }

    /** The graph lines of the job that wrote it. */
    public List<String> graph() {
      return graph;
    }

    /** The records of the graph line with id {@code id} (empty if none). */
    public List<Object> records(String id) {
      return records.getOrDefault(id, List.of());
    }
  }

  /** The batch times of the checkpoint files in {@code dir}, newest first. */
  static List<Long> times(Path dir) {
    List<Long> times = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return times;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "checkpoint-*")) {
      for (Path file : files) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (m.matches()) {
          times.add(Long.parseLong(m.group(1)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the checkpoint directory " + dir, e);
    }
    times.sort(Collections.reverseOrder());
    return times;
  }

  private static Path file(Path dir, long time) {
    return dir.resolve("checkpoint-" + time);
  }

  /** The newest readable checkpoint in {@code dir}, or null if there is none. */
  public static Checkpoint latest(Path dir) {
    for (long time : times(dir)) {
      Path file = file(dir, time);
      try {
        return read(file);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Skipping unreadable checkpoint {}: {}", file, e.toString());
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Checkpoint read(Path file) throws IOException {
    List<Object> content =
        (List<Object>) AnyCoder.of().decode(new ByteArrayInputStream(Files.readAllBytes(file)));
    if (!FORMAT.equals(content.get(0))) {
      throw new IOException("not a " + FORMAT + " file");
    }
    Map<String, List<Object>> records = new LinkedHashMap<>();
    for (Object entry : (List<Object>) content.get(3)) {
      KV<String, List<Object>> kv = (KV<String, List<Object>>) entry;
      records.put(kv.getKey(), kv.getValue());
    }
    return new Checkpoint(file, (Long) content.get(1), (List<String>) content.get(2), records);
  }

  /**
   * Writes the checkpoint of batch {@code time} atomically and deletes all but the newest {@link
   * #KEEP} checkpoint files.
   */
  public static void write(
      Path dir, long time, List<String> graph, Map<String, List<Object>> records) {
    List<Object> entries = new ArrayList<>();
    records.forEach((id, list) -> entries.add(KV.of(id, list)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Path target = file(dir, time);
    Path temp = dir.resolve(".checkpoint-" + time + ".tmp");
    try {
      AnyCoder.of().encode(List.of(FORMAT, time, graph, entries), bytes);
      Files.createDirectories(dir);
      try (FileChannel out =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      List<Long> times = times(dir);
      for (long old : times.subList(Math.min(KEEP, times.size()), times.size())) {
        Files.deleteIfExists(file(dir, old));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the checkpoint " + target, e);
    }
  }

  /** Deletes every checkpoint file in {@code dir} (a fresh start of a job). */
  public static void clear(Path dir) {
    try {
      for (long time : times(dir)) {
        Files.deleteIfExists(file(dir, time));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot clear the checkpoint directory " + dir, e);
    }
  }
}
