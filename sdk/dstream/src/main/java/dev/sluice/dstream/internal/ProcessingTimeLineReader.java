package dev.sluice.dstream.internal;

import java.util.NoSuchElementException;
import org.apache.beam.sdk.io.UnboundedSource.UnboundedReader;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A reader of text lines stamped with the processing time at which they were read (Spark's
 * ingestion time); its watermark is that clock, never moving back.
 *
 * <pre>{@code
 * final class Reader extends ProcessingTimeLineReader {
 *   public boolean advance() {
 *     String line = nextLineOrNull();
 *     return line != null && emit(line);
 *   }
 * }
 * }</pre>
 */
abstract class ProcessingTimeLineReader extends UnboundedReader<String> {
  private @Nullable String current;
  private @Nullable Instant currentTimestamp;
  private Instant watermark = BoundedWindow.TIMESTAMP_MIN_VALUE;

  /** Makes {@code line} the current record, stamped now; returns true. */
  protected final boolean emit(String line) {
    current = line;
    currentTimestamp = now();
    return true;
  }

  /** Processing time, never moving back, so stamps and the watermark stay consistent. */
  protected final Instant now() {
    Instant now = Instant.now();
    if (now.isAfter(watermark)) {
      watermark = now;
    }
    return watermark;
  }

  @Override
  public Instant getWatermark() {
    return now();
  }

  @Override
  public String getCurrent() {
    if (current == null) {
      throw new NoSuchElementException();
    }
    return current;
  }

  @Override
  public Instant getCurrentTimestamp() {
    if (currentTimestamp == null) {
      throw new NoSuchElementException();
    }
    return currentTimestamp;
  }
}
