package dev.sluice.runners.microbatch.state;

import org.apache.beam.runners.core.InMemoryStateInternals;
import org.apache.beam.sdk.state.State;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The state of one key in one stage: Beam's in-memory state cells, plus the two questions the
 * runner asks of them after each batch.
 *
 * <p>Lifetime: created when a key first receives an element or a timer, dropped by its partition
 * once {@link #isEmpty()} and no timer is pending for the key. Watermark holds written by the
 * {@code ReduceFnRunner} or by user code ({@code @TimerId} output timestamps are tracked by {@link
 * PartitionTimers}, not here) are read back through {@link #earliestHold()}.
 *
 * <pre>{@code
 * KeyedStateInternals<String> state = KeyedStateInternals.forKey("user-1");
 * state.state(StateNamespaces.global(), StateTags.value("count", VarLongCoder.of())).write(3L);
 * state.earliestHold(); // TIMESTAMP_MAX_VALUE: no watermark hold was added
 * }</pre>
 *
 * @param <K> the key type
 */
public final class KeyedStateInternals<K> extends InMemoryStateInternals<K> {

  private KeyedStateInternals(@Nullable K key) {
    super(key);
  }

  /** Returns empty state for {@code key}. */
  public static <K> KeyedStateInternals<K> forKey(@Nullable K key) {
    return new KeyedStateInternals<>(key);
  }

  /**
   * The earliest watermark hold in any namespace of this key, or {@link
   * BoundedWindow#TIMESTAMP_MAX_VALUE} when none is held.
   */
  public Instant earliestHold() {
    Instant earliest = BoundedWindow.TIMESTAMP_MAX_VALUE;
    for (State state : inMemoryState.values()) {
      if (state instanceof InMemoryWatermarkHold) {
        Instant hold = ((InMemoryWatermarkHold<?>) state).read();
        if (hold != null && hold.isBefore(earliest)) {
          earliest = hold;
        }
      }
    }
    return earliest;
  }

  /** True when every state cell of this key is cleared, so the key can be forgotten. */
  public boolean isEmpty() {
    for (State state : inMemoryState.values()) {
      if (!((InMemoryState<?>) state).isCleared()) {
        return false;
      }
    }
    return true;
  }
}
