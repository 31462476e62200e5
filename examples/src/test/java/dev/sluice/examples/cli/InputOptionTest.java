package dev.sluice.examples.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** {@link InputOption}: existing paths only, and the bundled data otherwise. */
@RunWith(JUnit4.class)
public class InputOptionTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Command(name = "job")
  static final class Job {
    @Mixin InputOption input;
  }

  @Test
  public void existingFileOrDirectoryIsTaken() throws IOException {
    File file = tmp.newFile("in.txt");
    Job job = new Job();
    new CommandLine(job).parseArgs("--input", file.toString());
    assertThat(job.input.path(), equalTo(file.toPath()));
    assertThat(job.input.orBundled("not/read.txt"), equalTo(file.toPath()));

    Job dir = new Job();
    new CommandLine(dir).parseArgs("--input=" + tmp.getRoot());
    assertThat(dir.input.path(), equalTo(tmp.getRoot().toPath()));
  }

  @Test
  public void missingPathFailsWhileParsing() {
    ParameterException e =
        assertThrows(
            ParameterException.class,
            () -> new CommandLine(new Job()).parseArgs("--input", "/no/such/file"));
    assertThat(
        e.getMessage(),
        equalTo("--input /no/such/file: no such file or directory; give an existing path"));
  }

  @Test
  public void withoutInputTheBundledResourceIsCopiedToAFile() throws IOException {
    Job job = new Job();
    new CommandLine(job).parseArgs();
    assertThat(job.input.path(), nullValue());
    String text =
        Files.readString(
            job.input.orBundled("dev/sluice/examples/logs/app.log"), StandardCharsets.UTF_8);
    assertThat(text, containsString(" error db "));
  }

  @Test
  public void missingResourceNamesIt() {
    IOException e =
        assertThrows(IOException.class, () -> InputOption.copyResource("no/such/resource.txt"));
    assertThat(e.getMessage(), containsString("no/such/resource.txt"));
  }
}
