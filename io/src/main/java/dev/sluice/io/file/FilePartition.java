package dev.sluice.io.file;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * One file's partition values ({@code col=value/} directories between the source's base directory
 * and the file) applied to the source's schema: the columns the file itself holds ({@link
 * #dataSchema}) and the rows with the partition columns filled in.
 */
final class FilePartition {
  final Schema dataSchema;
  private final Schema schema;
  private final Object[] partitionValues;
  private final boolean[] isPartition;

  FilePartition(Path base, String file, Schema schema) {
    this.schema = schema;
    Map<String, String> raw = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    raw.putAll(PartitionPaths.values(base, Paths.get(file)));
    int n = schema.getFieldCount();
    partitionValues = new Object[n];
    isPartition = new boolean[n];
    Schema.Builder data = Schema.builder();
    for (int i = 0; i < n; i++) {
      Schema.Field field = schema.getField(i);
      if (raw.containsKey(field.getName())) {
        isPartition[i] = true;
        try {
          partitionValues[i] =
              PartitionPaths.parse(field.getName(), raw.get(field.getName()), field.getType());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(e.getMessage() + " (file " + file + ")", e);
        }
      } else {
        data.addField(field);
      }
    }
    dataSchema = data.build();
  }

  /** {@code data} (a row of {@link #dataSchema}) with the partition columns added. */
  Row row(Row data) {
    if (data.getSchema().getFieldCount() == schema.getFieldCount()) {
      return data;
    }
    Object[] values = new Object[schema.getFieldCount()];
    int next = 0;
    for (int i = 0; i < values.length; i++) {
      values[i] = isPartition[i] ? partitionValues[i] : data.getValue(next++);
    }
    return Row.withSchema(schema).addValues(values).build();
  }
}
