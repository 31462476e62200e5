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
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The source of {@code textFileStream}: emits the lines of files that appear in a directory after
 * the stream was defined (files already there are ignored, as Spark's {@code newFilesOnly}), each
 * stamped with the time it is read. Names starting with {@code .} or {@code _} are skipped, so a
 * writer can create a hidden file and rename it when complete, as Spark requires. Bytes that are
 * not UTF-8 become U+FFFD: a bad line is passed through as text, never a failure.
 *
 * <pre>{@code
 * PCollection<String> lines =
 *     pipeline.apply(Read.from(NewFilesSource.watching(Paths.get("/data/in"))));
 * }</pre>
 *
 * <p>Its checkpoint names the files read completely and how many lines of the current file were
 * emitted, so a reader restored from it neither skips nor repeats lines.
 */
public final class NewFilesSource extends UnboundedSource<String, NewFilesSource.Position> {
  private static final long serialVersionUID = 1L;
  private static final long RESCAN_MILLIS = 50;

  private final String directory;
  private final Set<String> existing;

  private NewFilesSource(String directory, Set<String> existing) {
    this.directory = directory;
    this.existing = existing;
  }

  /** A source of the files created in {@code directory} from now on. */
  public static NewFilesSource watching(Path directory) {
    return new NewFilesSource(directory.toString(), new HashSet<>(list(directory)));
  }

  private static List<String> list(Path directory) {
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
    return names;
  }

  /** Files done, and the file being read with the number of its lines already emitted. */
  public static final class Position implements UnboundedSource.CheckpointMark, Serializable {
    private static final long serialVersionUID = 1L;
    final HashSet<String> done;
    final String current;
    final int emitted;

    Position(Set<String> done, String current, int emitted) {
      this.done = new HashSet<>(done);
      this.current = current;
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
  public UnboundedReader<String> createReader(PipelineOptions options, Position checkpoint) {
    return checkpoint == null
        ? new Reader(this, existing, null, 0)
        : new Reader(this, checkpoint.done, checkpoint.current, checkpoint.emitted);
  }

  @Override
  public Coder<Position> getCheckpointMarkCoder() {
    return SerializableCoder.of(Position.class);
  }

  @Override
  public Coder<String> getOutputCoder() {
    return StringUtf8Coder.of();
  }

  private static final class Reader extends ProcessingTimeLineReader {
    private final NewFilesSource source;
    private final Path directory;
    private final Set<String> done;
    private final Deque<String> pending = new ArrayDeque<>();
    private String currentFile;
    private List<String> currentLines = List.of();
    private int emitted;
    private long lastScan;

    Reader(NewFilesSource source, Set<String> done, String currentFile, int emitted) {
      this.source = source;
      this.directory = Paths.get(source.directory);
      this.done = new HashSet<>(done);
      if (currentFile != null) {
        open(currentFile);
        this.emitted = emitted;
      }
    }

    private void open(String name) {
      currentFile = name;
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
        if (currentFile != null && emitted < currentLines.size()) {
          return emit(currentLines.get(emitted++));
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
        open(pending.poll());
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
    public CheckpointMark getCheckpointMark() {
      return new Position(done, currentFile, emitted);
    }

    @Override
    public UnboundedSource<String, ?> getCurrentSource() {
      return source;
    }

    @Override
    public void close() {}
  }
}
