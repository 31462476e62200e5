package dev.sluice.io.time;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link DurationText}. */
@RunWith(JUnit4.class)
public class DurationTextTest {
  @Test
  public void sparkDurationStrings() {
    assertThat(DurationText.parseOptionMillis("7d", "a", TimeUnit.MILLISECONDS), is(604_800_000L));
    assertThat(
        DurationText.parseOptionMillis("10 seconds", "a", TimeUnit.MILLISECONDS), is(10_000L));
    assertThat(DurationText.parseOptionMillis("5min", "a", TimeUnit.MILLISECONDS), is(300_000L));
    assertThat(DurationText.parseOptionMillis("250ms", "a", TimeUnit.MILLISECONDS), is(250L));
    assertThat(DurationText.parseOptionMillis("3", "a", TimeUnit.SECONDS), is(3_000L));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DurationText.parseOptionMillis("soon", "maxFileAge", TimeUnit.MILLISECONDS));
    assertThat(e.getMessage(), containsString("maxFileAge"));
  }

  @Test
  public void parsesSparkIntervalStrings() {
    assertEquals(600_000L, DurationText.parseMillis("10 minutes"));
    assertEquals(3_600_000L, DurationText.parseMillis("1 hour"));
    assertEquals(30_000L, DurationText.parseMillis("30 seconds"));
    assertEquals(86_400_000L, DurationText.parseMillis("1 day"));
    assertEquals(5_400_000L, DurationText.parseMillis("1 hour 30 minutes"));
    assertEquals(604_800_000L, DurationText.parseMillis("interval 1 WEEK"));
    assertEquals(250L, DurationText.parseMillis("250 milliseconds"));
    assertEquals(1_500L, DurationText.parseMillis("1.5 seconds"));
    assertEquals(0L, DurationText.parseMillis("0 seconds"));
    assertEquals(-60_000L, DurationText.parseMillis("-1 minute"));
  }

  @Test
  public void badIntervalsNameTheString() {
    for (String bad :
        new String[] {"10 minuts", "ten minutes", "10", "", "1 month", "5 microseconds"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DurationText.parseMillis(bad));
      assertTrue(e.getMessage(), e.getMessage().contains("(" + bad + ")"));
    }
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () -> DurationText.parsePositiveMillis("0 seconds", "window duration"));
    assertTrue(zero.getMessage(), zero.getMessage().contains("window duration"));
  }

  @Test
  public void optionDurationsTakeShortUnitsAndBareNumbers() {
    assertThat(
        DurationText.parseOptionMillis("1h 30m", "a", TimeUnit.MILLISECONDS), is(5_400_000L));
    assertThat(DurationText.parseOptionMillis("2", "a", TimeUnit.MINUTES), is(120_000L));
    // Spark's interval strings have no short units
    assertThrows(IllegalArgumentException.class, () -> DurationText.parseMillis("5m"));
  }
}
