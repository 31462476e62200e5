package dev.sluice.structured.internal.expr;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class TimeWindowTest {
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
