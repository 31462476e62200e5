package dev.sluice.examples.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --output PATH}: where an example that writes files puts them; examples that print to the
 * console do not take it.
 *
 * <pre>{@code
 * @Mixin OutputOption output;
 * ...
 * Path dir = output.or(Files.createTempDirectory("json-to-files"));
 * }</pre>
 */
public final class OutputOption {
  @Option(
      names = "--output",
      paramLabel = "PATH",
      description = "Output directory (created if missing).")
  Path path;

  /** The path given, or {@code otherwise}. */
  public Path or(Path otherwise) {
    return path != null ? path : otherwise;
  }
}
