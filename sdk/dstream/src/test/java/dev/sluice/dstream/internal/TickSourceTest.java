package dev.sluice.dstream.internal;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import dev.sluice.dstream.Jobs;
import org.apache.beam.sdk.io.UnboundedSource.UnboundedReader;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/** The clock's reader: one tick per interval, stamped inside its batch, resumable. */
public class TickSourceTest {
  @Test
  public void ticksEveryIntervalAndResumesFromItsMark() throws Exception {
    TickSource clock = new TickSource(100);
    UnboundedReader<Long> reader = clock.createReader(PipelineOptionsFactory.create(), null);
    long before = System.currentTimeMillis();
    assertThat(reader.start(), is(true));
    long first = reader.getCurrent();
    assertThat(first % 100, is(0L));
    assertThat(first, greaterThan(before));
    assertThat(first - 100, lessThanOrEqualTo(System.currentTimeMillis()));
    assertThat(reader.getCurrentTimestamp().getMillis(), is(first - 1));
    assertThat(reader.getWatermark().getMillis(), lessThanOrEqualTo(first + 99));

    long deadline = System.currentTimeMillis() + Jobs.HANG_GUARD_MILLIS;
    while (!reader.advance()) {
      assertThat(
          "a second tick within the hang guard", System.currentTimeMillis() < deadline, is(true));
      Thread.sleep(5);
    }
    assertThat(reader.getCurrent(), is(first + 100));

    TickSource.Next mark = (TickSource.Next) reader.getCheckpointMark();
    UnboundedReader<Long> resumed = clock.createReader(PipelineOptionsFactory.create(), mark);
    boolean ticked = resumed.start();
    while (!ticked) {
      Thread.sleep(5);
      ticked = resumed.advance();
    }
    assertThat(resumed.getCurrent(), is(first + 200));
  }
}
