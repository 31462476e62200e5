package dev.sluice.io.file;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.annotation.Nullable;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Writes rows as the data files of a directory, the part both the streaming {@link FileSink} and
 * the static {@link FileTableWriter} use: one {@code part-00000-<uuid>.<ext>} (or one per
 * Hive-style {@code col=value/} partition), each written under a hidden temporary name and renamed
 * into place.
 */
final class DataFileWriter {
  @Nullable private final FileFormat format;
  @Nullable private final FileRecordFormat recordFormat;
  @Nullable private final RowFormatter formatter;
  private final List<String> partitionBy;

  DataFileWriter(
      @Nullable FileFormat format,
      @Nullable FileRecordFormat recordFormat,
      @Nullable RowFormatter formatter,
      List<String> partitionBy) {
    this.format = format;
    this.recordFormat = recordFormat;
    this.formatter = formatter;
    this.partitionBy = partitionBy;
  }

  /**
   * Checks that rows of {@code schema} can be written: the partition columns, then the data columns
   * by the format.
   *
   * @throws IllegalArgumentException naming the column that cannot be written
   */
  void check(Schema schema) {
    Schema data = schema;
    if (!partitionBy.isEmpty()) {
      PartitionPaths.check(schema, partitionBy);
      data = dataSchema(schema, new ArrayList<>());
    }
    if (recordFormat != null) {
      recordFormat.check(data);
    } else {
      formatter.check(data);
    }
  }

  private Schema dataSchema(Schema schema, List<Integer> dataColumns) {
    Schema.Builder builder = Schema.builder();
    for (int i = 0; i < schema.getFieldCount(); i++) {
      if (!partitionBy.contains(schema.getField(i).getName())) {
        builder.addField(schema.getField(i));
        dataColumns.add(i);
      }
    }
    return builder.build();
  }

  /** The data files of {@code rows}: one, or one per partition (in order of first sight). */
  List<Path> write(Path dir, Schema schema, List<Row> rows) throws IOException {
    return write(dir, schema, rows, partition -> UUID.randomUUID());
  }

  /**
   * As {@link #write(Path, Schema, List)}, naming each file {@code part-00000-<id>} with the id
   * {@code ids} gives its partition directory ({@code ""} without partitions); an existing file of
   * that name is replaced.
   */
  List<Path> write(Path dir, Schema schema, List<Row> rows, Function<String, UUID> ids)
      throws IOException {
    if (partitionBy.isEmpty()) {
      return List.of(writeFile(dir, ids.apply(""), schema, rows));
    }
    List<Integer> dataColumns = new ArrayList<>();
    Schema data = dataSchema(schema, dataColumns);
    Map<String, List<Row>> groups = new LinkedHashMap<>();
    for (Row row : rows) {
      List<Object> values = new ArrayList<>(dataColumns.size());
      dataColumns.forEach(i -> values.add(row.getValue(i)));
      groups
          .computeIfAbsent(PartitionPaths.directory(row, partitionBy), d -> new ArrayList<>())
          .add(Row.withSchema(data).attachValues(values));
    }
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, List<Row>> group : groups.entrySet()) {
      Path partitionDir = dir.resolve(group.getKey());
      Files.createDirectories(partitionDir);
      files.add(writeFile(partitionDir, ids.apply(group.getKey()), data, group.getValue()));
    }
    return files;
  }

  private Path writeFile(Path dir, UUID id, Schema schema, List<Row> rows) throws IOException {
    String extension = recordFormat != null ? recordFormat.fileExtension() : format.extension;
    String name = "part-00000-" + id + "." + extension;
    Path temp = dir.resolve("." + name + ".tmp");
    if (recordFormat != null) {
      try {
        recordFormat.write(temp, schema, rows);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
    } else {
      try (OutputStream stream = Files.newOutputStream(temp);
          Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8))) {
        String header = formatter.headerLine(schema);
        if (header != null) {
          out.write(header);
          out.write('\n');
        }
        for (Row row : rows) {
          out.write(formatter.line(row));
          out.write('\n');
        }
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
    }
    Path target = dir.resolve(name);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }
}
