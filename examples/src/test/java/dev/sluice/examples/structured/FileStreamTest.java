package dev.sluice.examples.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.examples.Main;
import dev.sluice.examples.Run;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@code file-stream}: the seed's three files in one batch, then a directory of the user's. */
@RunWith(JUnit4.class)
public class FileStreamTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void countsTheBundledFilesMostFrequentFirst() {
    Run run = Run.of("file-stream");
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(
        run.toString(),
        ConsoleTables.rows(run.out),
        equalTo(
            Map.of(
                0,
                List.of(
                    "data|2",
                    "analytics|1",
                    "big|1",
                    "hadoop|1",
                    "kafka|1",
                    "learning|1",
                    "machine|1",
                    "pipeline|1",
                    "science|1",
                    "spark|1",
                    "streaming|1"))));
    assertThat(run.out.lines().filter(l -> l.equals("|     data|    2|")).count(), equalTo(1L));
  }

  @Test
  public void readsTheDirectoryGiven() throws Exception {
    File dir = tmp.newFolder("in");
    Files.writeString(dir.toPath().resolve("a.txt"), "b a b\nc b\n", StandardCharsets.UTF_8);
    Run run = Run.of("file-stream", "--input", dir.toString(), "--runner=DirectRunner");
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(
        run.toString(),
        ConsoleTables.rows(run.out),
        equalTo(Map.of(0, List.of("b|3", "a|1", "c|1"))));
  }

  @Test
  public void followAndAvailableNowTogetherAreAUsageError() {
    Run run = Run.of("file-stream", "--follow", "--trigger=available-now");
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(run.err.strip().lines().count(), equalTo(1L));
  }
}
