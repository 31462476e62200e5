package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.translate.StageSpec;
import java.util.List;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.WindowedValues;
import org.joda.time.Instant;

/**
 * {@link TestStream}: one event per batch. An element event is a batch of exactly those elements; a
 * watermark event moves the watermark (and the batch fires what it makes due); a processing-time
 * event moves the synthetic clock.
 *
 * <pre>{@code
 * p.apply(TestStream.create(StringUtf8Coder.of())
 *     .addElements("a")
 *     .advanceWatermarkTo(new Instant(1000))
 *     .advanceProcessingTime(Duration.standardMinutes(1))
 *     .advanceWatermarkToInfinity());
 * }</pre>
 */
final class TestStreamSource extends SourceStage {
  private final List<TestStream.Event<Object>> events;
  private int next;
  private Instant watermark = BoundedWindow.TIMESTAMP_MIN_VALUE;

  @SuppressWarnings("unchecked")
  TestStreamSource(ExecutionContext context, StageSpec spec) {
    super(context, spec);
    this.events = ((TestStream<Object>) spec.head().transform()).getEvents();
  }

  @Override
  int partitions() {
    return 1;
  }

  @Override
  long read(int partition, ElementReceiver out) {
    if (next >= events.size()) {
      watermark = BoundedWindow.TIMESTAMP_MAX_VALUE;
      return 0;
    }
    TestStream.Event<Object> event = events.get(next++);
    long n = 0;
    if (event instanceof TestStream.ElementEvent) {
      for (TimestampedValue<Object> element :
          ((TestStream.ElementEvent<Object>) event).getElements()) {
        out.accept(
            WindowedValues.timestampedValueInGlobalWindow(
                element.getValue(), element.getTimestamp()));
        n++;
      }
    } else if (event instanceof TestStream.WatermarkEvent) {
      Instant to = ((TestStream.WatermarkEvent<Object>) event).getWatermark();
      if (to.isAfter(watermark)) {
        watermark = to;
      }
    } else if (event instanceof TestStream.ProcessingTimeEvent) {
      context
          .clock()
          .advance(((TestStream.ProcessingTimeEvent<Object>) event).getProcessingTimeAdvance());
    }
    return n;
  }

  @Override
  Instant watermark() {
    return watermark;
  }
}
