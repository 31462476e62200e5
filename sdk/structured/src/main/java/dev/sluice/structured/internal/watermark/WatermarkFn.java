package dev.sluice.structured.internal.watermark;

import dev.sluice.io.stream.Batched;
import dev.sluice.structured.internal.exec.StreamElement;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;

/**
 * The {@code withWatermark} step: passes everything through and reports, per batch and bundle, the
 * event times of the watermark column ({@link StreamElement.Kind#EVENT_TIME}); nulls are ignored.
 *
 * <pre>{@code
 * stream.apply("Watermark", ParDo.of(new WatermarkFn("wm0", tsIndex)));
 * }</pre>
 */
public final class WatermarkFn extends DoFn<StreamElement, StreamElement> {
  private final String id;
  private final int column;
  private transient Map<Long, EventTimeStats> stats;

  public WatermarkFn(String id, int column) {
    this.id = id;
    this.column = column;
  }

  @StartBundle
  public void startBundle() {
    stats = new HashMap<>();
  }

  @ProcessElement
  public void process(@Element StreamElement e, OutputReceiver<StreamElement> out) {
    if (e.kind() == StreamElement.Kind.ROW) {
      Object value = e.row().getValue(column);
      if (value != null) {
        long millis = ((ReadableInstant) value).getMillis();
        stats.merge(e.batch(), EventTimeStats.of(millis), EventTimeStats::merge);
      }
    }
    out.output(e);
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    for (Map.Entry<Long, EventTimeStats> s : stats.entrySet()) {
      Instant timestamp = Batched.timestampOf(s.getKey());
      context.output(
          StreamElement.eventTime(s.getKey(), id, s.getValue()), timestamp, GlobalWindow.INSTANCE);
    }
    stats.clear();
  }
}
