package dev.sluice.examples.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link BundledFiles}: copies in a new directory, modification times in the order given. */
@RunWith(JUnit4.class)
public class BundledFilesTest {
  @Test
  public void copiesWithIncreasingModificationTimes() throws IOException {
    // Names out of alphabetical order: the times, not the names, must give the order.
    List<String> order = List.of("newaction.json", "file1.json", "file3.json");
    Path dir = BundledFiles.copy("data/mobile", order);
    long previous = Long.MIN_VALUE;
    for (String name : order) {
      Path file = dir.resolve(name);
      long time = Files.getLastModifiedTime(file).toMillis();
      assertThat(previous, lessThan(time));
      previous = time;
    }
    assertThat(
        Files.readString(dir.resolve("file1.json"), StandardCharsets.UTF_8),
        containsString("\"id\":\"phone1\",\"action\":\"open\""));
    try (var files = Files.list(dir)) {
      assertThat(files.count(), equalTo(3L));
    }
  }

  @Test
  public void aMissingResourceIsNamed() {
    IOException e =
        assertThrows(IOException.class, () -> BundledFiles.copy("data/mobile", List.of("x.json")));
    assertThat(
        e.getMessage(), equalTo("Classpath resource data/mobile/x.json is missing from the jar"));
  }
}
