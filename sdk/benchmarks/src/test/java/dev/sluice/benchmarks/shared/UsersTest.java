package dev.sluice.benchmarks.shared;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class UsersTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void readsTheRowsAndRejectsABadLine() throws Exception {
    Path file = tmp.getRoot().toPath().resolve("users.csv");
    Files.writeString(file, "phone0,br,0\n\nphone8,fr,1\n");
    assertEquals(
        List.of(new Users.User("phone0", "br", 0), new Users.User("phone8", "fr", 1)),
        Users.read(file));

    Files.writeString(file, "phone0,br\n");
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> Users.read(file)).getMessage(),
        containsString("expected id,country,tier per line, got 'phone0,br'"));
  }
}
