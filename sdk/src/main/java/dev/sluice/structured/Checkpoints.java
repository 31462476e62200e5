package dev.sluice.structured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checkpoint location of a query. Today it holds the query's {@code metadata} file (its id, so
 * {@link StreamingQuery#id()} stays the same across restarts, as in Spark); offsets, commits and
 * state snapshots are not written yet.
 *
 * <pre>{@code
 * UUID id = Checkpoints.queryId(Map.of("checkpointlocation", "/tmp/cp"), session, null);
 * }</pre>
 */
final class Checkpoints {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

  private Checkpoints() {}

  static UUID queryId(Map<String, String> options, StreamingSession session, String queryName) {
    String location = options.get("checkpointlocation");
    if (location == null) {
      location =
          session
              .conf()
              .getOption("spark.sql.streaming.checkpointLocation")
              .map(root -> Paths.get(root, queryName == null ? "query" : queryName).toString())
              .orElse(null);
    }
    if (location == null) {
      return UUID.randomUUID();
    }
    Path metadata = Paths.get(location, "metadata");
    try {
      if (Files.exists(metadata)) {
        Matcher m = ID.matcher(Files.readString(metadata, StandardCharsets.UTF_8));
        if (m.find()) {
          return UUID.fromString(m.group(1));
        }
        throw new IllegalArgumentException(
            "The checkpoint metadata file "
                + metadata
                + " has no query id; it is not a streaming checkpoint. Use an empty directory.");
      }
      UUID id = UUID.randomUUID();
      Files.createDirectories(metadata.getParent());
      Path tmp = metadata.resolveSibling(".metadata.tmp");
      Files.writeString(tmp, "{\"id\":\"" + id + "\"}\n", StandardCharsets.UTF_8);
      Files.move(tmp, metadata, StandardCopyOption.ATOMIC_MOVE);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot use checkpoint location " + location + ": " + e.getMessage(), e);
    }
  }
}
