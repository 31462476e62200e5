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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * The checkpoint location of a query, laid out as Spark's: {@code metadata} (the query id, so
 * {@link StreamingQuery#id()} stays the same across restarts), {@code offsets} and {@code commits}
 * (the {@link QueryLog}, by batch id), {@code sources/<i>} (each source's {@link
 * dev.sluice.io.stream.SourceLog}), {@code state/<operator>/<shard>} (the stateful operators' state
 * stores) and {@code state/sink} (the sink step's record), and {@code plan} (what the query was, to
 * refuse restarting a different query from it). A query restarted from it resumes after its last
 * committed batch.
 * <!-- given: LogicalPlan plan; -->
 *
 * <pre>{@code
 * Checkpoints cp = Checkpoints.open("/tmp/cp", StateSignature.of(plan), 4, UUID.randomUUID());
 * cp.queryId();        // the same on every run
 * cp.lastCommitted();  // -1 on the first run
 * }</pre>
 */
public final class Checkpoints {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

  private final Path root;
  private final UUID queryId;
  private final long lastCommitted;
  private final int shards;

  private Checkpoints(Path root, UUID queryId, long lastCommitted, int shards) {
    this.root = root;
    this.queryId = queryId;
    this.lastCommitted = lastCommitted;
    this.shards = shards;
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
   * Opens (creating on the first run) the checkpoint at {@code location} for a query with state
   * signature {@code signature} and {@code shards} shards per stateful step, giving a new
   * checkpoint the query id {@code newId} (an existing one keeps its own). A restarted query keeps
   * the number of shards its checkpoint was written with, as Spark keeps {@code
   * spark.sql.shuffle.partitions}.
   *
   * @throws AnalysisException if the location holds the checkpoint of an incompatible query
   */
  public static Checkpoints open(
      String location, StateSignature signature, int shards, UUID newId) {
    Path root = Paths.get(location);
    try {
      Files.createDirectories(root);
      Path planFile = root.resolve("plan");
      int kept = shards;
      if (Files.exists(planFile)) {
        List<String> lines = Files.readAllLines(planFile, StandardCharsets.UTF_8);
        int shardLine = lines.size() - 1;
        StateSignature stored =
            shardLine >= 0 && lines.get(shardLine).startsWith("shards: ")
                ? StateSignature.parse(lines.subList(0, shardLine))
                : null;
        if (stored == null) {
          throw new AnalysisException(
              "The checkpoint location "
                  + location
                  + " was written by a different query or an older Sluice (its plan file "
                  + planFile
                  + " is not a v1 state signature). Use a new checkpoint location.");
        }
        signature.checkCompatible(stored, location);
        kept = Integer.parseInt(lines.get(shardLine).substring("shards: ".length()).trim());
      } else {
        List<String> lines = new ArrayList<>(signature.lines());
        lines.add("shards: " + shards);
        write(planFile, String.join("\n", lines) + "\n");
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
      return new Checkpoints(root, id, QueryLog.at(location).lastCommittedLogicalBatch(), kept);
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

  /** The shards per stateful step: the checkpoint's, which a restart keeps. */
  public int shards() {
    return shards;
  }

  /** The last batch (logical number) whose output was committed, or -1. */
  public long lastCommitted() {
    return lastCommitted;
  }
}
