package dev.sluice.dstream.internal;

import dev.sluice.dstream.function.Function2;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;

/**
 * Helpers shared by the facade's transforms: calling user functions so their own exception is what
 * the pipeline fails with, folding with a reducer, and Spark's text form of elements.
 *
 * <pre>{@code
 * Fns.format(KV.of("a", 1)); // "(a,1)", as Spark prints a tuple
 * }</pre>
 */
public final class Fns {
  private Fns() {}

  /**
   * Throws {@code t} unchanged, checked or not, so a user function's exception reaches {@code
   * awaitTermination} as itself. Declared to return an exception so callers can write {@code throw
   * Fns.rethrow(e)}.
   */
  public static RuntimeException rethrow(Throwable t) {
    return Fns.<RuntimeException>sneaky(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }

  /** Spark's {@code toString} of an element: pairs as {@code (k,v)}, everything else as is. */
  public static String format(Object value) {
    if (value instanceof KV) {
      KV<?, ?> kv = (KV<?, ?>) value;
      return "(" + format(kv.getKey()) + "," + format(kv.getValue()) + ")";
    }
    return String.valueOf(value);
  }

  /** Folds {@code values} with {@code f}, left to right. */
  public static <T> T reduce(Iterator<T> values, Function2<T, T, T> f) {
    if (!values.hasNext()) {
      throw new NoSuchElementException("reduce of an empty collection");
    }
    T acc = values.next();
    try {
      while (values.hasNext()) {
        acc = f.call(acc, values.next());
      }
    } catch (Exception e) {
      throw rethrow(e);
    }
    return acc;
  }

  /** {@link #reduce} as the function of Beam's {@code Combine.globally}/{@code perKey}. */
  public static <T> SerializableFunction<Iterable<T>, T> reducer(Function2<T, T, T> f) {
    return values -> reduce(values.iterator(), f);
  }
}
