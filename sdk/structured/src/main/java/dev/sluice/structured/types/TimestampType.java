package dev.sluice.structured.types;

/**
 * Spark's {@code TimestampType}: an instant, shown in the session time zone (a Joda {@code Instant}
 * in rows, millisecond precision). Use the singleton {@link DataTypes#TimestampType}.
 *
 * <pre>{@code
 * new StructType().add("c", DataTypes.TimestampType).simpleString();   // "struct<c:timestamp>"
 * }</pre>
 */
public final class TimestampType extends AtomicType {
  TimestampType() {
    super("timestamp", "timestamp");
  }
}
