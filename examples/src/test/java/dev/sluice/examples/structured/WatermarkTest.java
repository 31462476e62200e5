package dev.sluice.examples.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.examples.Run;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@code watermark} on the bundled events, batch by batch as Spark's rules give them: update mode
 * prints the windows a batch changed; the watermark (max event time − 10 minutes, from the previous
 * batch) reaches 10:10 after batch 3, so batch 4's event at 10:03 is dropped; the watermark's move
 * to 10:11 makes a no-data batch that changes nothing.
 */
@RunWith(JUnit4.class)
public class WatermarkTest {
  private static String w(String start, String end, long count, String sum) {
    return "{2024-01-15 " + start + ":00, 2024-01-15 " + end + ":00}|" + count + "|" + sum;
  }

  static final Map<Integer, List<String>> EXPECTED =
      Map.of(
          0,
          List.of(
              w("09:56", "10:01", 1, "100.0"),
              w("09:57", "10:02", 2, "300.0"),
              w("09:58", "10:03", 3, "600.0"),
              w("09:59", "10:04", 3, "600.0"),
              w("10:00", "10:05", 3, "600.0"),
              w("10:01", "10:06", 2, "500.0"),
              w("10:02", "10:07", 1, "300.0")),
          1,
          List.of(
              w("09:56", "10:01", 2, "210.0"),
              w("09:57", "10:02", 4, "620.0"),
              w("09:58", "10:03", 6, "1230.0"),
              w("09:59", "10:04", 6, "1230.0"),
              w("10:00", "10:05", 6, "1230.0"),
              w("10:01", "10:06", 4, "1020.0"),
              w("10:02", "10:07", 2, "610.0")),
          2,
          List.of(
              w("09:56", "10:01", 3, "330.0"),
              w("09:57", "10:02", 6, "960.0"),
              w("09:58", "10:03", 9, "1890.0"),
              w("09:59", "10:04", 9, "1890.0"),
              w("10:00", "10:05", 9, "1890.0"),
              w("10:01", "10:06", 6, "1560.0"),
              w("10:02", "10:07", 3, "930.0")),
          3,
          List.of(
              w("09:58", "10:03", 10, "2190.0"),
              w("09:59", "10:04", 10, "2190.0"),
              w("10:00", "10:05", 10, "2190.0"),
              w("10:01", "10:06", 7, "1860.0"),
              w("10:02", "10:07", 4, "1230.0"),
              w("10:16", "10:21", 1, "400.0"),
              w("10:17", "10:22", 1, "400.0"),
              w("10:18", "10:23", 1, "400.0"),
              w("10:19", "10:24", 1, "400.0"),
              w("10:20", "10:25", 1, "400.0")),
          4,
          List.of(
              w("10:17", "10:22", 2, "1000.0"),
              w("10:18", "10:23", 2, "1000.0"),
              w("10:19", "10:24", 2, "1000.0"),
              w("10:20", "10:25", 2, "1000.0"),
              w("10:21", "10:26", 1, "600.0")),
          5,
          List.of());

  @Test
  public void printsTheWindowsEachBatchChanged() {
    Run run = Run.of("watermark");
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(run.toString(), ConsoleTables.rows(run.out), equalTo(EXPECTED));
    assertThat(run.out, org.hamcrest.Matchers.containsString("|window|event_count|total_value|"));
  }
}
