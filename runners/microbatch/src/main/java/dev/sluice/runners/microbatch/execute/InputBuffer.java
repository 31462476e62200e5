package dev.sluice.runners.microbatch.execute;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.WindowedValue;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The input of a stage collected during a batch: a grid of {@code rows × partitions} lists, where a
 * row belongs to one producing worker (so writers never contend) and a partition to one consuming
 * worker.
 *
 * <p>Keyed buffers place an element by the hash of its key's structural value and keep that value
 * beside it, so that the consumer groups by key without encoding keys again.
 *
 * <pre>{@code
 * InputBuffer buffer = InputBuffer.keyed(4, 4, keyCoder);
 * ElementReceiver writer = buffer.writer(producerIndex);
 * writer.accept(WindowedValues.valueInGlobalWindow(KV.of("k", 1)));
 * buffer.drain(partition, (structuralKey, value) -> ...);
 * }</pre>
 */
public final class InputBuffer {
  /** Consumes drained elements. */
  @FunctionalInterface
  public interface Drain {
    /** Takes one element and its key's structural value (null in unkeyed buffers). */
    void accept(@Nullable Object structuralKey, WindowedValue<?> value);
  }

  private final int partitions;
  private final @Nullable Coder<Object> keyCoder;
  private final boolean keyed;
  private final List<List<Object>> keys;
  private final List<List<WindowedValue<?>>> values;
  private final int rows;

  @SuppressWarnings("unchecked")
  private InputBuffer(int rows, int partitions, boolean keyed, @Nullable Coder<?> keyCoder) {
    this.rows = rows;
    this.partitions = partitions;
    this.keyed = keyed;
    this.keyCoder = (Coder<Object>) keyCoder;
    this.keys = new ArrayList<>(rows * partitions);
    this.values = new ArrayList<>(rows * partitions);
    for (int i = 0; i < rows * partitions; i++) {
      keys.add(keyed ? new ArrayList<>() : null);
      values.add(new ArrayList<>());
    }
  }

  /**
   * A buffer of {@code KV} elements placed by key; a null {@code keyCoder} places every element
   * under the null key (one partition).
   */
  public static InputBuffer keyed(int rows, int partitions, @Nullable Coder<?> keyCoder) {
    return new InputBuffer(rows, partitions, true, keyCoder);
  }

  /** A buffer that keeps each producer's elements in the partition of the same index. */
  public static InputBuffer unkeyed(int rows, int partitions) {
    return new InputBuffer(rows, partitions, false, null);
  }

  /** The receiver through which producer {@code row} writes. */
  public ElementReceiver writer(int row) {
    if (!keyed) {
      int cell = row * partitions + (row % partitions);
      List<WindowedValue<?>> target = values.get(cell);
      return target::add;
    }
    return value -> add(row, value);
  }

  private void add(int row, WindowedValue<?> value) {
    Object structural;
    if (keyCoder == null) {
      structural = NULL_KEY;
    } else {
      Object key = ((KV<?, ?>) value.getValue()).getKey();
      structural = key == null ? NULL_KEY : keyCoder.structuralValue(key);
    }
    int cell = row * partitions + partitionOf(structural, partitions);
    keys.get(cell).add(structural);
    values.get(cell).add(value);
  }

  /** The partition of a structural key among {@code partitions}. */
  public static int partitionOf(Object structuralKey, int partitions) {
    int h = structuralKey.hashCode() * 0x9E3779B9;
    return Math.floorMod(h ^ (h >>> 16), partitions);
  }

  /** True if partition {@code partition} has elements waiting. */
  public boolean hasData(int partition) {
    for (int row = 0; row < rows; row++) {
      if (!values.get(row * partitions + partition).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** Hands every waiting element of {@code partition} to {@code drain} and forgets them. */
  public void drain(int partition, Drain drain) {
    for (int row = 0; row < rows; row++) {
      int cell = row * partitions + partition;
      List<WindowedValue<?>> vs = values.get(cell);
      if (vs.isEmpty()) {
        continue;
      }
      List<Object> ks = keys.get(cell);
      for (int i = 0; i < vs.size(); i++) {
        drain.accept(ks == null ? null : ks.get(i), vs.get(i));
      }
      vs.clear();
      if (ks != null) {
        ks.clear();
      }
    }
  }

  /** The structural value standing for the null key. */
  public static final Object NULL_KEY =
      new Object() {
        @Override
        public String toString() {
          return "<null key>";
        }
      };
}
