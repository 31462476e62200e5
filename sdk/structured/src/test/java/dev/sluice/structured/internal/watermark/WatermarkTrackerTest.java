package dev.sluice.structured.internal.watermark;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.sluice.structured.internal.exec.StreamElement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The watermark moves as Spark's does and survives encoding into a state store. */
public class WatermarkTrackerTest {
  private static final Map<String, Long> DELAYS = Map.of("wm0", 600_000L);

  @Test
  public void aTrackerRoundTripsThroughItsEncoding() throws Exception {
    WatermarkTracker wm = new WatermarkTracker(DELAYS);
    wm.endBatch(List.of(StreamElement.eventTime(0, "wm0", EventTimeStats.of(3_600_000L))));
    wm.endBatch(List.of(StreamElement.eventTime(1, "wm0", EventTimeStats.of(4_200_000L))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    wm.encode(out);
    WatermarkTracker back =
        WatermarkTracker.decode(new ByteArrayInputStream(out.toByteArray()), DELAYS);
    assertThat(back.current(), equalTo(3_600_000L));
    assertThat(back.advancedForThisBatch(), equalTo(true));
    assertThat(back.lastBatchEventTimes(), equalTo(EventTimeStats.of(4_200_000L)));
    // it goes on as the original does
    back.endBatch(List.of());
    wm.endBatch(List.of());
    assertThat(back.current(), equalTo(wm.current()));
    assertThat(back.advancedForThisBatch(), equalTo(false));
  }
}
