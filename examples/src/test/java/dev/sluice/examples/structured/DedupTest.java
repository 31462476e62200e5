package dev.sluice.examples.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.examples.Run;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@code dedup}: event 3 sent twice is printed once, event 11 (late) never. */
@RunWith(JUnit4.class)
public class DedupTest {
  private static String e(int id, String value, String time) {
    String ts = "2024-01-15 " + time + ":00";
    return id + "|Event_" + id + "|" + value + "|" + ts + "|" + ts;
  }

  @Test
  public void dropsDuplicatesAndLateEvents() {
    Run run = Run.of("dedup");
    assertThat(run.toString(), run.code, equalTo(0));
    assertThat(
        run.toString(),
        ConsoleTables.sortedRows(run.out),
        equalTo(
            Map.of(
                0, List.of(e(1, "100.0", "10:00"), e(2, "200.0", "10:01"), e(3, "300.0", "10:02")),
                1, List.of(e(4, "110.0", "10:00"), e(5, "210.0", "10:01"), e(6, "310.0", "10:02")),
                2, List.of(e(7, "120.0", "10:00"), e(8, "220.0", "10:01"), e(9, "320.0", "10:02")),
                3, List.of(e(10, "400.0", "10:20")),
                4, List.of(e(12, "600.0", "10:21")),
                5, List.of())));
  }
}
