package dev.sluice.io.checkpoint;

import java.io.IOException;

/**
 * A checkpoint file that cannot be read: corrupt, truncated, or written by a newer Sluice. The
 * message names the file and what to do.
 *
 * <pre>{@code
 * try {
 *   log.get(7);
 * } catch (CheckpointFileException e) {
 *   System.err.println(e.getMessage() + " (file " + e.file() + ")");
 * }
 * }</pre>
 */
public final class CheckpointFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;

  public CheckpointFileException(String file, String message, Throwable cause) {
    super(message, cause);
    this.file = file;
  }

  /** The path or URI of the unreadable file. */
  public String file() {
    return file;
  }

  /** A file that is damaged or not a checkpoint file. */
  public static CheckpointFileException corrupt(String file, String problem, Throwable cause) {
    return new CheckpointFileException(
        file,
        "Checkpoint file "
            + file
            + " is corrupt: "
            + problem
            + ". Restore the checkpoint from a backup, or, if it is the newest file of its"
            + " directory, delete it (its batch then runs again), or start a new checkpoint"
            + " location",
        cause);
  }

  /** A file of a format version this build cannot read. */
  public static CheckpointFileException newerVersion(String file, int found, int supported) {
    return new CheckpointFileException(
        file,
        "Checkpoint file "
            + file
            + " was written by a newer Sluice (v"
            + found
            + "); this build reads up to v"
            + supported
            + ": upgrade Sluice or start a new checkpoint location",
        null);
  }
}
