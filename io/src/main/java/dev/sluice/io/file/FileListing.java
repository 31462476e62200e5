package dev.sluice.io.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Lists the files a file stream source can see under its path: the files of a directory, or the
 * files matching a glob, without hidden and in-progress files; or, for a directory written by
 * {@link FileSink}, only the files its commit log ({@code _spark_metadata}) lists.
 */
final class FileListing {
  static final String METADATA_DIR = "_spark_metadata";
  private static final ObjectMapper JSON = new ObjectMapper();

  private FileListing() {}

  /** True if {@code path} contains glob characters. */
  static boolean isGlob(String path) {
    return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }

  /** The path made absolute and normalized (globs kept as they are). */
  static Path absolute(String path) {
    return Paths.get(path).toAbsolutePath().normalize();
  }

  /**
   * The directory partition directories are found under: the path itself, or for a glob the
   * directory before its first glob segment.
   */
  static Path baseDirectory(String path) {
    Path absolute = absolute(path);
    if (!isGlob(path)) {
      return absolute;
    }
    Path base = absolute.getRoot();
    for (Path part : absolute) {
      if (isGlob(part.toString())) {
        break;
      }
      base = base.resolve(part);
    }
    return base;
  }

  /** Spark's qualified form of the path, e.g. {@code file:/data/in}. */
  static String qualified(String path) {
    return "file:" + absolute(path);
  }

  /** The error for a path that does not exist. */
  static String missingPathMessage(String path) {
    return "Path does not exist: "
        + qualified(path)
        + ". The file stream source reads a directory that must exist when the query starts:"
        + " create it first (e.g. mkdir -p "
        + absolute(path)
        + "), or fix the path.";
  }

  /** True for names Spark skips: hidden ({@code .x}, {@code _x}) and in-progress files. */
  static boolean isHiddenOrInProgress(String name) {
    return name.startsWith(".")
        || name.startsWith("_")
        || name.endsWith("._COPYING_")
        || name.endsWith(".tmp");
  }

  /**
   * Every file the source can currently see.
   *
   * @throws IOException if a non-glob path does not exist, or cannot be read
   */
  static List<FileEntry> list(String path) throws IOException {
    return list(path, false);
  }

  /**
   * Every file the source can currently see; with {@code partitions}, also the files in {@code
   * col=value} subdirectories, recursively (whole-file formats read partitioned layouts).
   */
  static List<FileEntry> list(String path, boolean partitions) throws IOException {
    if (isGlob(path)) {
      return listGlob(path, partitions);
    }
    Path dir = absolute(path);
    if (!Files.exists(dir)) {
      throw new java.nio.file.NoSuchFileException(dir.toString(), null, missingPathMessage(path));
    }
    if (Files.isRegularFile(dir)) {
      return List.of(entry(dir));
    }
    if (Files.isDirectory(dir.resolve(METADATA_DIR))) {
      return listCommitted(dir);
    }
    return listDirectory(dir, partitions);
  }

  private static List<FileEntry> listDirectory(Path dir, boolean partitions) throws IOException {
    List<FileEntry> files = new ArrayList<>();
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        String name = child.getFileName().toString();
        if (isHiddenOrInProgress(name)) {
          continue;
        }
        if (Files.isRegularFile(child)) {
          files.add(entry(child));
        } else if (partitions && isPartitionDirectory(name) && Files.isDirectory(child)) {
          files.addAll(listDirectory(child, true));
        }
      }
    }
    return files;
  }

  /** True for a Hive-style partition directory name, {@code column=value}. */
  static boolean isPartitionDirectory(String name) {
    return name.indexOf('=') > 0;
  }

  private static List<FileEntry> listGlob(String path, boolean partitions) throws IOException {
    Path pattern = absolute(path);
    Path base = pattern.getRoot();
    int depth = 0;
    boolean inGlob = false;
    for (Path part : pattern) {
      if (inGlob || isGlob(part.toString())) {
        inGlob = true;
        depth++;
      } else {
        base = base.resolve(part);
      }
    }
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    PathMatcher matcher =
        FileSystems.getDefault().getPathMatcher("glob:" + pattern.toString().replace("\\", "\\\\"));
    List<FileEntry> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(base, depth)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.equals(base)
            || !matcher.matches(p)
            || isHiddenOrInProgress(p.getFileName().toString())) {
          continue;
        }
        if (Files.isRegularFile(p)) {
          files.add(entry(p));
        } else if (Files.isDirectory(p)) {
          files.addAll(listDirectory(p, partitions));
        }
      }
    }
    return files;
  }

  /** The files added by the commit log of a directory written by {@link FileSink}. */
  private static List<FileEntry> listCommitted(Path dir) throws IOException {
    Map<Long, Path> logs = new TreeMap<>();
    try (Stream<Path> children = Files.list(dir.resolve(METADATA_DIR))) {
      for (Path child : (Iterable<Path>) children::iterator) {
        String name = child.getFileName().toString();
        String number = name.endsWith(".compact") ? name.substring(0, name.length() - 8) : name;
        if (number.matches("\\d+")) {
          logs.put(Long.parseLong(number), child);
        }
      }
    }
    Map<String, FileEntry> files = new LinkedHashMap<>();
    for (Path log : logs.values()) {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals("v1")) {
        throw new IOException(
            "Commit log file "
                + log
                + " does not start with 'v1': it was not written by a Sluice or Spark file sink");
      }
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node = JSON.readTree(line);
        String file = node.path("path").asText();
        Path resolved = file.contains(":") ? Paths.get(URI.create(file)) : Paths.get(file);
        String key = resolved.toAbsolutePath().normalize().toString();
        if ("delete".equals(node.path("action").asText())) {
          files.remove(key);
        } else {
          files.put(key, new FileEntry(key, node.path("modificationTime").asLong(0)));
        }
      }
    }
    return new ArrayList<>(files.values());
  }

  private static FileEntry entry(Path file) throws IOException {
    return new FileEntry(
        file.toAbsolutePath().normalize().toString(), Files.getLastModifiedTime(file).toMillis());
  }
}
