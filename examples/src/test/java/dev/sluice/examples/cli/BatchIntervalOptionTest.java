package dev.sluice.examples.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import dev.sluice.examples.cli.BatchIntervalOption.DurationConverter;
import java.time.Duration;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.TypeConversionException;

/** {@link BatchIntervalOption}: short and Spark-style durations, defaults, bad values. */
@RunWith(JUnit4.class)
public class BatchIntervalOptionTest {
  @Command(name = "job")
  static final class Job {
    @Mixin BatchIntervalOption batch;
  }

  private static Duration parse(String value) {
    return new DurationConverter().convert(value);
  }

  @Test
  public void parsesShortAndSparkStyleDurations() {
    assertThat(parse("500ms"), equalTo(Duration.ofMillis(500)));
    assertThat(parse("250 milliseconds"), equalTo(Duration.ofMillis(250)));
    assertThat(parse("1s"), equalTo(Duration.ofSeconds(1)));
    assertThat(parse("10 seconds"), equalTo(Duration.ofSeconds(10)));
    assertThat(parse("1 second"), equalTo(Duration.ofSeconds(1)));
    assertThat(parse("2min"), equalTo(Duration.ofMinutes(2)));
    assertThat(parse("5 minutes"), equalTo(Duration.ofMinutes(5)));
    assertThat(parse("1m"), equalTo(Duration.ofMinutes(1)));
    assertThat(parse("1H"), equalTo(Duration.ofHours(1)));
  }

  @Test
  public void rejectsZeroNegativeAndUnitless() {
    for (String bad : new String[] {"0s", "-1s", "10", "1 fortnight", ""}) {
      TypeConversionException e =
          assertThrows(bad, TypeConversionException.class, () -> parse(bad));
      assertThat(e.getMessage(), containsString("is not a positive duration"));
    }
  }

  @Test
  public void givenIntervalOrTheExamplesDefault() {
    Job given = new Job();
    new CommandLine(given).parseArgs("--batch-interval=200ms");
    assertThat(given.batch.or(Duration.ofSeconds(1)), equalTo(Duration.ofMillis(200)));
    assertThat(given.batch.orDStream(Duration.ofSeconds(1)).milliseconds(), equalTo(200L));

    Job absent = new Job();
    new CommandLine(absent).parseArgs();
    assertThat(absent.batch.or(Duration.ofSeconds(5)), equalTo(Duration.ofSeconds(5)));
  }
}
