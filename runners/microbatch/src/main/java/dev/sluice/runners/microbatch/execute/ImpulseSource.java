package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.translate.StageSpec;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.WindowedValues;
import org.joda.time.Instant;

/**
 * {@code Impulse}: one empty byte array in the global window in the first batch, then the end of
 * time.
 *
 * <pre>{@code
 * p.apply(Impulse.create()); // read by an ImpulseSource
 * }</pre>
 */
final class ImpulseSource extends SourceStage {
  private volatile boolean emitted;

  ImpulseSource(ExecutionContext context, StageSpec spec) {
    super(context, spec);
  }

  @Override
  int partitions() {
    return 1;
  }

  @Override
  long read(int partition, ElementReceiver out) {
    if (emitted) {
      return 0;
    }
    out.accept(WindowedValues.valueInGlobalWindow(new byte[0]));
    emitted = true;
    return 1;
  }

  @Override
  Instant watermark() {
    return emitted ? BoundedWindow.TIMESTAMP_MAX_VALUE : BoundedWindow.TIMESTAMP_MIN_VALUE;
  }
}
