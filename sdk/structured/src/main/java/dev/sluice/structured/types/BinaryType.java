package dev.sluice.structured.types;

/**
 * Spark's {@code BinaryType}: bytes (a Java {@code byte[]}). Use the singleton {@link
 * DataTypes#BinaryType}.
 *
 * <pre>{@code
 * new StructType().add("c", DataTypes.BinaryType).simpleString();   // "struct<c:binary>"
 * }</pre>
 */
public final class BinaryType extends AtomicType {
  BinaryType() {
    super("binary", "binary");
  }
}
