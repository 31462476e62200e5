package dev.sluice.structured.internal.exec;

import dev.sluice.structured.AnalysisException;
import dev.sluice.structured.StreamingQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * The checkpoint location of a query, laid out as Spark's: {@code metadata} (the query id, so
 * {@link StreamingQuery#id()} stays the same across restarts), {@code offsets} and {@code commits}
 * (the {@link QueryLog}, by batch id), {@code sources/<i>} (each source's {@link
 * dev.sluice.io.stream.SourceLog}), {@code state/<step>/<shard>} (state snapshots), and {@code
 * plan} (what the query was, to refuse restarting a different query from it). A query restarted
 * from it resumes after its last committed batch.
 *
 * <pre>{@code
 * Checkpoints cp = Checkpoints.open("/tmp/cp", planText, 4);
 * cp.queryId();        // the same on every run
 * cp.lastCommitted();  // -1 on the first run
 * }</pre>
 */
public final class Checkpoints {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

  private final Path root;
  private final UUID queryId;
  private final long lastCommitted;

  private Checkpoints(Path root, UUID queryId, long lastCommitted) {
    this.root = root;
    this.queryId = queryId;
    this.lastCommitted = lastCommitted;
  }

  /**
   * Opens (creating on the first run) the checkpoint at {@code location} for a query whose plan
   * prints as {@code plan}, with {@code shards} shards per stateful step.
   *
   * @throws AnalysisException if the location holds another query's checkpoint
   */
  public static Checkpoints open(String location, String plan, int shards) {
    return open(location, plan, shards, UUID.randomUUID());
  }

  /**
   * The query id kept at {@code location}, or null if there is no checkpoint there yet; reads only
   * (a query about to start learns its id before it creates anything).
   */
  @Nullable
  public static UUID queryIdAt(String location) {
    Path metadata = Paths.get(location).resolve("metadata");
    if (!Files.exists(metadata)) {
      return null;
    }
    try {
      Matcher m = ID.matcher(Files.readString(metadata, StandardCharsets.UTF_8));
      return m.find() ? UUID.fromString(m.group(1)) : null;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read checkpoint metadata " + metadata + ": " + e.getMessage(), e);
    }
  }

  /**
   * As {@link #open(String, String, int)}, giving a new checkpoint the query id {@code newId} (an
   * existing one keeps its own).
   */
  public static Checkpoints open(String location, String plan, int shards, UUID newId) {
    Path root = Paths.get(location);
    String signature = plan + "shards: " + shards + "\n";
    try {
      Files.createDirectories(root);
      Path planFile = root.resolve("plan");
      if (Files.exists(planFile)) {
        String previous = Files.readString(planFile, StandardCharsets.UTF_8);
        if (!previous.equals(signature)) {
          throw new AnalysisException(
              "The checkpoint location "
                  + location
                  + " was written by a different query (or spark.sql.shuffle.partitions changed)."
                  + " Restart the same query from it, or use a new checkpoint location.\nThen:\n"
                  + previous
                  + "Now:\n"
                  + signature);
        }
      } else {
        write(planFile, signature);
      }
      Path metadata = root.resolve("metadata");
      UUID id;
      if (Files.exists(metadata)) {
        Matcher m = ID.matcher(Files.readString(metadata, StandardCharsets.UTF_8));
        if (!m.find()) {
          throw new AnalysisException(
              "The checkpoint metadata file "
                  + metadata
                  + " has no query id; it is not a streaming checkpoint. Use an empty directory.");
        }
        id = UUID.fromString(m.group(1));
      } else {
        id = newId;
        write(metadata, "{\"id\":\"" + id + "\"}\n");
      }
      return new Checkpoints(root, id, QueryLog.at(location).lastCommittedLogicalBatch());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot use checkpoint location " + location + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  public Path root() {
    return root;
  }

  public UUID queryId() {
    return queryId;
  }

  /** The last batch (logical number) whose output was committed, or -1. */
  public long lastCommitted() {
    return lastCommitted;
  }
}
