package dev.sluice.dstream.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.KV;

/**
 * The coder of every collection the DStream facade builds: Spark users pass lambdas without types,
 * so elements are encoded by their run-time class. Strings, boxed numbers, booleans, {@link KV}s,
 * {@link List}s and {@link Optional}s have compact self-describing encodings; any other value must
 * be {@link Serializable} and is written with Java serialization.
 *
 * <pre>{@code
 * PCollection<KV<String, Integer>> pairs = ...;
 * pairs.setCoder(AnyCoder.kv());
 * }</pre>
 *
 * <p>It declares itself deterministic and consistent with {@code equals}, so values may be used as
 * grouping keys; keys should be of the compactly encoded kinds, or define {@code equals}.
 */
public final class AnyCoder<T> extends CustomCoder<T> {
  private static final long serialVersionUID = 1L;
  private static final AnyCoder<Object> INSTANCE = new AnyCoder<>();

  private static final int NULL = 0;
  private static final int STRING = 1;
  private static final int INT = 2;
  private static final int LONG = 3;
  private static final int DOUBLE = 4;
  private static final int BOOLEAN = 5;
  private static final int PAIR = 6;
  private static final int LIST = 7;
  private static final int OPTIONAL = 8;
  private static final int SERIALIZED = 9;

  private AnyCoder() {}

  /** The coder, typed for the caller. */
  @SuppressWarnings("unchecked")
  public static <T> AnyCoder<T> of() {
    return (AnyCoder<T>) INSTANCE;
  }

  /** A {@link KvCoder} of two {@link AnyCoder}s, as Beam's grouping and state transforms need. */
  public static <K, V> KvCoder<K, V> kv() {
    return KvCoder.of(of(), of());
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    write(value, out);
  }

  @SuppressWarnings("unchecked")
  @Override
  public T decode(InputStream in) throws IOException {
    return (T) read(in);
  }

  private static void write(Object value, OutputStream out) throws IOException {
    if (value == null) {
      out.write(NULL);
    } else if (value instanceof String) {
      out.write(STRING);
      StringUtf8Coder.of().encode((String) value, out);
    } else if (value instanceof Integer) {
      out.write(INT);
      VarIntCoder.of().encode((Integer) value, out);
    } else if (value instanceof Long) {
      out.write(LONG);
      VarLongCoder.of().encode((Long) value, out);
    } else if (value instanceof Double) {
      out.write(DOUBLE);
      DoubleCoder.of().encode((Double) value, out);
    } else if (value instanceof Boolean) {
      out.write(BOOLEAN);
      BooleanCoder.of().encode((Boolean) value, out);
    } else if (value instanceof KV) {
      out.write(PAIR);
      write(((KV<?, ?>) value).getKey(), out);
      write(((KV<?, ?>) value).getValue(), out);
    } else if (value instanceof List) {
      out.write(LIST);
      List<?> list = (List<?>) value;
      VarIntCoder.of().encode(list.size(), out);
      for (Object element : list) {
        write(element, out);
      }
    } else if (value instanceof Optional) {
      out.write(OPTIONAL);
      write(((Optional<?>) value).orElse(null), out);
    } else if (value instanceof Serializable) {
      out.write(SERIALIZED);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream objects = new ObjectOutputStream(bytes)) {
        objects.writeObject(value);
      }
      ByteArrayCoder.of().encode(bytes.toByteArray(), out);
    } else {
      throw new CoderException(
          "Cannot encode a "
              + value.getClass().getName()
              + ": DStream elements must be strings, numbers, KVs, lists or Serializable");
    }
  }

  private static Object read(InputStream in) throws IOException {
    int tag = in.read();
    switch (tag) {
      case NULL:
        return null;
      case STRING:
        return StringUtf8Coder.of().decode(in);
      case INT:
        return VarIntCoder.of().decode(in);
      case LONG:
        return VarLongCoder.of().decode(in);
      case DOUBLE:
        return DoubleCoder.of().decode(in);
      case BOOLEAN:
        return BooleanCoder.of().decode(in);
      case PAIR:
        Object key = read(in);
        return KV.of(key, read(in));
      case LIST:
        int size = VarIntCoder.of().decode(in);
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(read(in));
        }
        return list;
      case OPTIONAL:
        return Optional.ofNullable(read(in));
      case SERIALIZED:
        byte[] bytes = ByteArrayCoder.of().decode(in);
        try (ObjectInputStream objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
          return objects.readObject();
        } catch (ClassNotFoundException e) {
          throw new CoderException("Cannot decode a serialized DStream element", e);
        }
      default:
        throw new CoderException("Unknown AnyCoder tag " + tag);
    }
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AnyCoder;
  }

  @Override
  public int hashCode() {
    return AnyCoder.class.hashCode();
  }
}
