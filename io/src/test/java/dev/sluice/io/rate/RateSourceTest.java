package dev.sluice.io.rate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import dev.sluice.io.stream.BatchEnd;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchedResults;
import dev.sluice.io.stream.BatchedResults.ByBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.Row;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link RateSource}. */
@RunWith(JUnit4.class)
public class RateSourceTest {

  @Test
  public void dueFollowsTheRampUp() {
    // rowsPerSecond 10 with a 4 s ramp-up: 2, 4, 6, 8, then 10 rows per second
    List<Long> due = new ArrayList<>();
    for (long s = 0; s <= 6; s++) {
      due.add(RateSource.due(s, 10, 4));
    }
    assertThat(due, contains(0L, 2L, 6L, 12L, 20L, 30L, 40L));
    assertThat(RateSource.due(3, 5, 0), is(15L));
  }

  @Test
  public void valuesAreConsecutiveAndTimedByTheRateAcrossBatchesAndRestarts() throws Exception {
    RateSource.Source source =
        RateSource.create()
            .withRowsPerSecond(50)
            .withTrigger(BatchTrigger.processingTime(500))
            .unboundedSource();
    List<Batched<Row>> out = new ArrayList<>();
    BatchedResults.readUntil(
        source,
        7,
        BatchedResults.HANG_GUARD_MILLIS,
        out,
        l -> l.stream().filter(Batched::isRecord).count() >= 100);
    ByBatch<Row> batches = new ByBatch<>(out);
    long expected = 0;
    long startMillis = -1;
    for (Map.Entry<Long, List<Row>> batch : batches.records.entrySet()) {
      for (Row row : batch.getValue()) {
        assertThat(row.getInt64("value"), is(expected));
        long millis = row.getDateTime("timestamp").getMillis();
        if (startMillis < 0) {
          startMillis = millis;
        }
        assertThat(millis - startMillis, is(expected * 20));
        expected++;
      }
      BatchEnd end = batches.ends.get(batch.getKey());
      if (end != null) {
        assertThat(end.numInputRows(), is((long) batch.getValue().size()));
        assertThat(batch.getValue().size() % 50, is(0));
      }
    }
    assertThat(expected >= 100, is(true));
    assertThat(
        batches.ends.get(0L).description(),
        is("RateStreamV2[rowsPerSecond=50, rampUpTimeSeconds=0, numPartitions=default"));
    assertThat(batches.ends.get(0L).startOffset(), is("0"));
  }

  @Test
  public void boundedTriggersFindNothingDueAtStart() throws Exception {
    assertThat(
        BatchedResults.readAll(
            RateSource.create().withTrigger(BatchTrigger.once()).unboundedSource(),
            0,
            BatchedResults.HANG_GUARD_MILLIS),
        is(empty()));
    String key = BatchedResults.newKey();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    p.apply(RateSource.create().withNumPartitions(2).withTrigger(BatchTrigger.availableNow()))
        .apply(BatchedResults.<Row>collectInto(key));
    p.run().waitUntilFinish();
    List<Batched<Row>> out = BatchedResults.collected(key);
    assertThat(out.size(), is(1));
    assertThat(out.get(0).end().hasData(), is(false));
    assertThat(out.get(0).end().description(), containsString("numPartitions=2"));
  }

  @Test
  public void optionsAreReadFromStrings() {
    RateSource r =
        RateSource.create()
            .withOptions(Map.of("rowsPerSecond", "5", "rampUpTime", "2s", "numPartitions", "3"));
    assertThat(r.rowsPerSecond(), is(5L));
    assertThat(r.rampUpTimeSeconds(), is(2L));
    assertThat(r.numPartitions(), is(3));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RateSource.create().withOptions(Map.of("rowsPerSecond", "fast")));
    assertThat(e.getMessage(), containsString("rowsPerSecond"));
  }
}
