package dev.sluice.io.file;

import dev.sluice.io.format.ParseMode;
import dev.sluice.io.format.ParsedLine;
import dev.sluice.io.format.TextLine;
import dev.sluice.io.stream.BatchCheckpoint;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.BatchingReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.values.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the batches of a {@link FileUnboundedSource}. */
final class FileSourceReader extends BatchingReader<Row> {
  private static final Logger LOG = LoggerFactory.getLogger(FileSourceReader.class);
  private final FileUnboundedSource source;
  private final FileSourceState state;
  @Nullable private BufferedReader in;
  @Nullable private List<Row> lineRows;
  @Nullable private FileRecordFormat.RowReader rowReader;
  @Nullable private FilePartition partition;

  FileSourceReader(FileUnboundedSource source, @Nullable BatchCheckpoint checkpoint) {
    super(source, checkpoint);
    this.source = source;
    this.state =
        checkpoint == null ? new FileSourceState() : (FileSourceState) checkpoint.sourceState();
  }

  @Override
  protected boolean takeBatch(long nowMillis) throws IOException {
    List<FileEntry> chosen = new ArrayList<>();
    int max = source.options.maxFilesPerTrigger;
    if (trigger().isBounded()) {
      if (state.available == null) {
        state.available = new ArrayList<>(newFiles());
      }
      int n = trigger().kind() == BatchTrigger.Kind.ONCE || max == 0 ? Integer.MAX_VALUE : max;
      Iterator<FileEntry> it = state.available.iterator();
      while (it.hasNext() && chosen.size() < n) {
        FileEntry next = it.next();
        if (!state.seen.containsKey(next.path)) {
          chosen.add(next);
        }
        it.remove();
      }
    } else {
      for (FileEntry entry : newFiles()) {
        if (max > 0 && chosen.size() == max) {
          break;
        }
        chosen.add(entry);
      }
    }
    if (chosen.isEmpty()) {
      return false;
    }
    for (FileEntry entry : chosen) {
      state.seen.put(entry.path, entry.modificationTime);
      state.latestModificationTime = Math.max(state.latestModificationTime, entry.modificationTime);
    }
    purgeOldFiles();
    state.logOffset++;
    state.batchFiles = new ArrayList<>();
    chosen.forEach(e -> state.batchFiles.add(e.path));
    state.fileIndex = 0;
    state.linesDone = 0;
    state.rowInLine = 0;
    closeFile();
    return true;
  }

  /** Unseen files not too old, in reading order. */
  private List<FileEntry> newFiles() throws IOException {
    long threshold = ageThreshold();
    List<FileEntry> files = new ArrayList<>();
    for (FileEntry entry : FileListing.list(source.path, source.recordFormat != null)) {
      if (!state.seen.containsKey(entry.path) && entry.modificationTime >= threshold) {
        files.add(entry);
      }
    }
    Comparator<FileEntry> byAge = Comparator.comparingLong(e -> e.modificationTime);
    if (source.options.latestFirst) {
      byAge = byAge.reversed();
    }
    files.sort(byAge.thenComparing(e -> e.path));
    return files;
  }

  /** Files older than this are ignored: all are valid before the first batch, as in Spark. */
  private long ageThreshold() {
    if (state.seen.isEmpty() || source.options.ignoresMaxFileAge()) {
      return Long.MIN_VALUE;
    }
    return state.latestModificationTime - source.options.maxFileAgeMillis;
  }

  private void purgeOldFiles() {
    long threshold = ageThreshold();
    // A purged file is older than the threshold, so it never counts as new again.
    state.seen.entrySet().removeIf((Map.Entry<String, Long> e) -> e.getValue() < threshold);
  }

  @Override
  @Nullable
  protected Row nextRecord() throws IOException {
    if (source.recordFormat != null) {
      return nextWholeFileRecord();
    }
    while (state.fileIndex < state.batchFiles.size()) {
      if (source.options.wholeText) {
        if (state.rowInLine == 0) {
          state.rowInLine = 1;
          String file = state.batchFiles.get(state.fileIndex);
          return textRow(new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8));
        }
        nextFile();
        continue;
      }
      if (lineRows == null) {
        String line = openFile().readLine();
        if (line == null) {
          nextFile();
          continue;
        }
        lineRows = parse(line, state.linesDone + 1);
      }
      if (state.rowInLine < lineRows.size()) {
        return lineRows.get(state.rowInLine++);
      }
      state.linesDone++;
      state.rowInLine = 0;
      lineRows = null;
    }
    closeFile();
    return null;
  }

  /** The next row of a whole-file format; {@code linesDone} counts the file's rows emitted. */
  @Nullable
  private Row nextWholeFileRecord() throws IOException {
    while (state.fileIndex < state.batchFiles.size()) {
      String file = state.batchFiles.get(state.fileIndex);
      Row data;
      try {
        if (rowReader == null) {
          openRowReader(file);
        }
        data = rowReader.next();
      } catch (CorruptFileException e) {
        if (!source.options.ignoreCorruptFiles) {
          throw e;
        }
        LOG.warn("Skipped the rest of corrupt file {} (ignoreCorruptFiles=true)", file, e);
        countDropped(1);
        nextFile();
        continue;
      }
      if (data == null) {
        nextFile();
        continue;
      }
      state.linesDone++;
      return partition.row(data);
    }
    closeFile();
    return null;
  }

  /** Opens the batch's current file, positioned after the {@code linesDone} rows already out. */
  private void openRowReader(String file) throws IOException {
    partition = new FilePartition(FileListing.baseDirectory(source.path), file, source.schema);
    try {
      rowReader = source.recordFormat.open(Paths.get(file), partition.dataSchema);
    } catch (NoSuchFileException e) {
      throw disappeared(file, e);
    }
    for (long i = 0; i < state.linesDone; i++) {
      if (rowReader.next() == null) {
        throw new IOException(
            "File " + file + " has fewer rows than were already read; it must not change");
      }
    }
  }

  private IOException disappeared(String file, IOException e) {
    return new IOException(
        "File "
            + file
            + " of batch "
            + currentBatch()
            + " disappeared before it was read. Files in the source directory must not be"
            + " deleted or renamed while the query runs; move finished files in atomically"
            + " instead.",
        e);
  }

  private List<Row> parse(String line, long lineNumber) {
    if (source.parser == null) {
      return List.of(textRow(line));
    }
    String file = state.batchFiles.get(state.fileIndex);
    ParsedLine parsed = source.parser.parse(TextLine.of(file, lineNumber, line));
    if (parsed.isMalformed() && source.parser.mode() == ParseMode.DROPMALFORMED) {
      countDropped(1);
    }
    return parsed.rows();
  }

  private Row textRow(String text) {
    return Row.withSchema(source.schema).addValue(text).build();
  }

  /** The open file, positioned after {@code linesDone} lines (reopened after a restore). */
  private BufferedReader openFile() throws IOException {
    if (in == null) {
      String file = state.batchFiles.get(state.fileIndex);
      try {
        in =
            new BufferedReader(
                new InputStreamReader(
                    Files.newInputStream(Paths.get(file)), StandardCharsets.UTF_8));
      } catch (NoSuchFileException e) {
        throw disappeared(file, e);
      }
      for (long i = 0; i < state.linesDone; i++) {
        if (in.readLine() == null) {
          throw new IOException(
              "File " + file + " has fewer lines than were already read; it must not change");
        }
      }
    }
    return in;
  }

  private void nextFile() throws IOException {
    closeFile();
    state.fileIndex++;
    state.linesDone = 0;
    state.rowInLine = 0;
  }

  private void closeFile() throws IOException {
    lineRows = null;
    partition = null;
    if (rowReader != null) {
      FileRecordFormat.RowReader toClose = rowReader;
      rowReader = null;
      toClose.close();
    }
    if (in != null) {
      BufferedReader toClose = in;
      in = null;
      toClose.close();
    }
  }

  @Override
  protected Serializable state() {
    return state;
  }

  @Override
  @Nullable
  protected String offset() {
    return state.logOffset < 0 ? null : "{\"logOffset\":" + state.logOffset + "}";
  }

  @Override
  protected String description() {
    return "FileStreamSource[" + FileListing.qualified(source.path) + "]";
  }

  @Override
  public void close() throws IOException {
    closeFile();
  }
}
