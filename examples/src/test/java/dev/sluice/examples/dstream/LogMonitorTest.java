package dev.sluice.examples.dstream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.dstream.Durations;
import dev.sluice.dstream.StreamingContext;
import dev.sluice.examples.Run;
import dev.sluice.examples.cli.InputOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link LogMonitor}: the seed's filter on both runners, and the example end to end. */
@RunWith(JUnit4.class)
public class LogMonitorTest {
  @Test
  public void keepsTheLinesContainingErrorInEveryBatchOnBothRunners() {
    for (String runner : new String[] {"MicroBatchRunner", "DirectRunner"}) {
      StreamingContext ssc =
          new StreamingContext(
              StreamingContext.options("--runner=" + runner), Durations.seconds(1));
      Collected<String> errors =
          Collected.of(
              LogMonitor.errors(
                  ssc.queueStream(
                      new ArrayDeque<>(
                          List.of(
                              List.of("ok", "disk error", "ERROR upper case is not matched"),
                              List.of("fine"),
                              List.of("errors: 2", "warn"))))));
      ssc.start();
      boolean ended = ssc.awaitTerminationOrTimeout(Run.HANG_GUARD_MILLIS);
      ssc.stop();
      org.junit.Assert.assertTrue(runner + ": the job did not end within the hang guard", ended);
      assertThat(
          runner,
          errors.batches(),
          // the batch with no error line is still a batch, as in Spark (an empty collection)
          equalTo(
              Map.of(1000L, List.of("disk error"), 2000L, List.of(), 3000L, List.of("errors: 2"))));
    }
  }

  @Test
  public void printsTheErrorLinesOfTheBundledLogAndStops() throws Exception {
    Run run = Run.of("log-monitor", "--batch-interval=200ms", "--lines-per-batch=8");
    assertThat(run.toString(), run.code, equalTo(0));
    List<String> expected =
        Files.readAllLines(InputOption.copyResource(LogMonitor.BUNDLED_LOG), StandardCharsets.UTF_8)
            .stream()
            .filter(line -> line.contains("error"))
            .collect(Collectors.toList());
    assertThat(expected.size(), equalTo(5));
    List<String> printed =
        run.out.lines().filter(line -> line.startsWith("2024-")).collect(Collectors.toList());
    assertThat(run.toString(), printed, equalTo(expected));
    assertThat(run.out, org.hamcrest.Matchers.containsString("\nTime: "));
  }
}
