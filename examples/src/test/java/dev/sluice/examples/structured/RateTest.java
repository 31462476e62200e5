package dev.sluice.examples.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.sluice.examples.Main;
import dev.sluice.examples.Run;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@code rate}: rows numbered 0, 1, 2 … without gaps, printed in batches, for {@code --run-for} or
 * until stopped.
 */
@RunWith(JUnit4.class)
public class RateTest {
  private static List<Long> values(String out) {
    List<Long> values = new ArrayList<>();
    ConsoleTables.rows(out)
        .values()
        .forEach(rows -> rows.forEach(r -> values.add(Long.parseLong(r.split("\\|")[1]))));
    return values;
  }

  @Test
  public void printsConsecutiveValuesUntilStopped() throws Exception {
    Run.Background job =
        Run.start("rate", "--rows-per-second=10", "--batch-interval=500ms", "--run-for=60m");
    job.awaitOutput("10 rows", out -> values(out).size() >= 10);
    Run run = job.stop();
    assertThat(run.toString(), run.code, equalTo(0));
    List<Long> values = values(run.out);
    assertThat(run.toString(), values.size(), greaterThanOrEqualTo(10));
    for (int i = 0; i < values.size(); i++) {
      assertThat(values.get(i), equalTo((long) i));
    }
  }

  @Test
  public void runsForTheTimeGiven() {
    long start = System.nanoTime();
    Run run = Run.of("rate", "--rows-per-second=10", "--batch-interval=500ms", "--run-for=1s");
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat((System.nanoTime() - start) / 1_000_000L, greaterThanOrEqualTo(1000L));
    assertThat(run.err, containsString("Generating 10 rows a second for PT1S."));
  }

  @Test
  public void zeroRowsPerSecondIsAUsageError() {
    Run run = Run.of("rate", "--rows-per-second=0");
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(
        run.err,
        equalTo(
            "sluice-examples rate: --rows-per-second must be at least 1, not 0 (see"
                + " sluice-examples rate --help)\n"));
  }
}
