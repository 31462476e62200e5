package dev.sluice.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --input PATH}: the file or directory an example reads instead of its bundled data. A path
 * that does not exist is a usage error (one line, exit code 2) raised while the command line is
 * parsed, before any job starts.
 *
 * <pre>{@code
 * @Mixin InputOption input;
 * ...
 * Path tweets = input.orBundled("dev/sluice/examples/hashtags/tweets.txt");
 * }</pre>
 */
public final class InputOption {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  private Path path;

  @Option(
      names = "--input",
      paramLabel = "PATH",
      description = "Input file or directory (default: the example's bundled data).")
  void setPath(Path path) {
    if (!Files.exists(path)) {
      throw new ParameterException(
          spec.commandLine(),
          "--input " + path + ": no such file or directory; give an existing path");
    }
    this.path = path;
  }

  /** The path given, or null. */
  public Path path() {
    return path;
  }

  /**
   * The path given, or else the classpath resource {@code resource} copied to a temporary file
   * (deleted when the JVM exits), so that jobs read files either way.
   */
  public Path orBundled(String resource) throws IOException {
    return path != null ? path : copyResource(resource);
  }

  /** Copies classpath resource {@code resource} to a new temporary file deleted on exit. */
  public static Path copyResource(String resource) throws IOException {
    String name = resource.substring(resource.lastIndexOf('/') + 1);
    Path file = Files.createTempFile("sluice-", "-" + name);
    file.toFile().deleteOnExit();
    try (InputStream in = InputOption.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("Classpath resource " + resource + " is missing from the jar");
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }
}
