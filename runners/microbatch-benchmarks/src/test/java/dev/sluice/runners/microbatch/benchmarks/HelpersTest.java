package dev.sluice.runners.microbatch.benchmarks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import java.util.List;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Test;

public class HelpersTest {
  @Test
  public void digestIgnoresOrderButSeesEveryRow() {
    ResultDigest a = new ResultDigest();
    ResultDigest b = new ResultDigest();
    for (int i = 0; i < 1000; i++) {
      a.add("row" + i);
      b.add("row" + (999 - i));
    }
    assertEquals(a.summary(), b.summary());
    b.add("row1");
    assertNotEquals(a.summary(), b.summary());
    ResultDigest c = new ResultDigest();
    for (int i = 0; i < 1000; i++) {
      c.add(i == 500 ? "row500 " : "row" + i);
    }
    assertNotEquals(a.summary(), c.summary());
    assertEquals(1000, c.summary().rows());
  }

  @Test
  public void digestRegistryIsPerRun() {
    ResultDigest.open("x").add("a");
    ResultDigest.open("y");
    assertEquals(1, ResultDigest.close("x").rows());
    assertEquals(0, ResultDigest.close("y").rows());
  }

  @Test
  public void latencyPercentiles() {
    LatencyLog log = new LatencyLog();
    for (int i = 1; i <= 2000; i++) {
      log.record(i * 1_000_000L);
    }
    assertEquals(1000.0, log.percentileMillis(50), 0.0);
    assertEquals(1980.0, log.percentileMillis(99), 0.0);
    assertEquals(2000.0, log.percentileMillis(100), 0.0);
    assertEquals(Double.NaN, new LatencyLog().percentileMillis(50), 0.0);
  }

  @Test
  public void sessionsAreCutAtGaps() {
    List<TimestampedValue<Double>> events =
        List.of(
            TimestampedValue.of(1.0, new Instant(10_000)),
            TimestampedValue.of(2.5, new Instant(0)),
            TimestampedValue.of(4.0, new Instant(10_000 + 1_800_001)),
            TimestampedValue.of(0.25, new Instant(10_000 + 1_800_001 + 1_800_000)));
    assertEquals(
        List.of("0,10000,2,3.5", "1810001,3610001,2,4.25"),
        W4Sessionization.sessions(events, 1_800_000));
  }

  @Test
  public void keysSpreadOverTheKeySpace() {
    long keys = 1000;
    int[] hits = new int[(int) keys];
    for (long i = 0; i < 100_000; i++) {
      hits[(int) W2ManyKeysSum.key(i, keys)]++;
    }
    for (int h : hits) {
      assertEquals(100.0, h, 50.0);
    }
  }

  @Test
  public void markdownTableAndMedian() {
    String table =
        new MarkdownTable("workload", "rows/s")
            .add("W1", MarkdownTable.count(1_512_000))
            .toString();
    assertEquals(
        "| workload | rows/s    |\n| -------- | --------- |\n| W1       | 1,512,000 |\n", table);
    assertEquals(2.0, MarkdownTable.median(List.of(3.0, 1.0, 2.0)), 0.0);
    assertEquals(2.5, MarkdownTable.median(List.of(4.0, 1.0, 2.0, 3.0)), 0.0);
    assertThat(Benchmarks.machine(), containsString("processors"));
  }

  @Test
  public void workloadScaleMultipliers() {
    assertEquals(
        java.util.Map.of("W2", 0.1, "EVENTS", 0.5), Benchmarks.multipliers("W2=0.1, w3=0.5"));
    assertEquals(java.util.Map.of(), Benchmarks.multipliers(""));
  }

  @Test
  public void peakHeapPrefersAfterGc() {
    long mb = 1 << 20;
    assertEquals(
        "20",
        Benchmarks.peakHeap(
            List.of(
                new HeapSampler.Peaks(500 * mb, 20 * mb), new HeapSampler.Peaks(90 * mb, 8 * mb))));
    assertEquals(
        "≤ 90",
        Benchmarks.peakHeap(
            List.of(new HeapSampler.Peaks(50 * mb, 20 * mb), new HeapSampler.Peaks(90 * mb, 0))));
  }
}
