package dev.sluice.io.checkpoint;

import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.CreateOptions.StandardCreateOptions;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One directory of a checkpoint, with the few operations a checkpoint needs: list, read, write a
 * whole file atomically, delete (Spark's {@code CheckpointFileManager}).
 *
 * <p>A location without a scheme, or with {@code file:}, is a local directory handled with NIO: a
 * file is written to a hidden temporary file in the same directory ({@code .<name>.<uuid>.tmp}),
 * flushed and {@code fsync}ed, then published under its name by a hard link (which fails if the
 * name exists, so two writers cannot both win) or by an atomic rename when replacing; the directory
 * is then {@code fsync}ed so the new name survives a power loss. Any other scheme ({@code gs://},
 * {@code s3://}, {@code hdfs://}, ...) goes through Beam's {@link FileSystems}, so a checkpoint on
 * a shared file system works from any worker of any runner, given the Beam file system of that
 * scheme on the class path. Beam's API has no fsync; object stores make a file visible only once
 * its upload is complete, which gives the same guarantee. There "publish unless present" is a check
 * then a rename: two concurrent writers of the same name are not told apart, which is why, as in
 * Spark, one checkpoint must have one writer at a time.
 *
 * <pre>{@code
 * CheckpointFiles commits = CheckpointFiles.of("/tmp/query-1").resolve("commits");
 * commits.write("0", out -> out.write("v1\n{}".getBytes(StandardCharsets.UTF_8)), false);
 * try (InputStream in = commits.open("0")) {
 *   String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);   // "v1\n{}"
 * }
 * }</pre>
 */
public abstract class CheckpointFiles {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointFiles.class);

  /** What a writer writes into the (temporary) file. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  CheckpointFiles() {}

  /**
   * The directory at {@code location}: a local path, a {@code file:} URI, or any URI whose scheme
   * has a Beam file system on the class path.
   *
   * @throws IllegalArgumentException if {@code location} is empty
   */
  public static CheckpointFiles of(String location) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("A checkpoint location is needed (a directory path)");
    }
    if (isLocal(location)) {
      return new Local(toLocalPath(location));
    }
    return new Beam(FileSystems.matchNewResource(location, true));
  }

  /**
   * The directory at {@code location} handled through Beam's {@link FileSystems} even when it is
   * local (no fsync then). For tests of the remote path on local files.
   */
  public static CheckpointFiles viaBeamFileSystems(String location) {
    return new Beam(FileSystems.matchNewResource(location, true));
  }

  /** Whether a name is one of this class's temporary files ({@code .<name>.<uuid>.tmp}). */
  public static boolean isTempName(String name) {
    return name.startsWith(".") && name.endsWith(".tmp");
  }

  /** The directory, as a path or URI string. */
  public abstract String location();

  /** The sub-directory {@code name} of this directory. */
  public abstract CheckpointFiles resolve(String name);

  /** The full path or URI of file {@code name}, for messages. */
  public abstract String describe(String name);

  /** Names of the files directly in this directory (hidden ones too); empty if it is missing. */
  public abstract List<String> list() throws IOException;

  /** Whether file {@code name} exists. */
  public abstract boolean exists(String name) throws IOException;

  /**
   * Opens file {@code name} for reading.
   *
   * @throws FileNotFoundException if it does not exist
   */
  public abstract InputStream open(String name) throws IOException;

  /** The size of file {@code name} in bytes. */
  public abstract long size(String name) throws IOException;

  /**
   * Writes file {@code name} atomically: readers see either no file or the whole file.
   *
   * @param overwrite whether an existing file is replaced; if false and the file exists, nothing is
   *     written
   * @return whether the file was written
   */
  public abstract boolean write(String name, Body body, boolean overwrite) throws IOException;

  /** Deletes file {@code name} if it exists. */
  public abstract void delete(String name) throws IOException;

  /**
   * Deletes the temporary files ({@link #isTempName}) that writers killed before their rename left
   * behind. Call it when the only writer starts, never while another writer may be writing.
   *
   * @return how many were deleted
   */
  public int deleteTempFiles() throws IOException {
    int deleted = 0;
    for (String name : list()) {
      if (isTempName(name)) {
        delete(name);
        deleted++;
      }
    }
    if (deleted > 0) {
      LOG.info("Deleted {} temporary file(s) of killed writers in {}", deleted, location());
    }
    return deleted;
  }

  static String tempName(String name) {
    return "." + name + "." + UUID.randomUUID() + ".tmp";
  }

  private static boolean isLocal(String location) {
    int colon = location.indexOf(':');
    if (colon <= 1) { // no scheme, or a Windows drive letter
      return true;
    }
    String scheme = location.substring(0, colon);
    if (!scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      return true;
    }
    return scheme.equalsIgnoreCase("file");
  }

  private static Path toLocalPath(String location) {
    if (location.regionMatches(true, 0, "file:", 0, 5)) {
      return Paths.get(URI.create(location)).toAbsolutePath();
    }
    return Paths.get(location).toAbsolutePath();
  }

  @Override
  public String toString() {
    return location();
  }

  /** A local directory through NIO, with fsync. */
  private static final class Local extends CheckpointFiles {
    private final Path dir;

    Local(Path dir) {
      this.dir = dir;
    }

    @Override
    public String location() {
      return dir.toString();
    }

    @Override
    public CheckpointFiles resolve(String name) {
      return new Local(dir.resolve(name));
    }

    @Override
    public String describe(String name) {
      return dir.resolve(name).toString();
    }

    @Override
    public List<String> list() throws IOException {
      List<String> names = new ArrayList<>();
      if (!Files.isDirectory(dir)) {
        return names;
      }
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(f -> !Files.isDirectory(f))
            .forEach(f -> names.add(f.getFileName().toString()));
      }
      return names;
    }

    @Override
    public boolean exists(String name) {
      return Files.exists(dir.resolve(name));
    }

    @Override
    public InputStream open(String name) throws IOException {
      try {
        return Files.newInputStream(dir.resolve(name));
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException(describe(name));
      }
    }

    @Override
    public long size(String name) throws IOException {
      return Files.size(dir.resolve(name));
    }

    @Override
    public boolean write(String name, Body body, boolean overwrite) throws IOException {
      Files.createDirectories(dir);
      Path target = dir.resolve(name);
      if (!overwrite && Files.exists(target)) {
        return false;
      }
      Path temp = dir.resolve(tempName(name));
      try {
        try (FileChannel channel =
            FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
          body.writeTo(out);
          out.flush();
          channel.force(true);
        }
        boolean written = publish(temp, target, overwrite);
        syncDirectory();
        return written;
      } finally {
        Files.deleteIfExists(temp);
      }
    }

    private static boolean publish(Path temp, Path target, boolean overwrite) throws IOException {
      if (overwrite) {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return true;
      }
      try {
        Files.createLink(target, temp); // fails if target exists: first writer wins
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException | IOException e) {
        // No hard links on this file system: check, then rename.
        if (Files.exists(target)) {
          return false;
        }
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException notAtomic) {
          throw new IOException(
              "The checkpoint directory "
                  + target.getParent()
                  + " is on a file system without atomic rename: put the checkpoint on a local"
                  + " disk or a file system Beam supports",
              notAtomic);
        }
        return true;
      }
    }

    private void syncDirectory() {
      try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
        channel.force(true);
      } catch (IOException | UnsupportedOperationException e) {
        // Some platforms cannot open a directory for fsync; the file itself was synced.
        LOG.debug("Cannot fsync directory {}: {}", dir, e.toString());
      }
    }

    @Override
    public void delete(String name) throws IOException {
      Files.deleteIfExists(dir.resolve(name));
    }
  }

  /** Any Beam file system (gs://, s3://, hdfs://, ...). */
  private static final class Beam extends CheckpointFiles {
    private final ResourceId dir;

    Beam(ResourceId dir) {
      this.dir = dir;
    }

    private ResourceId file(String name) {
      return dir.resolve(name, StandardResolveOptions.RESOLVE_FILE);
    }

    @Override
    public String location() {
      return dir.toString();
    }

    @Override
    public CheckpointFiles resolve(String name) {
      return new Beam(dir.resolve(name, StandardResolveOptions.RESOLVE_DIRECTORY));
    }

    @Override
    public String describe(String name) {
      return file(name).toString();
    }

    @Override
    public List<String> list() throws IOException {
      List<String> names = new ArrayList<>();
      String spec = dir.resolve("*", StandardResolveOptions.RESOLVE_FILE).toString();
      MatchResult result = FileSystems.match(spec, EmptyMatchTreatment.ALLOW);
      if (result.status() != MatchResult.Status.OK) {
        return names;
      }
      for (MatchResult.Metadata m : result.metadata()) {
        if (!m.resourceId().isDirectory()) {
          names.add(m.resourceId().getFilename());
        }
      }
      return names;
    }

    @Override
    public boolean exists(String name) throws IOException {
      MatchResult result = FileSystems.match(describe(name), EmptyMatchTreatment.ALLOW);
      return result.status() == MatchResult.Status.OK && !result.metadata().isEmpty();
    }

    @Override
    public InputStream open(String name) throws IOException {
      if (!exists(name)) {
        throw new FileNotFoundException(describe(name));
      }
      return Channels.newInputStream(FileSystems.open(file(name)));
    }

    @Override
    public long size(String name) throws IOException {
      return FileSystems.matchSingleFileSpec(describe(name)).sizeBytes();
    }

    @Override
    public boolean write(String name, Body body, boolean overwrite) throws IOException {
      if (!overwrite && exists(name)) {
        return false;
      }
      ResourceId temp = file(tempName(name));
      try {
        try (OutputStream out =
            new BufferedOutputStream(
                Channels.newOutputStream(
                    FileSystems.create(
                        temp,
                        StandardCreateOptions.builder()
                            .setMimeType("application/octet-stream")
                            .build())),
                1 << 16)) {
          body.writeTo(out);
        }
        if (!overwrite && exists(name)) {
          return false;
        }
        FileSystems.rename(List.of(temp), List.of(file(name)));
        return true;
      } finally {
        FileSystems.delete(List.of(temp), StandardMoveOptions.IGNORE_MISSING_FILES);
      }
    }

    @Override
    public void delete(String name) throws IOException {
      FileSystems.delete(List.of(file(name)), StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }
}
