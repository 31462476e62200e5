package dev.sluice.benchmarks.facade;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class PacedRateSourceTest {
  @Test
  public void emitsEachValueOnceWhenDueWithItsDueTime() throws Exception {
    PacedRateSource source = new PacedRateSource(5, 100); // one value every 10 ms
    UnboundedSource.UnboundedReader<KV<Long, Long>> reader =
        source.createReader(PipelineOptionsFactory.create(), null);
    List<KV<Long, Long>> read = new ArrayList<>();
    boolean available = reader.start();
    while (read.size() < 5) {
      if (available) {
        KV<Long, Long> kv = reader.getCurrent();
        assertTrue("not before it is due", System.currentTimeMillis() >= kv.getValue());
        assertEquals(kv.getValue().longValue(), reader.getCurrentTimestamp().getMillis());
        read.add(kv);
      } else {
        Thread.sleep(1);
      }
      available = reader.advance();
    }
    assertFalse(reader.advance());
    assertEquals(BoundedWindow.TIMESTAMP_MAX_VALUE, reader.getWatermark());
    long start = read.get(0).getValue();
    for (int i = 0; i < 5; i++) {
      assertEquals(KV.of((long) i, start + i * 10L), read.get(i));
    }
    // a reader resumed from a mark continues after it
    UnboundedSource.UnboundedReader<KV<Long, Long>> resumed =
        source.createReader(PipelineOptionsFactory.create(), new PacedRateSource.Mark(start, 4));
    assertTrue(resumed.start());
    assertEquals(KV.of(4L, start + 40), resumed.getCurrent());
  }

  @Test
  public void rejectsABadRate() {
    assertThrows(IllegalArgumentException.class, () -> new PacedRateSource(1, 0));
  }
}
