package dev.sluice.structured;

import dev.sluice.io.sink.BatchSink;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;

/** Sinks from io (console, memory, files): filled in when io's sinks land. */
final class IoSinks {
  private IoSinks() {}

  static BatchSink create(
      String format, Map<String, String> options, Schema schema, OutputMode mode, String name) {
    throw new IllegalArgumentException("Unknown sink format " + format);
  }

  static DataFrame memoryTable(StreamingSession session, String name) {
    return null;
  }
}
