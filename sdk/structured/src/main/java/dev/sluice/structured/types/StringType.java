package dev.sluice.structured.types;

/**
 * Spark's {@code StringType}: text (a Java {@code String}). Use the singleton {@link
 * DataTypes#StringType}.
 *
 * <pre>{@code
 * new StructType().add("c", DataTypes.StringType).simpleString();   // "struct<c:string>"
 * }</pre>
 */
public final class StringType extends AtomicType {
  StringType() {
    super("string", "string");
  }
}
