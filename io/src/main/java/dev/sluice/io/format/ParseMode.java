package dev.sluice.io.format;

import java.util.Locale;

/**
 * What a parser does with a malformed record, Spark's {@code mode} option of the JSON and CSV data
 * sources.
 *
 * <pre>{@code
 * ParseMode mode = ParseMode.fromString("dropMalformed");   // DROPMALFORMED
 * ParseRows.json(schema).withMode(mode);
 * }</pre>
 */
public enum ParseMode {
  /**
   * Keep the record (Spark's default): fields that could be converted keep their values, the others
   * are null, and the raw text goes into the corrupt-record column ({@code _corrupt_record} by
   * default) if the schema has one.
   */
  PERMISSIVE,
  /** Drop the record; {@link ParseRows} counts it in the {@code malformedRecords} metric. */
  DROPMALFORMED,
  /** Stop at the first malformed record with a {@link MalformedRecordException}. */
  FAILFAST;

  /**
   * Parses Spark's {@code mode} option, ignoring case: {@code "permissive"}, {@code
   * "DropMalformed"}, {@code "FAILFAST"}.
   *
   * <p>Spark logs a warning and falls back to {@code PERMISSIVE} for an unknown mode; Sluice
   * rejects it, since a misspelt {@code FAILFAST} would otherwise silently keep bad data.
   *
   * @throws IllegalArgumentException if {@code mode} is none of the three
   */
  public static ParseMode fromString(String mode) {
    if (mode != null) {
      String upper = mode.trim().toUpperCase(Locale.ROOT);
      for (ParseMode m : values()) {
        if (m.name().equals(upper)) {
          return m;
        }
      }
    }
    throw new IllegalArgumentException(
        "Unknown parse mode '"
            + mode
            + "' for option 'mode': use PERMISSIVE (keep malformed records, with nulls and the raw"
            + " text in the corrupt-record column), DROPMALFORMED (skip them) or FAILFAST (stop at"
            + " the first one); case does not matter");
  }
}
