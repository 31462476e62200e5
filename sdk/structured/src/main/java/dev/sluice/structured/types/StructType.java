package dev.sluice.structured.types;

import dev.sluice.io.schema.SparkTypes;
import dev.sluice.structured.internal.types.BeamTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Spark's {@code StructType}: the schema of a DataFrame, or the type of a struct column — an
 * ordered list of {@link StructField}s. Immutable: {@code add} returns a new type. Give it wherever
 * a schema is taken ({@code readStream().schema(..)}, {@code createDataFrame(rows, ..)}, {@code
 * from_json(col, ..)}); {@code DataFrame.schema()} returns one.
 *
 * <pre>{@code
 * import dev.sluice.structured.types.*;
 *
 * StructType schema = new StructType()
 *     .add("id", DataTypes.IntegerType, false)
 *     .add("name", DataTypes.StringType)
 *     .add("value", "double")
 *     .add("timestamp", DataTypes.TimestampType, true, "when it happened");
 * schema.fieldNames();     // [id, name, value, timestamp]
 * schema.simpleString();   // "struct<id:int,name:string,value:double,timestamp:timestamp>"
 * schema.toDDL();          // "id INT NOT NULL,name STRING,value DOUBLE,timestamp TIMESTAMP COMMENT ..."
 * System.out.print(schema.treeString());
 * // root
 * //  |-- id: integer (nullable = false)
 * //  |-- name: string (nullable = true)
 * //  ...
 * }</pre>
 */
public final class StructType extends DataType implements Iterable<StructField> {
  private final List<StructField> fields;

  /** No fields; grow it with {@code add}. */
  public StructType() {
    this.fields = List.of();
  }

  /** The given fields, in order (Spark's {@code new StructType(fields)}). */
  public StructType(StructField[] fields) {
    this(Arrays.asList(fields));
  }

  StructType(List<StructField> fields) {
    List<StructField> copy = new ArrayList<>(fields.size());
    for (StructField f : fields) {
      if (f == null) {
        throw new IllegalArgumentException("A StructType cannot have a null field: " + fields);
      }
      copy.add(f);
    }
    this.fields = Collections.unmodifiableList(copy);
  }

  /** Parses a DDL column list: {@code StructType.fromDDL("id INT NOT NULL, name STRING")}. */
  public static StructType fromDDL(String ddl) {
    return BeamTypes.parseStructDdl(ddl);
  }

  /** A new type with {@code field} appended. */
  public StructType add(StructField field) {
    List<StructField> more = new ArrayList<>(fields);
    more.add(field);
    return new StructType(more);
  }

  /** A new type with a nullable field appended. */
  public StructType add(String name, DataType dataType) {
    return add(new StructField(name, dataType, true, Metadata.empty()));
  }

  public StructType add(String name, DataType dataType, boolean nullable) {
    return add(new StructField(name, dataType, nullable, Metadata.empty()));
  }

  public StructType add(String name, DataType dataType, boolean nullable, Metadata metadata) {
    return add(new StructField(name, dataType, nullable, metadata));
  }

  public StructType add(String name, DataType dataType, boolean nullable, String comment) {
    return add(new StructField(name, dataType, nullable, Metadata.empty()).withComment(comment));
  }

  /** A new type with a nullable field of a DDL type ({@code add("tags", "array<string>")}). */
  public StructType add(String name, String dataType) {
    return add(name, DataType.fromDDL(dataType), true);
  }

  public StructType add(String name, String dataType, boolean nullable) {
    return add(name, DataType.fromDDL(dataType), nullable);
  }

  public StructType add(String name, String dataType, boolean nullable, Metadata metadata) {
    return add(name, DataType.fromDDL(dataType), nullable, metadata);
  }

  public StructType add(String name, String dataType, boolean nullable, String comment) {
    return add(name, DataType.fromDDL(dataType), nullable, comment);
  }

  /** The fields, in order. */
  public StructField[] fields() {
    return fields.toArray(new StructField[0]);
  }

  /** The field names, in order. */
  public String[] fieldNames() {
    return fields.stream().map(StructField::name).toArray(String[]::new);
  }

  /** Same as {@link #fieldNames()}. */
  public String[] names() {
    return fieldNames();
  }

  /** The number of fields. */
  public int length() {
    return fields.size();
  }

  /** The number of fields. */
  public int size() {
    return fields.size();
  }

  /** The field at {@code index}. */
  public StructField apply(int index) {
    return fields.get(index);
  }

  /**
   * The field named {@code name} (exact case, as Spark's).
   *
   * @throws IllegalArgumentException naming the fields there are
   */
  public StructField apply(String name) {
    return fields.get(fieldIndex(name));
  }

  /**
   * The index of the field named {@code name}.
   *
   * @throws IllegalArgumentException naming the fields there are
   */
  public int fieldIndex(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "No such struct field `"
            + name
            + "` in "
            + fields.stream().map(f -> "`" + f.name() + "`").collect(Collectors.joining(", "))
            + ".");
  }

  @Override
  public Iterator<StructField> iterator() {
    return fields.iterator();
  }

  @Override
  public String typeName() {
    return "struct";
  }

  @Override
  public String simpleString() {
    return fields.stream()
        .map(f -> f.name() + ":" + f.dataType().simpleString())
        .collect(Collectors.joining(",", "struct<", ">"));
  }

  @Override
  public String sql() {
    return fields.stream()
        .map(
            f ->
                quoteIfNeeded(f.name())
                    + ": "
                    + f.dataType().sql()
                    + (f.nullable() ? "" : " NOT NULL")
                    + f.getComment()
                        .map(c -> " COMMENT '" + c.replace("'", "\\'") + "'")
                        .orElse(""))
        .collect(Collectors.joining(", ", "STRUCT<", ">"));
  }

  /** The fields as a DDL column list, e.g. {@code id INT NOT NULL,name STRING}. */
  public String toDDL() {
    return fields.stream().map(StructField::toDDL).collect(Collectors.joining(","));
  }

  /** The schema as Spark's {@code printSchema()} prints it, ending with a newline. */
  public String treeString() {
    StringBuilder out = new StringBuilder("root\n");
    appendFields(this, " |", out);
    return out.toString();
  }

  /** Prints {@link #treeString()} to standard output. */
  public void printTreeString() {
    System.out.print(treeString());
  }

  private static void appendFields(StructType struct, String prefix, StringBuilder out) {
    for (StructField f : struct.fields) {
      out.append(prefix)
          .append("-- ")
          .append(SparkTypes.escapeMetaCharacters(f.name()))
          .append(": ")
          .append(f.dataType().typeName())
          .append(" (nullable = ")
          .append(f.nullable())
          .append(")\n");
      appendNested(f.dataType(), prefix + "    |", out);
    }
  }

  private static void appendNested(DataType type, String prefix, StringBuilder out) {
    if (type instanceof StructType) {
      appendFields((StructType) type, prefix, out);
    } else if (type instanceof ArrayType) {
      ArrayType a = (ArrayType) type;
      out.append(prefix)
          .append("-- element: ")
          .append(a.elementType().typeName())
          .append(" (containsNull = ")
          .append(a.containsNull())
          .append(")\n");
      appendNested(a.elementType(), prefix + "    |", out);
    } else if (type instanceof MapType) {
      MapType m = (MapType) type;
      out.append(prefix).append("-- key: ").append(m.keyType().typeName()).append("\n");
      appendNested(m.keyType(), prefix + "    |", out);
      out.append(prefix)
          .append("-- value: ")
          .append(m.valueType().typeName())
          .append(" (valueContainsNull = ")
          .append(m.valueContainsNull())
          .append(")\n");
      appendNested(m.valueType(), prefix + "    |", out);
    }
  }

  /** A name as DDL writes it: plain if letters, digits and '_', else in backquotes. */
  static String quoteIfNeeded(String name) {
    if (name.matches("[A-Za-z0-9_]+") && !name.matches("[0-9]+")) {
      return name;
    }
    return "`" + name.replace("`", "``") + "`";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StructType && ((StructType) o).fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  /** As Spark prints it: {@code StructType(StructField(id,IntegerType,false),...)}. */
  @Override
  public String toString() {
    return fields.stream()
        .map(StructField::toString)
        .collect(Collectors.joining(",", "StructType(", ")"));
  }
}
