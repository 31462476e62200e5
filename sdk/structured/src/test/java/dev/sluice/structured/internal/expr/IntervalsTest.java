package dev.sluice.structured.internal.expr;

import static dev.sluice.structured.internal.expr.Fixtures.e;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class IntervalsTest {
  @Test
  public void parsesSparkIntervalStrings() {
    assertEquals(600_000L, Intervals.parseMillis("10 minutes"));
    assertEquals(3_600_000L, Intervals.parseMillis("1 hour"));
    assertEquals(30_000L, Intervals.parseMillis("30 seconds"));
    assertEquals(86_400_000L, Intervals.parseMillis("1 day"));
    assertEquals(5_400_000L, Intervals.parseMillis("1 hour 30 minutes"));
    assertEquals(604_800_000L, Intervals.parseMillis("interval 1 WEEK"));
    assertEquals(250L, Intervals.parseMillis("250 milliseconds"));
    assertEquals(1_500L, Intervals.parseMillis("1.5 seconds"));
    assertEquals(0L, Intervals.parseMillis("0 seconds"));
    assertEquals(-60_000L, Intervals.parseMillis("-1 minute"));
  }

  @Test
  public void badIntervalsNameTheString() {
    for (String bad :
        new String[] {"10 minuts", "ten minutes", "10", "", "1 month", "5 microseconds"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Intervals.parseMillis(bad));
      assertTrue(e.getMessage(), e.getMessage().contains("(" + bad + ")"));
    }
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () -> Intervals.parsePositiveMillis("0 seconds", "window duration"));
    assertTrue(zero.getMessage(), zero.getMessage().contains("window duration"));
  }

  @Test
  public void windowStartsAlignToTheEpochAndStartTime() {
    TimeWindow sliding = new TimeWindow(Attribute.exact("ts"), 600_000, 300_000, 0);
    long t = Fixtures.ts("2024-01-15T10:07:00Z");
    assertEquals(
        java.util.Arrays.asList(
            Fixtures.ts("2024-01-15T10:00:00Z"), Fixtures.ts("2024-01-15T10:05:00Z")),
        sliding.windowStarts(t));
    TimeWindow overlapping = new TimeWindow(Attribute.exact("ts"), 30_000, 10_000, 0);
    assertEquals(3, overlapping.windowStarts(t).size());
    TimeWindow tumbling = new TimeWindow(Attribute.exact("ts"), 600_000, 600_000, 0);
    assertEquals(
        java.util.Collections.singletonList(Fixtures.ts("2024-01-15T10:10:00Z")),
        tumbling.windowStarts(Fixtures.ts("2024-01-15T10:10:00Z")));
    TimeWindow beforeEpoch = new TimeWindow(Attribute.exact("ts"), 1000, 1000, 0);
    assertEquals(java.util.Collections.singletonList(-2000L), beforeEpoch.windowStarts(-1500));
  }
}
