package dev.sluice.io.format;

import com.google.auto.value.AutoValue;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a {@link RowParser} made of one line: the rows to emit, and whether the line was malformed.
 *
 * <p>A well-formed line gives its rows (one, or none for a blank line or a CSV header; a JSON line
 * holding an array of objects gives one per object). A malformed line gives, in {@link
 * ParseMode#PERMISSIVE}, the partially parsed row(s) with the raw text in the corrupt-record
 * column, and in {@link ParseMode#DROPMALFORMED} nothing; either way {@link #malformedReason()}
 * says what was wrong. ({@link ParseMode#FAILFAST} throws instead.)
 *
 * <pre>{@code
 * ParsedLine parsed = JsonRowParser.of(schema).parse("{\"id\": 1", "in.json:7"); // no closing }
 * parsed.isMalformed();       // true
 * parsed.malformedReason();   // "invalid JSON at column 9: Unexpected end-of-input ..."
 * parsed.rows();              // [Row{id=null, _corrupt_record={"id": 1}}] in PERMISSIVE mode
 * }</pre>
 */
@AutoValue
public abstract class ParsedLine {
  /** The rows to emit, in order. */
  public abstract List<Row> rows();

  /** Why the line is malformed, or null if it is not. */
  public abstract @Nullable String malformedReason();

  /** True if the line did not fit the schema. */
  public boolean isMalformed() {
    return malformedReason() != null;
  }

  static ParsedLine wellFormed(List<Row> rows) {
    return new AutoValue_ParsedLine(List.copyOf(rows), null);
  }

  static ParsedLine malformed(List<Row> rows, String reason) {
    return new AutoValue_ParsedLine(List.copyOf(rows), reason);
  }
}
