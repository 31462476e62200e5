package dev.sluice.structured.types;

import java.util.Objects;

/**
 * Spark's {@code ArrayType(elementType, containsNull)}: a list of values of one type ({@code List}
 * in rows).
 *
 * <pre>{@code
 * ArrayType tags = DataTypes.createArrayType(DataTypes.StringType);
 * tags.containsNull();   // true
 * tags.simpleString();   // "array<string>"
 * }</pre>
 */
public final class ArrayType extends DataType {
  private final DataType elementType;
  private final boolean containsNull;

  /** An array of {@code elementType}; {@code containsNull} says whether elements may be null. */
  public ArrayType(DataType elementType, boolean containsNull) {
    this.elementType = Objects.requireNonNull(elementType, "elementType");
    this.containsNull = containsNull;
  }

  /** The elements' type. */
  public DataType elementType() {
    return elementType;
  }

  /** True if elements may be null. */
  public boolean containsNull() {
    return containsNull;
  }

  @Override
  public String typeName() {
    return "array";
  }

  @Override
  public String simpleString() {
    return "array<" + elementType.simpleString() + ">";
  }

  @Override
  public String sql() {
    return "ARRAY<" + elementType.sql() + ">";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayType
        && ((ArrayType) o).elementType.equals(elementType)
        && ((ArrayType) o).containsNull == containsNull;
  }

  @Override
  public int hashCode() {
    return Objects.hash("array", elementType, containsNull);
  }

  @Override
  public String toString() {
    return "ArrayType(" + elementType + "," + containsNull + ")";
  }
}
