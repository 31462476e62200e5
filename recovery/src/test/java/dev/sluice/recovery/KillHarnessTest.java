package dev.sluice.recovery;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * One small trial of each scenario: two kills at random points, then a run to the end; what the
 * sink holds must equal the uninterrupted run. (The full harness, 50 trials each, runs on request.)
 */
public class KillHarnessTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private void trial(String scenario) throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    KillHarness.Summary s =
        KillHarness.run(
            scenario,
            1,
            2,
            6,
            200,
            tmp.getRoot().toPath().resolve(scenario),
            42,
            new PrintStream(log, true, StandardCharsets.UTF_8));
    String report = log.toString(StandardCharsets.UTF_8);
    assertThat(report, s.referenceRows(), greaterThan(0));
    assertThat(report, s.failedRestarts(), equalTo(0));
    assertThat(report, s.identical(), equalTo(1));
    assertThat(report, s.withTemporaryFiles(), equalTo(0));
  }

  @Test
  public void aKilledWindowedQueryRestartsToTheSameOutput() throws Exception {
    trial("windowed");
  }

  @Test
  public void aKilledStatelessQueryRestartsToTheSameOutput() throws Exception {
    trial("stateless");
  }
}
