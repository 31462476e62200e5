package dev.sluice.structured.types;

/**
 * Spark's {@code LongType}: a signed 64-bit integer. Use the singleton {@link DataTypes#LongType}.
 *
 * <pre>{@code
 * new StructType().add("c", DataTypes.LongType).simpleString();   // "struct<c:bigint>"
 * }</pre>
 */
public final class LongType extends AtomicType {
  LongType() {
    super("long", "bigint");
  }
}
