package dev.sluice.io.checkpoint;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link CheckpointFiles}. */
@RunWith(JUnit4.class)
public class CheckpointFilesTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static String read(CheckpointFiles files, String name) throws IOException {
    try (InputStream in = files.open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static CheckpointFiles.Body text(String s) {
    return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  private void writeReadOverwriteDelete(CheckpointFiles files) throws IOException {
    assertThat(files.list(), is(empty())); // missing directory
    assertThat(files.write("a", text("one"), false), is(true));
    assertThat(files.write("a", text("two"), false), is(false));
    assertThat(read(files, "a"), is("one"));
    assertThat(files.write("a", text("three"), true), is(true));
    assertThat(read(files, "a"), is("three"));
    assertThat(files.size("a"), is(5L));
    files.resolve("sub").write("b", text("x"), false);
    assertThat(files.list(), containsInAnyOrder("a")); // files only, no temporaries
    assertThat(files.exists("a"), is(true));
    files.delete("a");
    files.delete("a"); // missing is fine
    assertThat(files.exists("a"), is(false));
    assertThrows(FileNotFoundException.class, () -> files.open("a"));
  }

  @Test
  public void localFiles() throws IOException {
    writeReadOverwriteDelete(CheckpointFiles.of(tmp.getRoot().toPath().resolve("d").toString()));
  }

  @Test
  public void fileUriIsLocal() throws IOException {
    Path dir = tmp.getRoot().toPath().resolve("u");
    CheckpointFiles files = CheckpointFiles.of(dir.toUri().toString());
    writeReadOverwriteDelete(files);
    assertThat(files.location(), is(dir.toString()));
  }

  @Test
  public void beamFileSystems() throws IOException {
    writeReadOverwriteDelete(
        CheckpointFiles.viaBeamFileSystems(tmp.getRoot().toPath().resolve("b").toString()));
  }

  @Test
  public void aFailedWriteLeavesNothing() throws IOException {
    Path dir = tmp.getRoot().toPath().resolve("f");
    CheckpointFiles files = CheckpointFiles.of(dir.toString());
    assertThrows(
        IOException.class,
        () ->
            files.write(
                "a",
                out -> {
                  out.write(1);
                  throw new IOException("disk full");
                },
                false));
    assertThat(files.list(), is(empty()));
  }

  @Test
  public void deleteTempFilesRemovesOnlyTemporaries() throws IOException {
    Path dir = tmp.newFolder("t").toPath();
    Files.writeString(dir.resolve(".5.0f9e.tmp"), "x", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve(".hidden"), "x", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("5"), "x", StandardCharsets.UTF_8);
    CheckpointFiles files = CheckpointFiles.of(dir.toString());
    assertThat(files.deleteTempFiles(), is(1));
    assertThat(files.list(), containsInAnyOrder(".hidden", "5"));
  }

  @Test
  public void emptyLocationIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CheckpointFiles.of(" "));
    assertThat(e.getMessage(), is("A checkpoint location is needed (a directory path)"));
  }
}
