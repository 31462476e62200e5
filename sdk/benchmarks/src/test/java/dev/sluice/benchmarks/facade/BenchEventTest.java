package dev.sluice.benchmarks.facade;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class BenchEventTest {
  @Test
  public void parsesALineAndItsTimestampInUtc() throws Exception {
    BenchEvent e =
        BenchEvent.parse(
            BenchEvent.reader(),
            "{\"eid\":12,\"id\":\"phone7\",\"action\":\"open\",\"value\":2.5,"
                + "\"ts\":\"2018-03-02T10:00:01\",\"extra\":1}");
    assertEquals(12, e.eid);
    assertEquals("phone7", e.id);
    assertEquals("open", e.action);
    assertEquals(2.5, e.value, 0);
    assertEquals(1519984801000L, BenchEvent.timestampMillis(e.ts));

    BenchEvent copy =
        CoderUtils.decodeFromByteArray(
            new BenchEvent.Coder(), CoderUtils.encodeToByteArray(new BenchEvent.Coder(), e));
    assertEquals(e.eid, copy.eid);
    assertEquals(e.id, copy.id);
    assertEquals(e.action, copy.action);
    assertEquals(e.value, copy.value, 0);
    assertEquals(e.ts, copy.ts);
  }

  @Test
  public void theFastTimestampPathAgreesWithJavaTime() {
    for (String ts :
        new String[] {"2018-03-02T23:59:59", "2018-03-04T01:00:00", "2020-02-29T12:34:56"}) {
      assertEquals(
          LocalDateTime.parse(ts).toInstant(ZoneOffset.UTC).toEpochMilli(),
          BenchEvent.timestampMillis(ts));
    }
    assertEquals(1519984800123L, BenchEvent.timestampMillis("2018-03-02T10:00:00.123"));
  }

  @Test
  public void rejectsALineThatIsNotAnEvent() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> BenchEvent.parse(BenchEvent.reader(), "{oops"));
    assertEquals("Not an event line: {oops", e.getMessage());
  }
}
