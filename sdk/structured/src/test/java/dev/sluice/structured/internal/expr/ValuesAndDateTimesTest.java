package dev.sluice.structured.internal.expr;

import static dev.sluice.structured.internal.expr.Fixtures.e;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.sluice.io.schema.SparkTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.junit.Test;

/** The value and date-time rules under the expressions: casts, ordering, parsing, printing. */
public class ValuesAndDateTimesTest {
  @Test
  public void stringToNumberCasts() {
    assertEquals(42, Values.cast(" 42 ", FieldType.STRING, FieldType.INT32, ZoneOffset.UTC));
    assertEquals(1, Values.cast("1.9", FieldType.STRING, FieldType.INT32, ZoneOffset.UTC));
    assertNull(Values.cast("3000000000", FieldType.STRING, FieldType.INT32, ZoneOffset.UTC));
    assertEquals(
        3000000000L, Values.cast("3000000000", FieldType.STRING, FieldType.INT64, ZoneOffset.UTC));
    assertNull(Values.cast("1.5d", FieldType.STRING, FieldType.DOUBLE, ZoneOffset.UTC));
    assertEquals(
        Double.POSITIVE_INFINITY,
        Values.cast("inf", FieldType.STRING, FieldType.DOUBLE, ZoneOffset.UTC));
    assertEquals(
        new BigDecimal("1.24"),
        Values.cast("1.235", FieldType.STRING, SparkTypes.decimal(5, 2), ZoneOffset.UTC));
    assertNull(Values.cast("12345.6", FieldType.STRING, SparkTypes.decimal(5, 2), ZoneOffset.UTC));
  }

  @Test
  public void numberNarrowingFollowsJava() {
    assertEquals((byte) 44, Values.cast(300, FieldType.INT32, FieldType.BYTE, ZoneOffset.UTC));
    assertEquals(2, Values.cast(2.99, FieldType.DOUBLE, FieldType.INT32, ZoneOffset.UTC));
    assertEquals(true, Values.cast(2, FieldType.INT32, FieldType.BOOLEAN, ZoneOffset.UTC));
    assertEquals(1L, Values.cast(true, FieldType.BOOLEAN, FieldType.INT64, ZoneOffset.UTC));
  }

  @Test
  public void impossibleCastsAreKnownBeforeRunning() {
    assertTrue(Values.canCast(FieldType.STRING, FieldType.DATETIME));
    assertTrue(Values.canCast(SparkTypes.DATE, FieldType.DATETIME));
    assertTrue(!Values.canCast(FieldType.INT32, SparkTypes.DATE));
    assertTrue(!Values.canCast(FieldType.array(FieldType.STRING), FieldType.INT32));
    assertTrue(Values.canCast(FieldType.array(FieldType.INT32), FieldType.array(FieldType.STRING)));
  }

  @Test
  public void orderingOfValues() {
    assertTrue(Values.compare(1, 2L) < 0);
    assertTrue(Values.compare(2.5, 2) > 0);
    assertEquals(0, Values.compare(-0.0, 0.0));
    assertTrue(Values.compare(Double.NaN, Double.POSITIVE_INFINITY) > 0);
    assertEquals(0, Values.compare(Double.NaN, Double.NaN));
    assertTrue(Values.compare("B", "a") < 0);
    assertTrue(Values.compare("\uFFFF", "\uD83D\uDE00") < 0); // by code point, like UTF-8 bytes
    assertTrue(Values.compare(Arrays.asList(1, 2), Arrays.asList(1, 2, 0)) < 0);
    assertTrue(Values.compare(new byte[] {(byte) 0xff}, new byte[] {1}) > 0);
    assertTrue(Values.compare(new BigDecimal("1.10"), 1.1) == 0);
  }

  @Test
  public void castParsingOfTimestamps() {
    ZoneId utc = ZoneOffset.UTC;
    assertEquals(
        Fixtures.ts("2018-03-02T10:02:33Z"),
        (long) DateTimes.parseTimestamp("2018-03-02T10:02:33", utc));
    assertEquals(
        Fixtures.ts("2018-03-02T10:02:33.500Z"),
        (long) DateTimes.parseTimestamp(" 2018-03-02 10:02:33.5Z ", utc));
    assertEquals(
        Fixtures.ts("2018-03-02T00:00:00Z"), (long) DateTimes.parseTimestamp("2018-03-02", utc));
    assertEquals(
        Fixtures.ts("2018-03-02T09:02:33Z"),
        (long) DateTimes.parseTimestamp("2018-03-02 10:02:33+01:00", utc));
    assertEquals(
        Fixtures.ts("2018-03-02T09:02:33Z"),
        (long) DateTimes.parseTimestamp("2018-03-02 10:02:33", ZoneId.of("Europe/Paris")));
    assertNull(DateTimes.parseTimestamp("2018-13-02", utc));
    assertNull(DateTimes.parseTimestamp("yesterday", utc));
    assertEquals(LocalDate.of(2018, 3, 2), DateTimes.parseDate("2018-03-02 junk"));
  }

  @Test
  public void patternParsingAndFormatting() {
    assertEquals(
        Fixtures.ts("2015-11-29T03:50:05Z"),
        (long)
            DateTimes.parseTimestamp(
                "29/nov/2015:04:50:05 +0100", "dd/MMM/yyyy:HH:mm:ss Z", ZoneOffset.UTC));
    assertNull(DateTimes.parseTimestamp("2015-11-29", "dd/MM/yyyy", ZoneOffset.UTC));
    assertEquals(
        Fixtures.ts("2024-01-15T13:00:00Z"),
        (long)
            DateTimes.parseTimestamp("2024-01-15 01:00 PM", "yyyy-MM-dd hh:mm a", ZoneOffset.UTC));
    assertEquals(
        "2024-01-15 10:07",
        DateTimes.format(Fixtures.ts("2024-01-15T10:07:00Z"), "yyyy-MM-dd HH:mm", ZoneOffset.UTC));
    assertEquals(
        "2024-01-15 10:07:00.25",
        DateTimes.timestampToString(Fixtures.ts("2024-01-15T10:07:00.250Z"), ZoneOffset.UTC));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DateTimes.format(0, "yyyy-MM-dd'", ZoneOffset.UTC));
    assertTrue(e.getMessage(), e.getMessage().contains("Invalid datetime pattern 'yyyy-MM-dd''"));
  }
}
