package dev.sluice.benchmarks.shared;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class QueryOutputTest {
  private static String digestOf(String... lines) {
    ResultDigest d = new ResultDigest();
    for (String l : lines) {
      d.add(l);
    }
    return d.toString();
  }

  @Test
  public void completeModeKeepsTheLastBatchsTableWhichEqualsTheFinalCounts() {
    QueryOutput.start(BenchQuery.F1, 0, 0);
    QueryOutput.complete(0, QueryOutput.f1Line(0, "open", 1));
    QueryOutput.complete(1, QueryOutput.f1Line(0, "open", 2));
    QueryOutput.complete(1, QueryOutput.f1Line(600_000, "tap", 1));
    QueryOutput.Finished f = QueryOutput.finish();

    assertEquals(digestOf("0,open,2", "600000,tap,1"), f.digest());
    assertEquals(3, f.outputRows());
    // the Beam pipeline's final counts, written once each, give the same digest
    QueryOutput.start(BenchQuery.F1, 0, 0);
    QueryOutput.append("600000,tap,1");
    QueryOutput.append("0,open,2");
    assertEquals(f.digest(), QueryOutput.finish().digest());
  }

  @Test
  public void updateModeKeepsEachKeysLastValue() {
    QueryOutput.start(BenchQuery.F2, 100, 0);
    QueryOutput.update(60_000, "phone7", 1.5);
    QueryOutput.update(120_000, "phone7", 4.0);
    QueryOutput.update(60_000, "phone7", 2.25);
    QueryOutput.Finished f = QueryOutput.finish();

    assertEquals(digestOf("60000,phone7,2.25", "120000,phone7,4.0"), f.digest());
    assertEquals(3, f.outputRows());
    assertTrue(Double.isNaN(f.p50Ms()));
    assertFalse(f.fields().contains("p50Ms"));
  }

  @Test
  public void f2RejectsKeysItCannotPack() {
    QueryOutput.start(BenchQuery.F2, 100, 0);
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> QueryOutput.update(1, "phone1", 0))
            .getMessage(),
        containsString("windows starting on a minute"));
    assertThat(
        assertThrows(IllegalArgumentException.class, () -> QueryOutput.update(0, "user1", 0))
            .getMessage(),
        containsString("ids phoneN"));
  }

  @Test
  public void rateRowsGiveLatenciesAndEachValueOnce() {
    QueryOutput.start(BenchQuery.F5, 0, 4, 1);
    Instant now = Instant.now();
    long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    QueryOutput.rateRow(0, nowMicros - 900_000); // warm-up row, left out of the latencies
    QueryOutput.rateRow(1, nowMicros - 10_000);
    QueryOutput.rateRow(2, nowMicros - 20_000);
    assertFalse(QueryOutput.rateDone());
    QueryOutput.rateRow(3, nowMicros - 30_000);
    QueryOutput.rateRow(4, nowMicros); // beyond the measured values: ignored
    assertTrue(QueryOutput.rateDone());
    QueryOutput.Finished f = QueryOutput.finish();

    assertEquals(digestOf("0", "1", "2", "3"), f.digest());
    assertEquals(3, f.measuredRows());
    assertTrue(f.p50Ms() >= 20 && f.p50Ms() < 900);
    assertTrue(f.maxMs() >= 30 && f.maxMs() < 900);
    assertThat(f.fields(), containsString("measuredRows=3 p50Ms="));

    QueryOutput.start(BenchQuery.F5, 0, 2, 0);
    QueryOutput.rateRow(0, nowMicros);
    QueryOutput.rateRow(0, nowMicros);
    QueryOutput.rateRow(1, nowMicros);
    assertNotEquals(f.digest(), QueryOutput.finish().digest()); // a duplicate shows
  }

  @Test
  public void appendModeDigestsEveryRow() {
    QueryOutput.start(BenchQuery.F4, 0, 0);
    String line = QueryOutput.f4Line("phone1", "de", "open", 1_000, 2.5);
    QueryOutput.append(line);
    QueryOutput.append(line);
    assertEquals("phone1,de,open,1000,2.5", line);
    assertEquals(digestOf(line, line), QueryOutput.finish().digest());
    assertEquals("7,phone1,tap,0.25,1000", QueryOutput.f3Line(7, "phone1", "tap", 0.25, 1_000));
  }
}
