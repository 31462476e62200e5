package dev.sluice.io.file;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The files {@link FileStreamSource} would see under a path right now, for formats that infer their
 * schema from the files present when a query starts (Spark's {@code
 * spark.sql.streaming.schemaInference}).
 *
 * <pre>{@code
 * List<Path> files = SourceFiles.list("in/");            // sorted by path
 * Path base = SourceFiles.baseDirectory("in/*.parquet"); // in/ (absolute)
 * }</pre>
 */
public final class SourceFiles {
  private SourceFiles() {}

  /**
   * The visible files under {@code path} (a directory, its partition directories, or a glob;
   * through the commit log for a sink's directory), sorted by path.
   *
   * @throws IOException if a non-glob path does not exist (the message says how to fix it)
   */
  public static List<Path> list(String path) throws IOException {
    List<Path> files = new ArrayList<>();
    for (FileEntry entry : FileListing.list(path, true)) {
      files.add(Paths.get(entry.path));
    }
    files.sort(null);
    return files;
  }

  /** The directory whose {@code col=value/} subdirectories are partitions of {@code path}. */
  public static Path baseDirectory(String path) {
    return FileListing.baseDirectory(path);
  }
}
