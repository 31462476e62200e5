package dev.sluice.io.file;

import com.google.auto.value.AutoValue;
import dev.sluice.io.format.CsvRowParser;
import dev.sluice.io.format.JsonRowParser;
import dev.sluice.io.format.RowParser;
import dev.sluice.io.schema.DdlSchema;
import dev.sluice.io.schema.SparkTypes;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchedCoder;
import dev.sluice.io.stream.SourceLog;
import dev.sluice.io.stream.StatusKey;
import java.nio.file.Files;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Spark's file stream source ({@code spark.readStream.json("in/")}): reads new files of a directory
 * as micro-batches of rows.
 *
 * <p>At each trigger the source lists the directory (or the files matching a glob such as {@code
 * in/*.json}), takes the files it has not read yet, oldest modification time first (newest first
 * with {@code latestFirst}; ties by name), at most {@code maxFilesPerTrigger} of them, and emits
 * their rows as one batch (see {@link dev.sluice.io.stream} for the batch contract and {@link
 * BatchTrigger} for the triggers). A file is read once, even if it changes later. Skipped: names
 * starting with {@code .} or {@code _}, names ending in {@code ._COPYING_} or {@code .tmp}
 * (in-progress files), and, after the first batch, files older than the newest file seen minus
 * {@code maxFileAge} (default 7 days; ignored when both {@code latestFirst} and {@code
 * maxFilesPerTrigger} are set). A directory written by {@link FileSink} (it has {@code
 * _spark_metadata/}) is read through its commit log only, so files of unfinished batches are never
 * read.
 *
 * <p>Formats: {@code json} (JSON Lines) and {@code csv} are parsed by {@link JsonRowParser} and
 * {@link CsvRowParser} with the given options ({@code header}, {@code sep}, {@code mode}, {@code
 * columnNameOfCorruptRecord}, {@code timestampFormat}, ...); {@code text} gives one row {@code
 * value STRING} per line ({@code wholetext=true}: per file). Malformed records follow the {@code
 * mode} option: {@code PERMISSIVE} keeps them (nulls, and the raw text in the corrupt-record column
 * if the schema has one), {@code DROPMALFORMED} drops them and counts them in {@link
 * dev.sluice.io.stream.BatchEnd#numDroppedMalformed()}, {@code FAILFAST} fails the pipeline with a
 * {@link dev.sluice.io.format.MalformedRecordException} naming the file and line (batches before it
 * are already out). Rows have the schema made nullable, as in Spark.
 *
 * <p>Whole-file formats plugged in through {@link FileRecordFormat} ({@link #of(FileRecordFormat,
 * Schema, String)}, e.g. Parquet from io-parquet) also read Hive-style partition directories
 * ({@code day=2024-05-01/}, listed recursively): a schema column named as a partition directory
 * takes the directory's value, parsed as the column's type ({@link PartitionPaths}). A file the
 * format cannot decode fails the pipeline with a {@link CorruptFileException} naming it, or, with
 * option {@code ignoreCorruptFiles=true}, is skipped from where it broke, logged and counted in
 * {@link dev.sluice.io.stream.BatchEnd#numDroppedMalformed()} (one per file).
 *
 * <p>Progress: description {@code FileStreamSource[file:/abs/in]}; offsets {@code {"logOffset":N}},
 * N counting the batches that read files from 0.
 *
 * <pre>{@code
 * Schema schema = DdlSchema.parse("id STRING, action STRING, ts TIMESTAMP");
 * PCollection<Batched<Row>> events =
 *     p.apply(FileStreamSource.json(schema, "data/mobile")
 *         .withMaxFilesPerTrigger(1)
 *         .withOption("mode", "DROPMALFORMED")
 *         .withTrigger(BatchTrigger.availableNow()));
 * }</pre>
 */
@AutoValue
public abstract class FileStreamSource extends PTransform<PBegin, PCollection<Batched<Row>>> {
  private static final long serialVersionUID = 1L;

  @Nullable
  abstract FileFormat format();

  /** The plugged-in whole-file format, or null for json, csv and text. */
  @Nullable
  public abstract FileRecordFormat recordFormat();

  /** The schema given (for text: {@code value STRING}). */
  public abstract Schema schema();

  /** The directory or glob read. */
  public abstract String path();

  /** The options set, source and format options together. */
  public abstract Map<String, String> options();

  /** When batches are closed; default {@code processingTime(0)}, Spark's default trigger. */
  public abstract BatchTrigger trigger();

  @Nullable
  abstract StatusKey statusKey();

  @Nullable
  abstract SourceLog log();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setFormat(@Nullable FileFormat format);

    abstract Builder setRecordFormat(@Nullable FileRecordFormat recordFormat);

    abstract Builder setSchema(Schema schema);

    abstract Builder setPath(String path);

    abstract Builder setOptions(Map<String, String> options);

    abstract Builder setTrigger(BatchTrigger trigger);

    abstract Builder setStatusKey(@Nullable StatusKey statusKey);

    abstract Builder setLog(@Nullable SourceLog log);

    abstract FileStreamSource build();
  }

  /** JSON Lines files of {@code path} as rows of {@code schema}. */
  public static FileStreamSource json(Schema schema, String path) {
    return of(FileFormat.JSON, schema, path);
  }

  /** CSV files of {@code path} as rows of {@code schema}. */
  public static FileStreamSource csv(Schema schema, String path) {
    return of(FileFormat.CSV, schema, path);
  }

  /** Text files of {@code path}, one row {@code value STRING} per line. */
  public static FileStreamSource text(String path) {
    return of(FileFormat.TEXT, DdlSchema.parse("value STRING"), path);
  }

  /**
   * Files of {@code path} in the format Spark names {@code format} ({@code json}, {@code csv} or
   * {@code text}; for text the schema must be null or {@code value STRING}).
   */
  public static FileStreamSource format(String format, @Nullable Schema schema, String path) {
    FileFormat f = FileFormat.fromString(format);
    if (f == FileFormat.TEXT) {
      if (schema != null
          && !(schema.getFieldCount() == 1
              && schema.getField(0).getType().getTypeName() == Schema.TypeName.STRING)) {
        throw new IllegalArgumentException(
            "The text format reads one STRING column (value STRING), not "
                + SparkTypes.simpleString(schema)
                + "; drop the schema, or read json or csv");
      }
      return text(path).withSchemaOf(schema);
    }
    if (schema == null) {
      throw new IllegalArgumentException(
          "The "
              + f.sparkName()
              + " file source needs a schema (Spark's streaming sources do not infer one): pass"
              + " e.g. DdlSchema.parse(\"id STRING, ts TIMESTAMP\")");
    }
    return of(f, schema, path);
  }

  /**
   * Files of {@code path} in a whole-file {@code format} (such as Parquet) as rows of {@code
   * schema}; partition columns in {@code schema} are read from {@code col=value/} directories.
   */
  public static FileStreamSource of(FileRecordFormat format, Schema schema, String path) {
    if (format == null) {
      throw new IllegalArgumentException("FileStreamSource.of needs a format");
    }
    return of((FileFormat) null, schema, path).toBuilder().setRecordFormat(format).build();
  }

  private FileStreamSource withSchemaOf(@Nullable Schema schema) {
    return schema == null ? this : toBuilder().setSchema(schema).build();
  }

  private static FileStreamSource of(@Nullable FileFormat format, Schema schema, String path) {
    if (schema == null) {
      throw new IllegalArgumentException(
          "The file source needs a schema, e.g. DdlSchema.parse(\"id STRING, ts TIMESTAMP\")");
    }
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("The file source needs a path: the directory to read");
    }
    return new AutoValue_FileStreamSource.Builder()
        .setFormat(format)
        .setSchema(schema)
        .setPath(path)
        .setOptions(Collections.emptyMap())
        .setTrigger(BatchTrigger.processingTime(0))
        .build();
  }

  /**
   * A copy with a Spark option set: the source's ({@code maxFilesPerTrigger}, {@code latestFirst},
   * {@code maxFileAge}, {@code wholetext}) or the format's ({@code header}, {@code mode}, ...).
   */
  public FileStreamSource withOption(String name, String value) {
    if (name == null || value == null) {
      throw new IllegalArgumentException("withOption needs a name and a value");
    }
    Map<String, String> options = new LinkedHashMap<>(options());
    options.put(name, value);
    return toBuilder().setOptions(Collections.unmodifiableMap(options)).build();
  }

  /** A copy with the given options set. */
  public FileStreamSource withOptions(Map<String, String> options) {
    FileStreamSource result = this;
    for (Map.Entry<String, String> option : options.entrySet()) {
      result = result.withOption(option.getKey(), option.getValue());
    }
    return result;
  }

  /** Spark's {@code maxFilesPerTrigger}: at most this many new files per batch. */
  public FileStreamSource withMaxFilesPerTrigger(int maxFiles) {
    return withOption("maxFilesPerTrigger", Integer.toString(maxFiles));
  }

  /** Spark's {@code latestFirst}: newest files first. */
  public FileStreamSource withLatestFirst(boolean latestFirst) {
    return withOption("latestFirst", Boolean.toString(latestFirst));
  }

  /** Spark's {@code maxFileAge}, e.g. {@code "7d"} (the default) or {@code "1h"}. */
  public FileStreamSource withMaxFileAge(String maxFileAge) {
    return withOption("maxFileAge", maxFileAge);
  }

  /** A copy with the given trigger. */
  public FileStreamSource withTrigger(BatchTrigger trigger) {
    if (trigger == null) {
      throw new IllegalArgumentException("withTrigger needs a trigger, e.g. BatchTrigger.once()");
    }
    return toBuilder().setTrigger(trigger).build();
  }

  /** A copy that reports its {@link dev.sluice.io.stream.SourceStatus} under {@code key}. */
  public FileStreamSource withStatusKey(StatusKey key) {
    return toBuilder().setStatusKey(key).build();
  }

  /**
   * A copy that records its batches in {@code log} and starts from its resume point (a query with a
   * checkpoint location); null: no log.
   */
  public FileStreamSource withLog(@Nullable SourceLog log) {
    return toBuilder().setLog(log).build();
  }

  /** The parser of the format with the options; null for text. */
  @Nullable
  RowParser parser() {
    if (format() == null) {
      return null;
    }
    switch (format()) {
      case JSON:
        return JsonRowParser.of(schema()).withOptions(options());
      case CSV:
        return CsvRowParser.of(schema()).withOptions(options());
      default:
        return null;
    }
  }

  /** The schema of the rows emitted: the schema made nullable. */
  public Schema outputSchema() {
    return SparkTypes.asNullable(schema());
  }

  @Override
  public PCollection<Batched<Row>> expand(PBegin input) {
    FileUnboundedSource source = unboundedSource();
    return input
        .apply("ReadFiles", Read.from(source))
        .setCoder(BatchedCoder.of(RowCoder.of(source.schema)));
  }

  /** The Beam source, after checking the path and the options. */
  FileUnboundedSource unboundedSource() {
    if (!FileListing.isGlob(path()) && !Files.exists(FileListing.absolute(path()))) {
      throw new IllegalArgumentException(FileListing.missingPathMessage(path()));
    }
    FileSourceOptions sourceOptions = new FileSourceOptions(options());
    RowParser parser = parser();
    Schema out = parser == null ? outputSchema() : parser.outputSchema();
    return new FileUnboundedSource(
        format(),
        recordFormat(),
        path(),
        parser,
        out,
        sourceOptions,
        trigger(),
        statusKey(),
        log(),
        RowCoder.of(out));
  }

  /** Spark's name of the format read, e.g. {@code json} or {@code parquet}. */
  public String formatName() {
    return recordFormat() != null ? recordFormat().name() : format().sparkName();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("format", formatName()))
        .add(DisplayData.item("path", path()))
        .add(DisplayData.item("trigger", trigger().toString()));
  }
}
