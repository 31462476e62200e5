package dev.sluice.structured.types;

/**
 * Spark's {@code BooleanType}: true or false. Use the singleton {@link DataTypes#BooleanType}.
 *
 * <pre>{@code
 * new StructType().add("c", DataTypes.BooleanType).simpleString();   // "struct<c:boolean>"
 * }</pre>
 */
public final class BooleanType extends AtomicType {
  BooleanType() {
    super("boolean", "boolean");
  }
}
