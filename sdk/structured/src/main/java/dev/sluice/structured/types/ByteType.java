package dev.sluice.structured.types;

/**
 * Spark's {@code ByteType}: a signed 8-bit integer. Use the singleton {@link DataTypes#ByteType}.
 *
 * <pre>{@code
 * new StructType().add("c", DataTypes.ByteType).simpleString();   // "struct<c:tinyint>"
 * }</pre>
 */
public final class ByteType extends AtomicType {
  ByteType() {
    super("byte", "tinyint");
  }
}
