package dev.sluice.examples.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.sluice.examples.cli.TriggerOptions.Trigger;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;

/** {@link TriggerOptions}: available-now by default, --follow for processing time. */
@RunWith(JUnit4.class)
public class TriggerOptionsTest {
  @Command(name = "job")
  static final class Job {
    @Mixin TriggerOptions trigger;
  }

  private static TriggerOptions parse(String... args) {
    Job job = new Job();
    new CommandLine(job).parseArgs(args);
    return job.trigger;
  }

  @Test
  public void availableNowUnlessFollowingOrAskedForProcessingTime() {
    assertThat(parse().trigger(), equalTo(Trigger.AVAILABLE_NOW));
    assertThat(parse().follows(), equalTo(false));
    assertThat(parse("--follow").trigger(), equalTo(Trigger.PROCESSING_TIME));
    assertThat(parse("--follow").follows(), equalTo(true));
    assertThat(parse("--trigger", "processing-time").follows(), equalTo(true));
    assertThat(parse("--trigger=available-now").trigger(), equalTo(Trigger.AVAILABLE_NOW));
    assertThat(Trigger.PROCESSING_TIME.toString(), equalTo("processing-time"));
  }

  @Test
  public void structuredTriggerIsAvailableNowOrProcessingTimeEveryInterval() {
    java.time.Duration interval = java.time.Duration.ofMillis(250);
    assertThat(parse().structured(interval), equalTo(dev.sluice.structured.Trigger.AvailableNow()));
    assertThat(
        parse("--follow").structured(interval),
        equalTo(dev.sluice.structured.Trigger.ProcessingTime(250)));
  }

  @Test
  public void unknownTriggerNamesTheChoices() {
    ParameterException e = assertThrows(ParameterException.class, () -> parse("--trigger", "once"));
    assertThat(e.getMessage(), containsString("'once' is not a trigger; use available-now or"));
  }

  @Test
  public void followWithAvailableNowIsContradictoryInEitherOrder() {
    for (String[] args :
        new String[][] {
          {"--follow", "--trigger=available-now"}, {"--trigger=available-now", "--follow"}
        }) {
      ParameterException e = assertThrows(ParameterException.class, () -> parse(args));
      assertThat(e.getMessage(), containsString("give one of them"));
    }
  }
}
