package dev.sluice.dstream.internal;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Instant;

/**
 * The source of {@code textFileStream}: emits the lines of files that appear in a directory and are
 * not in its {@code done} set (at first, the files already there: Spark's {@code newFilesOnly};
 * after a recovery, the files the checkpoint recorded). Names starting with {@code .} or {@code _}
 * are skipped, so a writer can create a hidden file and rename it when complete, as Spark requires.
 * Bytes that are not UTF-8 become U+FFFD: a bad line is passed through as text, never a failure.
 *
 * <p>Each file is read whole in the batch in which it is picked up, as in Spark: its lines are all
 * stamped with the time the file was opened (the watermark is held there until the file is
 * emitted), and before them comes a marker {@code KV(fileName, null)} with the same stamp, which
 * the checkpoint writer records; a line is {@code KV(null, line)}.
 *
 * <pre>{@code
 * PCollection<KV<String, String>> markersAndLines =
 *     pipeline.apply(Read.from(NewFilesSource.watching(Paths.get("/data/in"), done)));
 * }</pre>
 *
 * <p>Its Beam checkpoint names the files read completely, the file being read, its stamp and how
 * many of its lines were emitted, so a reader restored from it neither skips nor repeats lines.
 */
public final class NewFilesSource
    extends UnboundedSource<KV<String, String>, NewFilesSource.Position> {
  private static final long serialVersionUID = 1L;
  private static final long RESCAN_MILLIS = 50;

  private final String directory;
  private final Set<String> existing;

  private NewFilesSource(String directory, Set<String> existing) {
    this.directory = directory;
    this.existing = existing;
  }

  /** A source of the files in {@code directory} that are not in {@code done}, now or later. */
  public static NewFilesSource watching(Path directory, Collection<String> done) {
    return new NewFilesSource(directory.toString(), new HashSet<>(done));
  }

  /** The names of the files in {@code directory} that the source would read now. */
  public static List<String> list(Path directory) {
    List<String> names = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return names;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!name.startsWith(".") && !name.startsWith("_") && Files.isRegularFile(file)) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + directory, e);
    }
    Collections.sort(names);
    return names;
  }

  /** Files done; the file being read, its stamp and how many of its records were emitted. */
  public static final class Position implements UnboundedSource.CheckpointMark, Serializable {
    private static final long serialVersionUID = 1L;
    final HashSet<String> done;
    final String current;
    final long stamp;
    final int emitted;

    Position(Set<String> done, String current, long stamp, int emitted) {
      this.done = new HashSet<>(done);
      this.current = current;
      this.stamp = stamp;
      this.emitted = emitted;
    }

    @Override
    public void finalizeCheckpoint() {}
  }

  @Override
  public List<NewFilesSource> split(int desiredNumSplits, PipelineOptions options) {
    return List.of(this);
  }

  @Override
  public UnboundedReader<KV<String, String>> createReader(
      PipelineOptions options, Position checkpoint) {
    return checkpoint == null
        ? new Reader(this, existing, null, 0, 0)
        : new Reader(
            this, checkpoint.done, checkpoint.current, checkpoint.stamp, checkpoint.emitted);
  }

  @Override
  public Coder<Position> getCheckpointMarkCoder() {
    return SerializableCoder.of(Position.class);
  }

  @Override
  public Coder<KV<String, String>> getOutputCoder() {
    return KvCoder.of(
        NullableCoder.of(StringUtf8Coder.of()), NullableCoder.of(StringUtf8Coder.of()));
  }

  /**
   * Reads one file at a time: record 0 of a file is its marker, record {@code i > 0} its line
   * {@code i - 1}; all carry the file's stamp.
   */
  private static final class Reader extends UnboundedReader<KV<String, String>> {
    private final NewFilesSource source;
    private final Path directory;
    private final Set<String> done;
    private final Deque<String> pending = new ArrayDeque<>();
    private String currentFile;
    private long stamp;
    private List<String> currentLines = List.of();
    private int emitted;
    private KV<String, String> current;
    private long watermark = Long.MIN_VALUE;
    private long lastScan;

    Reader(NewFilesSource source, Set<String> done, String currentFile, long stamp, int emitted) {
      this.source = source;
      this.directory = Paths.get(source.directory);
      this.done = new HashSet<>(done);
      if (currentFile != null) {
        open(currentFile, stamp);
        this.emitted = emitted;
      }
    }

    private void open(String name, long stampMillis) {
      currentFile = name;
      stamp = stampMillis;
      emitted = 0;
      try {
        String text =
            new String(Files.readAllBytes(directory.resolve(name)), StandardCharsets.UTF_8);
        currentLines = text.isEmpty() ? List.of() : List.of(text.split("\r?\n", -1));
        if (!currentLines.isEmpty() && currentLines.get(currentLines.size() - 1).isEmpty()) {
          currentLines = currentLines.subList(0, currentLines.size() - 1);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + directory.resolve(name), e);
      }
    }

    @Override
    public boolean start() {
      return advance();
    }

    @Override
    public boolean advance() {
      while (true) {
        if (currentFile != null && emitted <= currentLines.size()) {
          current =
              emitted == 0 ? KV.of(currentFile, null) : KV.of(null, currentLines.get(emitted - 1));
          emitted++;
          return true;
        }
        if (currentFile != null) {
          done.add(currentFile);
          currentFile = null;
        }
        if (pending.isEmpty() && !scan()) {
          return false;
        }
        if (pending.isEmpty()) {
          return false;
        }
        open(pending.poll(), Math.max(System.currentTimeMillis(), watermark));
      }
    }

    /** Queues new files in name order; false if the last scan is too recent to repeat. */
    private boolean scan() {
      long now = System.currentTimeMillis();
      if (now - lastScan < RESCAN_MILLIS) {
        return false;
      }
      lastScan = now;
      TreeSet<String> found = new TreeSet<>(list(directory));
      found.removeAll(done);
      pending.addAll(found);
      return true;
    }

    @Override
    public KV<String, String> getCurrent() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return current;
    }

    @Override
    public Instant getCurrentTimestamp() {
      if (current == null) {
        throw new NoSuchElementException();
      }
      return new Instant(stamp);
    }

    /** The clock, held at the stamp of a file until all its records are emitted. */
    @Override
    public Instant getWatermark() {
      long now = System.currentTimeMillis();
      if (currentFile != null && emitted <= currentLines.size()) {
        now = Math.min(now, stamp);
      }
      watermark = Math.max(watermark, now);
      return new Instant(watermark);
    }

    @Override
    public CheckpointMark getCheckpointMark() {
      return new Position(done, currentFile, stamp, emitted);
    }

    @Override
    public UnboundedSource<KV<String, String>, ?> getCurrentSource() {
      return source;
    }

    @Override
    public void close() {}
  }
}
