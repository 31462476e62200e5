package dev.sluice.examples.structured;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.examples.Main;
import dev.sluice.examples.Run;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@code access-logs} over the bundled log: the status counts and the top URLs per window, as
 * counted from the log independently (awk and a short script over {@code access_log.txt}).
 */
@RunWith(JUnit4.class)
public class AccessLogsTest {
  @Test
  public void countsStatusesThenTopUrlsPerWindow() {
    Run run = Run.of("access-logs");
    assertThat(run.toString(), run.code, equalTo(0));
    String[] queries = run.out.split("(?=-------------------------------------------\nBatch: 0)");
    assertThat(run.toString(), queries.length, equalTo(2));
    assertThat(
        ConsoleTables.rows(queries[0]).get(0),
        equalTo(List.of("200|47", "301|2", "302|6", "304|3", "404|2")));
    List<String> urls = ConsoleTables.rows(queries[1]).get(0);
    assertThat(urls.size(), equalTo(20));
    assertThat(
        urls.subList(0, 6),
        equalTo(
            List.of(
                "{2026-11-21 09:00:00, 2026-11-21 09:00:30}|/static/app.js|7",
                "{2026-11-21 09:00:10, 2026-11-21 09:00:40}|/static/app.js|6",
                "{2026-11-21 09:00:20, 2026-11-21 09:00:50}|/static/app.js|6",
                "{2026-11-21 08:59:50, 2026-11-21 09:00:20}|/static/app.js|5",
                "{2026-11-21 09:00:30, 2026-11-21 09:01:00}|/api/search?q=shoes|5",
                "{2026-11-21 09:00:40, 2026-11-21 09:01:10}|/api/search?q=shoes|5")));
    assertThat(queries[1], containsString("only showing top 20 rows"));
  }

  @Test
  public void anUnknownTimeSourceIsAUsageError() {
    Run run = Run.of("access-logs", "--event-time=server");
    assertThat(run.toString(), run.code, equalTo(Main.USAGE));
    assertThat(run.err, containsString("--event-time server is not a time source"));
  }
}
