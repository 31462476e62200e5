package dev.sluice.structured.types;

/**
 * Spark's {@code DoubleType}: a 64-bit floating point number. Use the singleton {@link
 * DataTypes#DoubleType}.
 *
 * <pre>{@code
 * new StructType().add("c", DataTypes.DoubleType).simpleString();   // "struct<c:double>"
 * }</pre>
 */
public final class DoubleType extends AtomicType {
  DoubleType() {
    super("double", "double");
  }
}
