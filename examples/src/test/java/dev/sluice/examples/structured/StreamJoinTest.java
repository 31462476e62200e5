package dev.sluice.examples.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.examples.Main;
import dev.sluice.examples.Run;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@code stream-join}: the clicks within an hour of their impression, nothing else. */
@RunWith(JUnit4.class)
public class StreamJoinTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void joinsClicksWithinAnHourOfTheirImpression() {
    Run run = Run.of("stream-join");
    assertThat(run.toString(), run.code, equalTo(0));
    List<String> rows = new ArrayList<>();
    ConsoleTables.rows(run.out).values().forEach(rows::addAll);
    rows.sort(null);
    assertThat(
        run.toString(),
        rows,
        equalTo(
            List.of(
                "1|2026-11-21 10:00:00|1|2026-11-21 10:15:00",
                "3|2026-11-21 10:10:00|3|2026-11-21 10:40:00",
                "4|2026-11-21 10:20:00|4|2026-11-21 10:25:00")));
    assertThat(
        run.out,
        org.hamcrest.Matchers.containsString(
            "|impressionAdId|impressionTime     |clickAdId|clickTime          |"));
  }

  @Test
  public void inputWithoutBothDirectoriesIsAUsageError() throws Exception {
    tmp.newFolder("impressions");
    Run run = Run.of("stream-join", "--input", tmp.getRoot().toString());
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(
        run.err,
        equalTo(
            "sluice-examples stream-join: --input "
                + tmp.getRoot()
                + " must be a directory holding impressions/ and clicks/ directories (see"
                + " sluice-examples stream-join --help)\n"));
  }
}
