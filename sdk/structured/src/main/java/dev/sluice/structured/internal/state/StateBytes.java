package dev.sluice.structured.internal.state;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.coders.Coder;

/**
 * Keys and values of a shard's state as bytes, written with Beam coders (nested encodings, so they
 * concatenate and a scan by a prefix of components works). A key starts with its kind byte ({@link
 * StatefulOperatorFn#DATA}, ...).
 * <!-- given: Row key; org.apache.beam.sdk.coders.RowCoder coder; -->
 *
 * <pre>{@code
 * byte[] k = StateBytes.key(StatefulOperatorFn.DATA).add(coder, key).bytes();
 * Row back = StateBytes.decode(coder, k, 1);
 * }</pre>
 */
public final class StateBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

  private StateBytes() {}

  /** A key of kind {@code kind}, components to follow. */
  public static StateBytes key(byte kind) {
    StateBytes b = new StateBytes();
    b.out.write(kind);
    return b;
  }

  /** An empty value, components to follow. */
  public static StateBytes value() {
    return new StateBytes();
  }

  /** Appends {@code value} encoded by {@code coder}. */
  public <T> StateBytes add(Coder<T> coder, T value) {
    try {
      coder.encode(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot encode " + value + " with " + coder, e);
    }
    return this;
  }

  /** Appends one byte. */
  public StateBytes addByte(int b) {
    out.write(b);
    return this;
  }

  public byte[] bytes() {
    return out.toByteArray();
  }

  /** The bytes from {@code offset} on, as a stream to decode components from. */
  public static InputStream from(byte[] bytes, int offset) {
    return new ByteArrayInputStream(bytes, offset, bytes.length - offset);
  }

  /** The value encoded by {@code coder} at {@code offset} of {@code bytes}. */
  public static <T> T decode(Coder<T> coder, byte[] bytes, int offset) {
    return decode(coder, from(bytes, offset));
  }

  /** The next value encoded by {@code coder} in {@code in}. */
  public static <T> T decode(Coder<T> coder, InputStream in) {
    try {
      return coder.decode(in);
    } catch (IOException e) {
      throw new IllegalStateException(
          "State bytes cannot be decoded with "
              + coder
              + ": the state was written for another query (an incompatible change); restart the"
              + " query with a new checkpoint location",
          e);
    }
  }
}
