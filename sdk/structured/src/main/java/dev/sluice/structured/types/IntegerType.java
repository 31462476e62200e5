package dev.sluice.structured.types;

/**
 * Spark's {@code IntegerType}: a signed 32-bit integer. Use the singleton {@link
 * DataTypes#IntegerType}.
 *
 * <pre>{@code
 * new StructType().add("c", DataTypes.IntegerType).simpleString();   // "struct<c:int>"
 * }</pre>
 */
public final class IntegerType extends AtomicType {
  IntegerType() {
    super("integer", "int");
  }
}
