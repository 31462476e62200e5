package dev.sluice.io.file;

import java.io.IOException;

/**
 * A file that cannot be decoded in its format (truncated, overwritten, not of that format), thrown
 * by a {@link FileRecordFormat}. The file source skips such a file with {@code
 * ignoreCorruptFiles=true} and fails with this exception, which names the file, otherwise.
 *
 * <pre>{@code
 * throw new CorruptFileException(file, "not a Parquet file (no PAR1 footer)", cause);
 * }</pre>
 */
public class CorruptFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;

  /** A corrupt {@code file}: {@code problem} says what is wrong with it. */
  public CorruptFileException(String file, String problem, Throwable cause) {
    super(
        "Corrupt file "
            + file
            + ": "
            + problem
            + ". Replace or remove the file, or set the option ignoreCorruptFiles=true to skip"
            + " corrupt files (each skipped file is logged and counted as a dropped record)",
        cause);
    this.file = file;
  }

  /** The file, as given. */
  public String file() {
    return file;
  }
}
