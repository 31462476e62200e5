package dev.sluice.examples.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.examples.Main;
import dev.sluice.examples.Run;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link SocketInput} through {@code log-monitor}: its bad inputs, and a played file on the
 * DirectRunner (the played mode on MicroBatchRunner is in the examples' own tests).
 */
@RunWith(JUnit4.class)
public class SocketInputTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void linesPerBatchMustBePositive() {
    Run run = Run.of("log-monitor", "--lines-per-batch=0");
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(run.err, containsString("--lines-per-batch must be at least 1, not 0"));
  }

  @Test
  public void runForNeedsAPort() {
    Run run = Run.of("log-monitor", "--run-for=2s");
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(run.err, containsString("--run-for bounds reading your server (--port)"));
  }

  @Test
  public void aDirectoryIsNoTextFile() {
    Run run = Run.of("log-monitor", "--input=" + tmp.getRoot());
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(run.err, containsString("is a directory; give a text file"));
  }

  @Test
  public void playsAFileOnTheDirectRunner() throws Exception {
    File log = tmp.newFile("app.log");
    Files.writeString(log.toPath(), "boot\nerror: disk full\nok\n", StandardCharsets.UTF_8);
    Run run =
        Run.of(
            "log-monitor",
            "--runner=DirectRunner",
            "--input=" + log,
            "--batch-interval=200ms",
            "--lines-per-batch=3");
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(run.out, containsString("\nerror: disk full\n"));
    assertThat(run.err, containsString("Playing 3 lines on localhost:"));
  }
}
