package dev.sluice.benchmarks.facade;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.benchmarks.shared.BenchQuery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class FacadeBenchTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void runsTwoEnginesInChildJvmsAndPrintsTheTables() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    boolean ok =
        FacadeBench.run(
            FacadeBench.options(
                new String[] {
                  "--queries=F1",
                  "--engines=facade,beam",
                  "--events=400",
                  "--eventsPerFile=200",
                  "--runs=1",
                  "--warmups=1",
                  "--jvmArgs=-Xmx512m",
                  "--dataDir=" + tmp.getRoot(),
                  "--timeoutMinutes=10"
                }),
            out);
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertTrue(printed, ok);
    assertThat(printed, containsString("| 400 | F1 | facade | "));
    assertThat(printed, containsString("| 400 | F1 | beam | "));
    assertThat(printed, containsString("| 400 | F1 | facade | 10:"));
    assertThat(printed, containsString("All results agreed."));
    assertThat(printed, containsString("F1 400 events beam   warm-up: "));
  }

  @Test
  public void writesTheInputOnceAndReusesIt() throws Exception {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    Path dir = FacadeBench.input(tmp.getRoot().toPath(), 600, 200, out);
    Path first = dir.resolve("events/part-00.json");
    FileTime written = Files.getLastModifiedTime(first);
    assertEquals(3, Files.list(dir.resolve("events")).count());
    assertTrue(Files.isRegularFile(dir.resolve("users.csv")));

    assertEquals(dir, FacadeBench.input(tmp.getRoot().toPath(), 600, 200, out));
    assertEquals(written, Files.getLastModifiedTime(first));
  }

  @Test
  public void rejectsBadOptionsNamingTheFix() {
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> FacadeBench.options(new String[] {"-x"}))
            .getMessage(),
        containsString("use --name=value with a name of [queries, engines, events"));
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThat(
        assertThrows(
                IllegalArgumentException.class,
                () -> FacadeBench.input(tmp.getRoot().toPath(), 150, 100, out))
            .getMessage(),
        containsString("must be 1 to 100 times --eventsPerFile=100"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> Engine.parse("flink")).getMessage(),
        containsString("use facade, beam, spark"));
  }

  @Test
  public void tablesShowWhyAnEngineHasNoFigures() {
    FacadeBench.Row spark =
        new FacadeBench.Row(
            BenchQuery.F4,
            1000,
            Engine.SPARK,
            List.of(Map.of("seconds", "2.0", "cpuSeconds", "3.0", "inputRows", "1000")),
            List.of(5.0),
            List.of(100L),
            "1:a:b",
            true,
            null);
    FacadeBench.Row facade =
        new FacadeBench.Row(
            BenchQuery.F4,
            1000,
            Engine.FACADE,
            List.of(),
            List.of(),
            List.of(),
            null,
            true,
            "timed out (> 600 s)");
    String table = BenchTables.throughput(List.of(facade, spark));
    assertThat(table, containsString("| 1,000 | F4 | facade | timed out (> 600 s) | – |"));
    assertThat(
        table,
        containsString(
            "| 1,000 | F4 | spark | 2.00 | 500 | 3.00 | 5.00 | 100 | 1.00 | 1.00 | – | – |"));
    assertThat(
        BenchTables.digests(List.of(facade)),
        containsString("| 1,000 | F4 | facade | timed out (> 600 s) | – |"));
  }

  @Test
  public void theSparkEngineMustBeBuiltFirst() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Engine.SPARK.command(tmp.getRoot().toPath().resolve("nowhere")));
    assertThat(e.getMessage(), containsString("The Spark engine is not built"));
    assertThat(e.getMessage(), containsString("mvn -B -pl sdk/benchmarks-spark package"));
  }
}
