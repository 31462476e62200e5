package dev.sluice.structured.types;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a {@link Metadata} (Spark's {@code MetadataBuilder}).
 *
 * <pre>{@code
 * Metadata m = new MetadataBuilder()
 *     .withMetadata(Metadata.empty())
 *     .putString("comment", "when the event happened")
 *     .putBoolean("pii", false)
 *     .build();
 * }</pre>
 */
public final class MetadataBuilder {
  private final Map<String, Object> values = new LinkedHashMap<>();

  /** An empty builder. */
  public MetadataBuilder() {}

  /** Adds every entry of {@code metadata}. */
  public MetadataBuilder withMetadata(Metadata metadata) {
    values.putAll(metadata.values());
    return this;
  }

  public MetadataBuilder putString(String key, String value) {
    return put(key, value);
  }

  public MetadataBuilder putLong(String key, long value) {
    return put(key, value);
  }

  public MetadataBuilder putDouble(String key, double value) {
    return put(key, value);
  }

  public MetadataBuilder putBoolean(String key, boolean value) {
    return put(key, value);
  }

  /** Removes the entry under {@code key}, if any. */
  public MetadataBuilder remove(String key) {
    values.remove(key);
    return this;
  }

  private MetadataBuilder put(String key, Object value) {
    if (key == null || value == null) {
      throw new IllegalArgumentException(
          "Metadata keys and values cannot be null: " + key + " -> " + value);
    }
    values.put(key, value);
    return this;
  }

  /** The metadata built so far. */
  public Metadata build() {
    return new Metadata(values);
  }
}
