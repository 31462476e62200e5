package dev.sluice.examples.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.sluice.examples.Main;
import dev.sluice.examples.Run;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@code json-to-files}: the filtered, enriched events land as JSON lines in {@code --output}. */
@RunWith(JUnit4.class)
public class JsonToFilesTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void writesTheEventsOfValueAbove100() throws Exception {
    File out = tmp.newFolder("out");
    File checkpoint = tmp.newFolder("checkpoint");
    Run run =
        Run.of(
            "json-to-files",
            "--format",
            "json",
            "--output",
            out.toString(),
            "--checkpoint-location",
            checkpoint.toString());
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(
        run.out,
        equalTo("Wrote 12 rows in 5 files to " + out + " (checkpoint: " + checkpoint + ")\n"));
    List<String> lines = new ArrayList<>();
    for (Path part : JsonToFiles.parts(out.toPath())) {
      lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
    }
    lines.sort(null);
    assertThat(lines.size(), equalTo(12));
    assertThat(lines.stream().noneMatch(l -> l.contains("\"Event_1\"")), equalTo(true));
    assertThat(
        lines.get(0),
        equalTo(
            "{\"id\":10,\"name\":\"Event_10\",\"value\":400.0,\"timestamp\":\"2024-01-15"
                + " 10:20:00\",\"value_doubled\":800.0,"
                + "\"event_time\":\"2024-01-15T10:20:00.000Z\"}"));
    assertThat(Files.isDirectory(out.toPath().resolve("_spark_metadata")), equalTo(true));
  }

  @Test
  public void writesParquetPartitionedByDateAsTheSeed() throws Exception {
    File out = tmp.newFolder("parquet");
    File checkpoint = tmp.newFolder("parquet-checkpoint");
    Run run =
        Run.of(
            "json-to-files",
            "--output",
            out.toString(),
            "--checkpoint-location",
            checkpoint.toString());
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(run.out, containsString("Wrote 12 rows in "));
    List<Path> parts = JsonToFiles.parts(out.toPath());
    assertThat(parts.isEmpty(), equalTo(false));
    for (Path part : parts) {
      assertThat(part.toString(), part.getFileName().toString(), endsWith(".snappy.parquet"));
      assertThat(part.toString(), part.getParent().getFileName().toString(), startsWith("date="));
    }
    assertThat(Files.isDirectory(out.toPath().resolve("_spark_metadata")), equalTo(true));
  }

  @Test
  public void outputThatIsAFileIsAUsageError() throws Exception {
    File file = tmp.newFile("out.json");
    Run run = Run.of("json-to-files", "--output", file.toString());
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(run.err, containsString("--output " + file + " is a file; give a directory"));
  }
}
