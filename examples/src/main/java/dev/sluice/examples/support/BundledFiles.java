package dev.sluice.examples.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

/**
 * Copies bundled data files (classpath resources) into a new temporary directory for the file
 * sources, which read directories and take files in the order of their modification times: the
 * copies get increasing times in the order given, one second apart, ending now.
 *
 * <pre>{@code
 * Path dir = BundledFiles.copy("data/mobile",
 *     List.of("file1.json", "file2.json", "file3.json", "newaction.json"));
 * session.readStream().schema(...).option("maxFilesPerTrigger", 1).json(dir.toString());
 * }</pre>
 */
public final class BundledFiles {
  private BundledFiles() {}

  /**
   * Copies {@code resourceDir/name} for each of {@code names} into a new temporary directory
   * (deleted when the JVM exits) and returns it.
   *
   * @throws IOException if a resource is missing from the jar or cannot be copied
   */
  public static Path copy(String resourceDir, List<String> names) throws IOException {
    Path dir = Files.createTempDirectory("sluice-" + resourceDir.replace('/', '-') + "-");
    dir.toFile().deleteOnExit();
    long first = System.currentTimeMillis() - 1000L * names.size();
    for (int i = 0; i < names.size(); i++) {
      String resource = resourceDir + "/" + names.get(i);
      Path file = dir.resolve(names.get(i));
      try (InputStream in = BundledFiles.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("Classpath resource " + resource + " is missing from the jar");
        }
        Files.copy(in, file);
      }
      Files.setLastModifiedTime(file, FileTime.fromMillis(first + 1000L * i));
      file.toFile().deleteOnExit();
    }
    return dir;
  }
}
