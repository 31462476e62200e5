package dev.sluice.structured.types;

import java.util.Objects;
import java.util.Optional;

/**
 * Spark's {@code StructField}: a named, typed field of a {@link StructType}, nullable or not, with
 * {@link Metadata} (Spark keeps a field's comment there).
 *
 * <pre>{@code
 * StructField id = new StructField("id", DataTypes.IntegerType, false, Metadata.empty());
 * StructField name = DataTypes.createStructField("name", DataTypes.StringType, true);
 * id.toDDL();                                   // "id INT NOT NULL"
 * name.withComment("display name").toDDL();     // "name STRING COMMENT 'display name'"
 * }</pre>
 */
public final class StructField {
  private final String name;
  private final DataType dataType;
  private final boolean nullable;
  private final Metadata metadata;

  /** A field (Spark's four-argument constructor, as Java code calls it). */
  public StructField(String name, DataType dataType, boolean nullable, Metadata metadata) {
    if (name == null) {
      throw new IllegalArgumentException("A struct field needs a name; it is null");
    }
    this.name = name;
    this.dataType = Objects.requireNonNull(dataType, "dataType of field " + name);
    this.nullable = nullable;
    this.metadata = metadata == null ? Metadata.empty() : metadata;
  }

  /** A field without metadata. */
  public StructField(String name, DataType dataType, boolean nullable) {
    this(name, dataType, nullable, Metadata.empty());
  }

  /** A nullable field without metadata. */
  public StructField(String name, DataType dataType) {
    this(name, dataType, true, Metadata.empty());
  }

  public String name() {
    return name;
  }

  public DataType dataType() {
    return dataType;
  }

  public boolean nullable() {
    return nullable;
  }

  public Metadata metadata() {
    return metadata;
  }

  /** The field's comment (metadata {@code "comment"}), if it has one. */
  public Optional<String> getComment() {
    return metadata.contains("comment")
        ? Optional.of(metadata.getString("comment"))
        : Optional.empty();
  }

  /** A copy with {@code comment} as its comment. */
  public StructField withComment(String comment) {
    return new StructField(
        name,
        dataType,
        nullable,
        new MetadataBuilder().withMetadata(metadata).putString("comment", comment).build());
  }

  /** The field as DDL: {@code name TYPE [NOT NULL] [COMMENT 'text']}. */
  public String toDDL() {
    return StructType.quoteIfNeeded(name)
        + " "
        + dataType.sql()
        + (nullable ? "" : " NOT NULL")
        + getComment()
            .map(c -> " COMMENT '" + c.replace("\\", "\\\\").replace("'", "\\'") + "'")
            .orElse("");
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StructField)) {
      return false;
    }
    StructField f = (StructField) o;
    return f.name.equals(name)
        && f.dataType.equals(dataType)
        && f.nullable == nullable
        && f.metadata.equals(metadata);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dataType, nullable, metadata);
  }

  /** As Spark prints it: {@code StructField(id,IntegerType,false)}. */
  @Override
  public String toString() {
    return "StructField(" + name + "," + dataType + "," + nullable + ")";
  }
}
