package dev.sluice.io.stream;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link Durations}. */
@RunWith(JUnit4.class)
public class DurationsTest {
  @Test
  public void sparkDurationStrings() {
    assertThat(Durations.parseMillis("7d", "a", TimeUnit.MILLISECONDS), is(604_800_000L));
    assertThat(Durations.parseMillis("10 seconds", "a", TimeUnit.MILLISECONDS), is(10_000L));
    assertThat(Durations.parseMillis("5min", "a", TimeUnit.MILLISECONDS), is(300_000L));
    assertThat(Durations.parseMillis("250ms", "a", TimeUnit.MILLISECONDS), is(250L));
    assertThat(Durations.parseMillis("3", "a", TimeUnit.SECONDS), is(3_000L));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Durations.parseMillis("soon", "maxFileAge", TimeUnit.MILLISECONDS));
    assertThat(e.getMessage(), containsString("maxFileAge"));
  }
}
