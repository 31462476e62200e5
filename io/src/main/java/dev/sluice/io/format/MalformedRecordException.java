package dev.sluice.io.format;

/**
 * Thrown in {@link ParseMode#FAILFAST} mode at the first record that does not fit the schema. The
 * message names the record's location (file and line), what was wrong, the record's text, and the
 * modes that would keep going.
 *
 * <pre>{@code
 * try {
 *   JsonRowParser.of(schema).withMode(ParseMode.FAILFAST).parse(line, "input/file1.json:3");
 * } catch (MalformedRecordException e) {
 *   e.location();   // "input/file1.json:3"
 *   e.reason();     // "field 'ts': cannot parse \"yesterday\" as timestamp ..."
 * }
 * }</pre>
 */
public class MalformedRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_RECORD_CHARS = 200;

  private final String location;
  private final String reason;
  private final String record;

  MalformedRecordException(String location, String reason, String record, String corruptColumn) {
    super(message(location, reason, record, corruptColumn));
    this.location = location;
    this.reason = reason;
    this.record = record;
  }

  private static String message(
      String location, String reason, String record, String corruptColumn) {
    String shown =
        record.length() <= MAX_RECORD_CHARS
            ? record
            : record.substring(0, MAX_RECORD_CHARS) + "... (" + record.length() + " chars)";
    return "Malformed record at "
        + location
        + ": "
        + reason
        + "\n  record: "
        + shown
        + "\nParse mode FAILFAST stops at the first malformed record. To skip such records set"
        + " option mode to DROPMALFORMED; to keep them, with nulls for the fields that do not"
        + " parse and the raw text in a '"
        + corruptColumn
        + " STRING' column of the schema, set mode to PERMISSIVE.";
  }

  /** Where the record was read, e.g. {@code input/file1.json:3}. */
  public String location() {
    return location;
  }

  /** What was wrong with the record. */
  public String reason() {
    return reason;
  }

  /** The record's raw text. */
  public String record() {
    return record;
  }
}
