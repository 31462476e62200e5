package dev.sluice.examples.structured;

import static org.hamcrest.MatcherAssert.assertThat;
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
 * {@code rate}: rows numbered 0, 1, 2 … without gaps, printed in batches, for {@code --run-for}.
 */
@RunWith(JUnit4.class)
public class RateTest {
  @Test
  public void printsConsecutiveValuesForTheTimeGiven() {
    long start = System.nanoTime();
    Run run = Run.of("rate", "--rows-per-second=10", "--batch-interval=500ms", "--run-for=3s");
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat((System.nanoTime() - start) / 1_000_000L, greaterThanOrEqualTo(3000L));
    List<Long> values = new ArrayList<>();
    ConsoleTables.rows(run.out)
        .values()
        .forEach(rows -> rows.forEach(r -> values.add(Long.parseLong(r.split("\\|")[1]))));
    assertThat(run.toString(), values.size(), greaterThanOrEqualTo(10));
    for (int i = 0; i < values.size(); i++) {
      assertThat(values.get(i), equalTo((long) i));
    }
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
