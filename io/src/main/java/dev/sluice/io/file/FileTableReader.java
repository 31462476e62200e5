package dev.sluice.io.file;

import dev.sluice.io.format.CsvRowParser;
import dev.sluice.io.format.CsvSchemaInference;
import dev.sluice.io.format.JsonRowParser;
import dev.sluice.io.format.JsonSchemaInference;
import dev.sluice.io.format.ParsedLine;
import dev.sluice.io.format.RowParser;
import dev.sluice.io.format.TextLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.values.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a static table from files, the way Spark's batch {@code spark.read.json(paths)} does: the
 * files of each path (a file, a directory with its Hive-style {@code col=value/} subdirectories, or
 * a glob; a directory written by a streaming file sink through its {@code _spark_metadata} log),
 * skipping hidden ({@code .x}, {@code _x}) and in-progress files, in path order.
 *
 * <p>Formats: {@code json} and {@code csv} parsed by {@link JsonRowParser} and {@link CsvRowParser}
 * with Spark's options and parse modes ({@code mode}, {@code columnNameOfCorruptRecord}, {@code
 * header}, ...); {@code text} as {@code value STRING} per line ({@code wholetext=true}: per file);
 * whole-file formats through {@link FileRecordFormat} (a corrupt file fails naming it, or with
 * {@code ignoreCorruptFiles=true} is skipped from where it broke). Partition directories become
 * columns, typed as Spark infers them unless the schema names them.
 *
 * <p>{@link #inferSchema()} is Spark's inference for JSON ({@link JsonSchemaInference}) and CSV
 * ({@link CsvSchemaInference}: all strings unless {@code inferSchema=true}), plus the partition
 * columns. The files are listed when the reader is made; {@link #read} reads them each time it is
 * called (a file deleted since fails naming it).
 *
 * <pre>{@code
 * FileTableReader people = FileTableReader.format("csv", List.of("data/people"),
 *     Map.of("header", "true", "inferSchema", "true"));
 * Schema schema = people.inferSchema();   // name STRING, age INT, country STRING (a partition)
 * List<Row> rows = people.read(schema);
 * }</pre>
 */
public final class FileTableReader {
  private static final Logger LOG = LoggerFactory.getLogger(FileTableReader.class);

  @Nullable private final FileFormat format;
  @Nullable private final FileRecordFormat recordFormat;
  private final Map<String, String> options;

  /** Each file with the base directory its partition directories are relative to. */
  private final Map<Path, Path> files;

  private FileTableReader(
      @Nullable FileFormat format,
      @Nullable FileRecordFormat recordFormat,
      List<String> paths,
      Map<String, String> options) {
    this.format = format;
    this.recordFormat = recordFormat;
    this.options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    if (paths.isEmpty()) {
      throw new IllegalArgumentException(
          "No path to read: give at least one file, directory or glob, e.g. load(\"data/in\")");
    }
    this.files = list(paths);
  }

  /** Files in the format Spark names {@code format}: {@code json}, {@code csv} or {@code text}. */
  public static FileTableReader format(
      String format, List<String> paths, Map<String, String> options) {
    return new FileTableReader(FileFormat.fromString(format), null, paths, options);
  }

  /** Files in a whole-file {@code format} (such as io-parquet's {@code ParquetFormat}). */
  public static FileTableReader of(
      FileRecordFormat format, List<String> paths, Map<String, String> options) {
    return new FileTableReader(null, format, paths, options);
  }

  private static Map<Path, Path> list(List<String> paths) {
    Map<Path, Path> files = new TreeMap<>();
    for (String path : paths) {
      if (!FileListing.isGlob(path) && !Files.exists(FileListing.absolute(path))) {
        throw new IllegalArgumentException(
            "[PATH_NOT_FOUND] Path does not exist: " + FileListing.qualified(path) + ".");
      }
      Path base = FileListing.baseDirectory(path);
      try {
        for (FileEntry entry : FileListing.list(path, true)) {
          files.put(Paths.get(entry.path), base);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + FileListing.qualified(path), e);
      }
    }
    return files;
  }

  /** The files read, in reading (path) order. */
  public List<Path> files() {
    return new ArrayList<>(files.keySet());
  }

  /**
   * The partition columns found in the directory names, in path order, typed as Spark infers them
   * ({@code int}, {@code bigint}, {@code double}, {@code date}, {@code timestamp}, else {@code
   * string}).
   */
  public Schema partitionSchema() {
    Map<String, List<String>> values = new LinkedHashMap<>();
    files.forEach(
        (file, base) ->
            PartitionPaths.values(base, file)
                .forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v)));
    Schema.Builder builder = Schema.builder();
    values.forEach(
        (name, raw) -> builder.addField(name, PartitionPaths.inferType(raw).withNullable(true)));
    return builder.build();
  }

  /**
   * Spark's schema of the files: inferred from the JSON or CSV lines, {@code value STRING} for
   * text, then the partition columns not among those columns.
   *
   * @throws IllegalArgumentException for a whole-file format (its module infers it, e.g. {@code
   *     ParquetFiles.inferSchema}), or if JSON has no file to infer from
   */
  public Schema inferSchema() {
    Schema data;
    if (recordFormat != null) {
      throw new IllegalArgumentException(
          "The " + recordFormat.name() + " format infers its schema in its own module");
    }
    switch (format) {
      case JSON:
        if (files.isEmpty()) {
          throw new IllegalArgumentException(
              "Unable to infer schema for JSON. It must be specified manually: there are no files"
                  + " to read");
        }
        data = JsonSchemaInference.infer(lines(), options);
        break;
      case CSV:
        data = CsvSchemaInference.infer(lines(), options);
        break;
      default:
        data = Schema.builder().addNullableField("value", FieldType.STRING).build();
    }
    return withPartitionColumns(data);
  }

  /** {@code schema} with the partition columns it does not name appended, as Spark does. */
  public Schema withPartitionColumns(Schema schema) {
    Schema.Builder builder = Schema.builder();
    schema.getFields().forEach(builder::addField);
    Map<String, Boolean> names = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    schema.getFieldNames().forEach(n -> names.put(n, true));
    for (Schema.Field p : partitionSchema().getFields()) {
      if (!names.containsKey(p.getName())) {
        builder.addField(p);
      }
    }
    return builder.build();
  }

  /** Every line of every file, in order, for inference. */
  private List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (Path file : files.keySet()) {
      try {
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file, e);
      }
    }
    return lines;
  }

  /**
   * The rows of every file as rows of {@code schema} (columns named like a partition directory take
   * its value); a malformed record follows the {@code mode} option.
   *
   * @throws UncheckedIOException naming a file that disappeared or cannot be read
   */
  public List<Row> read(Schema schema) {
    List<Row> rows = new ArrayList<>();
    RowParser parser = null;
    for (Map.Entry<Path, Path> file : files.entrySet()) {
      FilePartition partition =
          new FilePartition(file.getValue(), file.getKey().toString(), schema);
      try {
        if (recordFormat != null) {
          readWholeFile(file.getKey(), partition, rows);
        } else {
          if (parser == null) {
            parser = parser(partition.dataSchema);
          }
          readLines(file.getKey(), partition, parser, rows);
        }
      } catch (NoSuchFileException e) {
        throw new UncheckedIOException(
            "File "
                + file.getKey()
                + " does not exist any more: the files were listed when the frame was made; read"
                + " the path again",
            e);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file.getKey() + ": " + e.getMessage(), e);
      }
    }
    return rows;
  }

  @Nullable
  private RowParser parser(Schema dataSchema) {
    switch (format) {
      case JSON:
        return JsonRowParser.of(dataSchema).withOptions(readOptions());
      case CSV:
        return CsvRowParser.of(dataSchema).withOptions(readOptions());
      default:
        return null;
    }
  }

  /** The options without the inference-only ones, which the parsers do not take. */
  private Map<String, String> readOptions() {
    return CsvSchemaInference.parserOptions(options);
  }

  private void readLines(
      Path file, FilePartition partition, @Nullable RowParser parser, List<Row> rows)
      throws IOException {
    if (parser == null && bool("wholetext")) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      rows.add(partition.row(Row.withSchema(partition.dataSchema).addValue(text).build()));
      return;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      long number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (parser == null) {
          rows.add(partition.row(Row.withSchema(partition.dataSchema).addValue(line).build()));
          continue;
        }
        ParsedLine parsed = parser.parse(TextLine.of(file.toString(), number, line));
        for (Row row : parsed.rows()) {
          rows.add(partition.row(row));
        }
      }
    }
  }

  private void readWholeFile(Path file, FilePartition partition, List<Row> rows)
      throws IOException {
    try (FileRecordFormat.RowReader reader = recordFormat.open(file, partition.dataSchema)) {
      Row row;
      while ((row = reader.next()) != null) {
        rows.add(partition.row(row));
      }
    } catch (CorruptFileException e) {
      if (!bool("ignoreCorruptFiles")) {
        throw e;
      }
      LOG.warn("Skipped the rest of corrupt file {} (ignoreCorruptFiles=true)", file, e);
    }
  }

  private boolean bool(String name) {
    for (Map.Entry<String, String> o : options.entrySet()) {
      if (o.getKey().equalsIgnoreCase(name)) {
        String v = o.getValue().trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
          throw new IllegalArgumentException(
              "Option " + name + " must be true or false, but is '" + o.getValue() + "'");
        }
        return v.equals("true");
      }
    }
    return false;
  }
}
