package dev.sluice.structured.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spark's {@code Metadata}: an immutable map of a struct field's extra facts, keyed by name, with
 * string, long, double or boolean values. Spark keeps a field's {@code COMMENT} under {@code
 * "comment"}; Sluice carries that one into the engine's schema (a Beam field's description), the
 * others stay with the {@link StructField}.
 *
 * <pre>{@code
 * Metadata m = new MetadataBuilder().putString("comment", "user id").putLong("v", 2).build();
 * m.getString("comment");   // "user id"
 * m.json();                 // {"comment":"user id","v":2}
 * Metadata.empty();         // {}
 * }</pre>
 */
public final class Metadata {
  private static final Metadata EMPTY = new Metadata(Map.of());

  private final Map<String, Object> values;

  Metadata(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** No entries. */
  public static Metadata empty() {
    return EMPTY;
  }

  Map<String, Object> values() {
    return values;
  }

  /** True if {@code key} has a value. */
  public boolean contains(String key) {
    return values.containsKey(key);
  }

  /**
   * The string under {@code key}.
   *
   * @throws java.util.NoSuchElementException if there is none, or it is not a string
   */
  public String getString(String key) {
    return get(key, String.class);
  }

  /** The long under {@code key}. */
  public long getLong(String key) {
    return get(key, Long.class);
  }

  /** The double under {@code key}. */
  public double getDouble(String key) {
    return get(key, Double.class);
  }

  /** The boolean under {@code key}. */
  public boolean getBoolean(String key) {
    return get(key, Boolean.class);
  }

  private <T> T get(String key, Class<T> type) {
    Object v = values.get(key);
    if (!type.isInstance(v)) {
      throw new java.util.NoSuchElementException(
          "Metadata has no "
              + type.getSimpleName().toLowerCase(java.util.Locale.ROOT)
              + " under '"
              + key
              + "'; it has "
              + json());
    }
    return type.cast(v);
  }

  /** The entries as a JSON object, in the order they were put. */
  public String json() {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(quote(e.getKey())).append(':');
      Object v = e.getValue();
      out.append(v instanceof String ? quote((String) v) : String.valueOf(v));
    }
    return out.append('}').toString();
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Metadata && ((Metadata) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return json();
  }
}
