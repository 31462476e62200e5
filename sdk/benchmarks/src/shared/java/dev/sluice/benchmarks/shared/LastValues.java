package dev.sluice.benchmarks.shared;

import java.util.function.ObjLongConsumer;

/**
 * The last value written for each key, for update-mode results (a key's final value is the one in
 * its last update): an open-addressing map from positive {@code long} keys to {@code double}s in 64
 * stripes, each behind its own lock, so the sinks of several worker threads can write at once
 * without boxing millions of entries.
 *
 * <pre>{@code
 * LastValues last = new LastValues(1 << 20);
 * last.put(42L, 1.5);
 * last.put(42L, 2.0);
 * last.forEach((value, key) -> System.out.println(key + " " + value)); // 42 2.0
 * }</pre>
 */
public final class LastValues {
  private static final int STRIPES = 64;

  private final Stripe[] stripes = new Stripe[STRIPES];

  /** A map sized for about {@code expectedKeys} keys (it grows when needed). */
  public LastValues(int expectedKeys) {
    int perStripe = Integer.highestOneBit(Math.max(16, expectedKeys / STRIPES * 2)) * 2;
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Stripe(perStripe);
    }
  }

  /** Sets {@code key}'s value; {@code key} must be positive. */
  public void put(long key, double value) {
    if (key <= 0) {
      throw new IllegalArgumentException("keys must be positive, got " + key);
    }
    long h = spread(key);
    Stripe s = stripes[(int) (h >>> 58)];
    synchronized (s) {
      s.put(key, h, value);
    }
  }

  /** The number of keys. */
  public long size() {
    long n = 0;
    for (Stripe s : stripes) {
      synchronized (s) {
        n += s.size;
      }
    }
    return n;
  }

  /** Calls {@code action} with each (value, key); not concurrently with {@link #put}. */
  public void forEach(ObjLongConsumer<Double> action) {
    for (Stripe s : stripes) {
      synchronized (s) {
        for (int i = 0; i < s.keys.length; i++) {
          if (s.keys[i] != 0) {
            action.accept(s.values[i], s.keys[i]);
          }
        }
      }
    }
  }

  private static long spread(long key) {
    long z = key * 0x9e3779b97f4a7c15L;
    return z ^ (z >>> 29);
  }

  private static final class Stripe {
    long[] keys;
    double[] values;
    int size;

    Stripe(int capacity) {
      keys = new long[capacity];
      values = new double[capacity];
    }

    void put(long key, long hash, double value) {
      int mask = keys.length - 1;
      int i = (int) hash & mask;
      while (keys[i] != 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      if (keys[i] == 0) {
        keys[i] = key;
        size++;
      }
      values[i] = value;
      if (size * 4 > keys.length * 3) {
        grow();
      }
    }

    private void grow() {
      long[] oldKeys = keys;
      double[] oldValues = values;
      keys = new long[oldKeys.length * 2];
      values = new double[oldKeys.length * 2];
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldKeys[i] != 0) {
          put(oldKeys[i], spread(oldKeys[i]), oldValues[i]);
        }
      }
    }
  }
}
