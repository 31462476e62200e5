package dev.sluice.structured;

import dev.sluice.io.schema.DdlSchema;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;

/**
 * Describes a streaming source, then {@link #load()}s it as a streaming frame (Spark's {@code
 * DataStreamReader}). Filled in with io's sources.
 */
public final class DataStreamReader {
  private final StreamingSession session;
  private String format;
  private Schema schema;
  private final Map<String, String> options = new HashMap<>();

  DataStreamReader(StreamingSession session) {
    this.session = session;
  }

  public DataStreamReader format(String format) {
    this.format = format.toLowerCase(Locale.ROOT);
    return this;
  }

  public DataStreamReader schema(Schema schema) {
    this.schema = schema;
    return this;
  }

  public DataStreamReader schema(String ddl) {
    this.schema = DdlSchema.parse(ddl);
    return this;
  }

  public DataStreamReader option(String key, String value) {
    options.put(key.toLowerCase(Locale.ROOT), value);
    return this;
  }
}
