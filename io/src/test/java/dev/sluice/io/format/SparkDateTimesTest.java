package dev.sluice.io.format;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link SparkDateTimes}. */
@RunWith(JUnit4.class)
public class SparkDateTimesTest {
  private static final ZoneId UTC = ZoneOffset.UTC;

  private static Instant ts(String text) {
    return SparkDateTimes.parseTimestamp(text, UTC);
  }

  @Test
  public void castFormsOfTimestamps() {
    assertThat(ts("2018-03-02T10:02:33"), is(Instant.parse("2018-03-02T10:02:33Z")));
    assertThat(ts("2018-03-02 10:02:33"), is(Instant.parse("2018-03-02T10:02:33Z")));
    assertThat(ts("  2018-3-2 1:2:3  "), is(Instant.parse("2018-03-02T01:02:03Z")));
    assertThat(ts("2018-03-02T10:02:33.5"), is(Instant.parse("2018-03-02T10:02:33.500Z")));
    assertThat(
        ts("2018-03-02T10:02:33.123456789"), is(Instant.parse("2018-03-02T10:02:33.123456789Z")));
    assertThat(ts("2018-03-02 10:02"), is(Instant.parse("2018-03-02T10:02:00Z")));
    assertThat(ts("2018-03-02 10"), is(Instant.parse("2018-03-02T10:00:00Z")));
    assertThat(ts("2018-03-02"), is(Instant.parse("2018-03-02T00:00:00Z")));
    assertThat(ts("2018-03"), is(Instant.parse("2018-03-01T00:00:00Z")));
    assertThat(ts("2018"), is(Instant.parse("2018-01-01T00:00:00Z")));
  }

  @Test
  public void zonesInTheTextWinOverTheDefault() {
    assertThat(ts("2018-03-02T10:02:33Z"), is(Instant.parse("2018-03-02T10:02:33Z")));
    assertThat(ts("2018-03-02T10:02:33+01:00"), is(Instant.parse("2018-03-02T09:02:33Z")));
    assertThat(ts("2018-03-02T10:02:33-1:30"), is(Instant.parse("2018-03-02T11:32:33Z")));
    assertThat(ts("2018-03-02T10:02:33.25 UTC"), is(Instant.parse("2018-03-02T10:02:33.250Z")));
    assertThat(ts("2018-03-02T10:02:33 Europe/Paris"), is(Instant.parse("2018-03-02T09:02:33Z")));
    assertThat(
        SparkDateTimes.parseTimestamp("2018-03-02T10:02:33", ZoneId.of("America/New_York")),
        is(Instant.parse("2018-03-02T15:02:33Z")));
  }

  @Test
  public void notTimestamps() {
    for (String text :
        new String[] {
          "",
          "  ",
          "yesterday",
          "2018/03/02",
          "18-03-02",
          "2018-13-02",
          "2018-02-30",
          "2018-03-02T",
          "2018-03-02 25:00:00",
          "2018-03-02 10:00Z",
          "2018-03-02T10:02:33 Mars",
          "10:02:33",
          "1520000000"
        }) {
      assertThat(text, ts(text), is(nullValue()));
    }
  }

  @Test
  public void timestampsWithoutZone() {
    assertThat(
        SparkDateTimes.parseTimestampNtz("2018-03-02T10:02:33"),
        is(LocalDateTime.parse("2018-03-02T10:02:33")));
    assertThat(SparkDateTimes.parseTimestampNtz("2018-03-02T10:02:33Z"), is(nullValue()));
  }

  @Test
  public void castFormsOfDates() {
    assertThat(SparkDateTimes.parseDate("2018-03-02"), is(LocalDate.of(2018, 3, 2)));
    assertThat(SparkDateTimes.parseDate("2018-3-2"), is(LocalDate.of(2018, 3, 2)));
    assertThat(SparkDateTimes.parseDate("2018-03-02T10:02:33"), is(LocalDate.of(2018, 3, 2)));
    assertThat(SparkDateTimes.parseDate("2018-03-02 anything"), is(LocalDate.of(2018, 3, 2)));
    assertThat(SparkDateTimes.parseDate("2018-03"), is(LocalDate.of(2018, 3, 1)));
    assertThat(SparkDateTimes.parseDate("2018-03 x"), is(nullValue()));
    assertThat(SparkDateTimes.parseDate("2018-03-02x"), is(nullValue()));
    assertThat(SparkDateTimes.parseDate("03/02/2018"), is(nullValue()));
  }

  @Test
  public void patternsParseStrictlyWithSparkDefaultsForMissingFields() {
    DateTimeFormatter f = SparkDateTimes.formatter("dd/MM/yyyy HH:mm", "timestampFormat");
    assertThat(
        SparkDateTimes.parseTimestamp("02/03/2018 10:02", f, UTC),
        is(Instant.parse("2018-03-02T10:02:00Z")));
    assertThrows(
        DateTimeException.class, () -> SparkDateTimes.parseTimestamp("31/02/2018 10:02", f, UTC));
    assertThrows(
        DateTimeException.class, () -> SparkDateTimes.parseTimestamp("2018-03-02 10:02", f, UTC));
    DateTimeFormatter zoned =
        SparkDateTimes.formatter("yyyy-MM-dd'T'HH:mm:ssXXX", "timestampFormat");
    assertThat(
        SparkDateTimes.parseTimestamp("2018-03-02T10:02:33+02:00", zoned, UTC),
        is(Instant.parse("2018-03-02T08:02:33Z")));
    DateTimeFormatter month = SparkDateTimes.formatter("MMM yyyy", "dateFormat");
    assertThat(SparkDateTimes.parseDate("mar 2018", month), is(LocalDate.of(2018, 3, 1)));
  }

  @Test
  public void badPatternsAreRejectedWithTheOptionName() {
    IllegalArgumentException week =
        assertThrows(
            IllegalArgumentException.class,
            () -> SparkDateTimes.formatter("YYYY-ww", "dateFormat"));
    assertThat(week.getMessage(), containsString("Invalid dateFormat 'YYYY-ww'"));
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> SparkDateTimes.formatter("yyyy-MM-dd bb", "timestampFormat"));
    assertThat(unknown.getMessage(), containsString("Invalid timestampFormat"));
    // Letters inside quotes are literal text.
    SparkDateTimes.formatter("yyyy 'Week' MM", "dateFormat");
  }
}
