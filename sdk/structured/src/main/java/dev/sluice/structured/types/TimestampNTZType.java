package dev.sluice.structured.types;

/**
 * Spark's {@code TimestampNTZType}: a local date-time without a time zone (a {@code LocalDateTime}
 * in rows). Use the singleton {@link DataTypes#TimestampNTZType}.
 *
 * <pre>{@code
 * new StructType().add("c", DataTypes.TimestampNTZType).simpleString();   // "struct<c:timestamp_ntz>"
 * }</pre>
 */
public final class TimestampNTZType extends AtomicType {
  TimestampNTZType() {
    super("timestamp_ntz", "timestamp_ntz");
  }
}
