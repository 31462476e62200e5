package dev.sluice.structured.types;

/**
 * Spark's {@code ShortType}: a signed 16-bit integer. Use the singleton {@link
 * DataTypes#ShortType}.
 *
 * <pre>{@code
 * new StructType().add("c", DataTypes.ShortType).simpleString();   // "struct<c:smallint>"
 * }</pre>
 */
public final class ShortType extends AtomicType {
  ShortType() {
    super("short", "smallint");
  }
}
