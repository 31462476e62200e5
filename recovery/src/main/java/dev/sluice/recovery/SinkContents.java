package dev.sluice.recovery;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a reader of a file sink's output sees: through {@code _spark_metadata} (the files the sink
 * committed, as Spark's readers list them) or as the raw visible files of the directory; lines
 * sorted, so two outputs compare equal when they hold the same rows.
 *
 * <pre>{@code
 * List<String> rows = SinkContents.throughMetadata(Path.of("out"));
 * }</pre>
 */
public final class SinkContents {
  private static final Pattern PATH = Pattern.compile("\"path\":\"([^\"]+)\"");

  private SinkContents() {}

  /** The lines of the files listed in {@code out/_spark_metadata}, sorted. */
  public static List<String> throughMetadata(Path out) throws IOException {
    Path metadata = out.resolve("_spark_metadata");
    List<String> lines = new ArrayList<>();
    if (!Files.isDirectory(metadata)) {
      return lines;
    }
    try (Stream<Path> entries = Files.list(metadata)) {
      for (Path entry :
          entries
              .filter(p -> p.getFileName().toString().matches("\\d+"))
              .collect(Collectors.toList())) {
        for (String line : Files.readAllLines(entry, StandardCharsets.UTF_8)) {
          Matcher m = PATH.matcher(line);
          if (m.find()) {
            lines.addAll(Files.readAllLines(Paths.get(URI.create(m.group(1)))));
          }
        }
      }
    }
    Collections.sort(lines);
    return lines;
  }

  /** The lines of every visible data file under {@code out} (not hidden, not metadata), sorted. */
  public static List<String> rawFiles(Path out) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(p -> !out.relativize(p).toString().startsWith("_spark_metadata"))
              .filter(p -> !hidden(out.relativize(p)))
              .collect(Collectors.toList())) {
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    Collections.sort(lines);
    return lines;
  }

  /** Hidden files ({@code .x} or {@code _x}) anywhere under {@code dir}: temporary files left. */
  public static List<Path> temporaryFiles(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().endsWith(".crc"))
          .collect(Collectors.toList());
    }
  }

  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.startsWith("_")) {
        return true;
      }
    }
    return false;
  }
}
