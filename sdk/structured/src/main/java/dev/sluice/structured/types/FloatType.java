package dev.sluice.structured.types;

/**
 * Spark's {@code FloatType}: a 32-bit floating point number. Use the singleton {@link
 * DataTypes#FloatType}.
 *
 * <pre>{@code
 * new StructType().add("c", DataTypes.FloatType).simpleString();   // "struct<c:float>"
 * }</pre>
 */
public final class FloatType extends AtomicType {
  FloatType() {
    super("float", "float");
  }
}
