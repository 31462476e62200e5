package dev.sluice.io.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.io.checkpoint.BatchLog;
import dev.sluice.io.checkpoint.CheckpointFiles;
import dev.sluice.io.checkpoint.LogCodec;
import dev.sluice.io.sink.BatchSink;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spark's file sink ({@code writeStream.format("json").option("path", "out/")}): each batch is
 * written as files of a directory, then committed in the directory's commit log.
 *
 * <p>For batch {@code N} the sink writes the rows to {@code part-00000-<uuid>.<ext>} (under a
 * hidden temporary name, then renamed atomically), then writes the log entry {@code
 * _spark_metadata/N} through the batch log ({@link BatchLog}: temporary file, fsync, atomic
 * publish) in Spark's format: a {@code v1} line, then one JSON line per file ({@code path}, {@code
 * size}, {@code modificationTime}, {@code action: "add"}, ...). A batch with no rows writes no data
 * file but is still committed. A batch whose log entry exists is skipped, so a batch replayed after
 * a restart is not written twice; data files of a batch that failed before its commit are left
 * behind but, as in Spark, readers that go through the log ({@link FileStreamSource} does) never
 * see them. When the sink writes its first batch in a process, it deletes the hidden temporary
 * files ({@code .part-*.tmp}, {@code _spark_metadata/.N.*.tmp}) that killed batches left behind: an
 * output directory has one writing query at a time, as in Spark.
 *
 * <p>Formats: {@code json} (one object per line; null fields omitted; timestamps as {@code
 * yyyy-MM-dd'T'HH:mm:ss.SSSXXX} in UTC unless options {@code timestampFormat}/{@code timeZone} say
 * otherwise; nested rows as objects, arrays as arrays, maps as objects, binary as base64), {@code
 * csv} (options {@code header}, default false, written at the top of each file, and {@code sep},
 * default ","; null as an empty field, empty strings as {@code ""}; flat columns only) and {@code
 * text} (exactly one string column; null as an empty line). Whole-file formats plug in through
 * {@link FileRecordFormat} ({@link #of(FileRecordFormat, String)}, e.g. Parquet from io-parquet).
 *
 * <p>{@link #withPartitionBy} writes Spark's Hive-style layout: a batch's rows are grouped by the
 * values of the partition columns, and each group is written without those columns to {@code
 * col=value/.../part-00000-<uuid>.<ext>} ({@link PartitionPaths}: values escaped as Spark does,
 * {@code __HIVE_DEFAULT_PARTITION__} for null); the batch's log entry lists every file.
 *
 * <pre>{@code
 * BatchSink sink = FileSink.json("out/events").withOption("timeZone", "Europe/Paris");
 * sink.addBatch(0, schema, rows);   // out/events/part-00000-<uuid>.json, out/events/_spark_metadata/0
 * }</pre>
 */
public final class FileSink implements BatchSink {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(FileSink.class);
  private static final JsonFactory JSON = new JsonFactory();

  /** Spark's default block size in the log's entries (it means nothing locally). */
  private static final long BLOCK_SIZE = 33_554_432L;

  @Nullable private final FileFormat format;
  @Nullable private final FileRecordFormat recordFormat;
  private final List<String> partitionBy;
  private final String path;
  private final Map<String, String> options;
  @Nullable private final RowFormatter formatter;

  /**
   * With a seed, a batch's file names are derived from it and the batch id (see withStableNames).
   */
  @Nullable private final String nameSeed;

  /** The {@code _spark_metadata} log, opened (and temporary files cleaned) at the first batch. */
  private transient BatchLog<List<String>> log;

  private FileSink(FileFormat format, String path, Map<String, String> options) {
    this(format, null, List.of(), path, options, null);
  }

  private FileSink(
      @Nullable FileFormat format,
      @Nullable FileRecordFormat recordFormat,
      List<String> partitionBy,
      String path,
      Map<String, String> options,
      @Nullable String nameSeed) {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException(
          "The file sink needs a path: the output directory (Spark's option 'path')");
    }
    this.format = format;
    this.partitionBy = List.copyOf(partitionBy);
    this.path = path;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    this.recordFormat = recordFormat == null ? null : recordFormat.withOptions(this.options);
    this.formatter = recordFormat == null ? new RowFormatter(format, options) : null;
    this.nameSeed = nameSeed;
  }

  /** Files in a whole-file {@code format} (such as Parquet) under {@code path}. */
  public static FileSink of(FileRecordFormat format, String path) {
    if (format == null) {
      throw new IllegalArgumentException("FileSink.of needs a format");
    }
    return new FileSink(null, format, List.of(), path, Map.of(), null);
  }

  /**
   * A copy writing Spark's {@code partitionBy(columns)} layout: {@code col=value/} directories, the
   * partition columns left out of the data files.
   */
  public FileSink withPartitionBy(String... columns) {
    return new FileSink(format, recordFormat, List.of(columns), path, options, nameSeed);
  }

  /**
   * A copy whose data files are named from {@code seed} and the batch id instead of a random UUID
   * (a streaming query passes its id, which its checkpoint keeps): a batch that runs again after a
   * crash, before its commit, then replaces the files its killed attempt left instead of adding
   * files beside them, so even a reader that ignores {@code _spark_metadata} sees each row once.
   */
  public FileSink withStableNames(String seed) {
    return new FileSink(format, recordFormat, partitionBy, path, options, seed);
  }

  /** The partition columns, empty if none. */
  public List<String> partitionBy() {
    return partitionBy;
  }

  /** JSON Lines files under {@code path}. */
  public static FileSink json(String path) {
    return new FileSink(FileFormat.JSON, path, Map.of());
  }

  /** CSV files under {@code path}. */
  public static FileSink csv(String path) {
    return new FileSink(FileFormat.CSV, path, Map.of());
  }

  /** Text files under {@code path}: one line per row of a single string column. */
  public static FileSink text(String path) {
    return new FileSink(FileFormat.TEXT, path, Map.of());
  }

  /** Files in the format Spark names {@code format}: {@code json}, {@code csv} or {@code text}. */
  public static FileSink format(String format, String path) {
    return new FileSink(FileFormat.fromString(format), path, Map.of());
  }

  /**
   * A copy with a Spark write option set ({@code header}, {@code sep}, {@code timeZone}, {@code
   * timestampFormat}, {@code dateFormat}; a whole-file format's own, such as Parquet's {@code
   * compression}; others are ignored).
   *
   * @throws IllegalArgumentException if the value is invalid
   */
  public FileSink withOption(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(options);
    copy.put(name, value);
    return new FileSink(format, recordFormat, partitionBy, path, copy, nameSeed);
  }

  /** A copy with the given options set. */
  public FileSink withOptions(Map<String, String> more) {
    Map<String, String> copy = new LinkedHashMap<>(options);
    copy.putAll(more);
    return new FileSink(format, recordFormat, partitionBy, path, copy, nameSeed);
  }

  /** The output directory as given. */
  public String path() {
    return path;
  }

  @Override
  public String description() {
    return "FileSink[" + path + "]";
  }

  /** The log entry of batch {@code batchId}. */
  Path logFile(long batchId) {
    return FileListing.absolute(path)
        .resolve(FileListing.METADATA_DIR)
        .resolve(Long.toString(batchId));
  }

  @Override
  public void addBatch(long batchId, Schema schema, List<Row> rows) throws IOException {
    Path dir = FileListing.absolute(path);
    BatchLog<List<String>> log = log(dir);
    if (log.contains(batchId)) {
      return; // committed before: a replayed batch
    }
    check(schema);
    List<Path> written = new ArrayList<>();
    if (!rows.isEmpty()) {
      written.addAll(writeDataFiles(dir, batchId, schema, rows));
    }
    commit(log, batchId, written);
  }

  /** Opens the log; the first time in this process, deletes temporary files of killed batches. */
  private BatchLog<List<String>> log(Path dir) throws IOException {
    if (log == null) {
      int stale = deleteStaleDataFiles(dir);
      if (stale > 0) {
        LOG.info("Deleted {} temporary data file(s) of killed batches in {}", stale, dir);
      }
      Path metadata = dir.resolve(FileListing.METADATA_DIR);
      // Before any data file: a reader that finds the directory reads through the log only.
      Files.createDirectories(metadata);
      log = BatchLog.open(CheckpointFiles.of(metadata.toString()), LogCodec.lines());
    }
    return log;
  }

  private static int deleteStaleDataFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int deleted = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.startsWith(".part-") && name.endsWith(".tmp") && Files.isRegularFile(f)) {
          Files.deleteIfExists(f);
          deleted++;
        }
      }
    }
    return deleted;
  }

  private void check(Schema schema) {
    dataFiles().check(schema);
  }

  private DataFileWriter dataFiles() {
    return new DataFileWriter(format, recordFormat, formatter, partitionBy);
  }

  /** The batch's data files: one, or one per partition (rows grouped in order of first sight). */
  private List<Path> writeDataFiles(Path dir, long batchId, Schema schema, List<Row> rows)
      throws IOException {
    return dataFiles().write(dir, schema, rows, partition -> fileId(batchId, partition));
  }

  /** The id in a data file's name: random, or derived from the seed, batch and partition. */
  private UUID fileId(long batchId, String partition) {
    if (nameSeed == null) {
      return UUID.randomUUID();
    }
    return UUID.nameUUIDFromBytes(
        (nameSeed + "/" + batchId + "/" + partition).getBytes(StandardCharsets.UTF_8));
  }

  private static void commit(BatchLog<List<String>> log, long batchId, List<Path> files)
      throws IOException {
    List<String> entry = new ArrayList<>();
    for (Path file : files) {
      StringWriter line = new StringWriter();
      try (JsonGenerator gen = JSON.createGenerator(line)) {
        gen.writeStartObject();
        gen.writeStringField("path", file.toUri().toString());
        gen.writeNumberField("size", Files.size(file));
        gen.writeBooleanField("isDir", false);
        gen.writeNumberField("modificationTime", Files.getLastModifiedTime(file).toMillis());
        gen.writeNumberField("blockReplication", 1);
        gen.writeNumberField("blockSize", BLOCK_SIZE);
        gen.writeStringField("action", "add");
        gen.writeEndObject();
      }
      entry.add(line.toString());
    }
    log.add(batchId, entry); // false: another attempt committed the batch first
  }
}
