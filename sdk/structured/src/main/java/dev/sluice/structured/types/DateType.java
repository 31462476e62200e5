package dev.sluice.structured.types;

/**
 * Spark's {@code DateType}: a calendar date (a {@code LocalDate} in rows). Use the singleton {@link
 * DataTypes#DateType}.
 *
 * <pre>{@code
 * new StructType().add("c", DataTypes.DateType).simpleString();   // "struct<c:date>"
 * }</pre>
 */
public final class DateType extends AtomicType {
  DateType() {
    super("date", "date");
  }
}
