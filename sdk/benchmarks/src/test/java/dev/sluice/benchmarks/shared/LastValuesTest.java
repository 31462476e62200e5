package dev.sluice.benchmarks.shared;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class LastValuesTest {
  @Test
  public void keepsTheLastValueOfEachKeyAcrossGrowth() {
    LastValues last = new LastValues(16); // far too small: every stripe grows
    for (int round = 0; round < 3; round++) {
      for (long k = 1; k <= 50_000; k++) {
        last.put(k * 7919, k + round * 0.5);
      }
    }
    assertEquals(50_000, last.size());
    Map<Long, Double> seen = new HashMap<>();
    last.forEach((value, key) -> seen.put(key, value));
    assertEquals(50_000, seen.size());
    for (long k = 1; k <= 50_000; k++) {
      assertEquals(k + 1.0, seen.get(k * 7919), 0);
    }
  }

  @Test
  public void takesWritesFromSeveralThreads() {
    LastValues last = new LastValues(1 << 10);
    IntStream.rangeClosed(1, 100_000).parallel().forEach(k -> last.put(k, -k));
    assertEquals(100_000, last.size());
    double[] sum = {0};
    last.forEach((value, key) -> sum[0] += value + key);
    assertEquals(0, sum[0], 0);
  }

  @Test
  public void rejectsKeysThatAreNotPositive() {
    LastValues last = new LastValues(16);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> last.put(0, 1.0));
    assertThat(e.getMessage(), containsString("keys must be positive"));
  }
}
