package dev.sluice.dstream;

import dev.sluice.dstream.function.FlatMapFunction;
import dev.sluice.dstream.function.Function;
import dev.sluice.dstream.function.Function2;
import dev.sluice.dstream.function.VoidFunction;
import dev.sluice.dstream.internal.Fns;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One batch of a {@link DStream}: the elements of one batch interval (or one window slide), in
 * memory, with the batch's time. It plays the part of Spark's per-batch {@code RDD} in {@link
 * DStream#transform} and {@link DStream#foreachRDD}, with the usual collection operations.
 *
 * <pre>{@code
 * DStream<KV<String, Integer>> sorted =
 *     hashtagCounts.transform(batch -> batch.sortBy(kv -> kv.getValue(), false));
 * counts.foreachRDD(batch -> System.out.println(batch.time() + " ms: " + batch.take(3)));
 * }</pre>
 *
 * <p>A batch is immutable; every operation returns a new batch of the same time.
 */
public final class Batch<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long time;
  private final List<T> elements;

  private Batch(long time, List<T> elements) {
    this.time = time;
    this.elements = Collections.unmodifiableList(elements);
  }

  /** A batch of {@code elements} at {@code timeMillis} (for tests of transform functions). */
  public static <T> Batch<T> of(long timeMillis, List<T> elements) {
    return new Batch<>(timeMillis, new ArrayList<>(elements));
  }

  /** The batch time in milliseconds: the end of its interval, as Spark's {@code Time}. */
  public long time() {
    return time;
  }

  /** All elements, in order. */
  public List<T> collect() {
    return elements;
  }

  /** The number of elements. */
  public long count() {
    return elements.size();
  }

  /** True if the batch has no elements. */
  public boolean isEmpty() {
    return elements.isEmpty();
  }

  /** The first {@code n} elements (fewer if the batch is smaller). */
  public List<T> take(int n) {
    return elements.subList(0, Math.min(Math.max(n, 0), elements.size()));
  }

  /**
   * The first element.
   *
   * @throws NoSuchElementException if the batch is empty
   */
  public T first() {
    if (elements.isEmpty()) {
      throw new NoSuchElementException("first() of an empty batch at " + time + " ms");
    }
    return elements.get(0);
  }

  /** Each element mapped by {@code f}. */
  public <R> Batch<R> map(Function<T, R> f) {
    List<R> out = new ArrayList<>(elements.size());
    try {
      for (T element : elements) {
        out.add(f.call(element));
      }
    } catch (Exception e) {
      throw Fns.rethrow(e);
    }
    return new Batch<>(time, out);
  }

  /** The elements each element maps to, in order. */
  public <R> Batch<R> flatMap(FlatMapFunction<T, R> f) {
    List<R> out = new ArrayList<>();
    try {
      for (T element : elements) {
        for (Iterator<R> it = f.call(element); it.hasNext(); ) {
          out.add(it.next());
        }
      }
    } catch (Exception e) {
      throw Fns.rethrow(e);
    }
    return new Batch<>(time, out);
  }

  /** The elements for which {@code keep} is true. */
  public Batch<T> filter(Function<T, Boolean> keep) {
    List<T> out = new ArrayList<>();
    try {
      for (T element : elements) {
        if (keep.call(element)) {
          out.add(element);
        }
      }
    } catch (Exception e) {
      throw Fns.rethrow(e);
    }
    return new Batch<>(time, out);
  }

  /** The elements sorted by {@code key}; equal keys keep their order. */
  public <C extends Comparable<? super C>> Batch<T> sortBy(Function<T, C> key, boolean ascending) {
    List<T> out = new ArrayList<>(elements);
    Comparator<T> order =
        Comparator.comparing(
            element -> {
              try {
                return key.call(element);
              } catch (Exception e) {
                throw Fns.rethrow(e);
              }
            });
    out.sort(ascending ? order : order.reversed());
    return new Batch<>(time, out);
  }

  /** The elements without duplicates, in order of first appearance. */
  public Batch<T> distinct() {
    return new Batch<>(time, new ArrayList<>(new LinkedHashSet<>(elements)));
  }

  /** This batch's elements followed by {@code other}'s. */
  public Batch<T> union(Batch<T> other) {
    List<T> out = new ArrayList<>(elements);
    out.addAll(other.elements);
    return new Batch<>(time, out);
  }

  /**
   * The elements folded with {@code f}.
   *
   * @throws NoSuchElementException if the batch is empty
   */
  public T reduce(Function2<T, T, T> f) {
    return Fns.reduce(elements.iterator(), f);
  }

  /** Runs {@code f} on every element. */
  public void foreach(VoidFunction<T> f) {
    try {
      for (T element : elements) {
        f.call(element);
      }
    } catch (Exception e) {
      throw Fns.rethrow(e);
    }
  }

  @Override
  public String toString() {
    return "Batch(" + time + " ms, " + elements + ")";
  }
}
