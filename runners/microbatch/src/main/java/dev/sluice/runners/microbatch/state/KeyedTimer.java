package dev.sluice.runners.microbatch.state;

import java.util.Comparator;
import org.apache.beam.runners.core.TimerInternals.TimerData;

/**
 * A timer of one key, as queued by {@link PartitionTimers}.
 *
 * <p>Timers are ordered by firing timestamp, then by the order in which they were set, so that two
 * timers due at the same instant fire in the order user code set them.
 *
 * <pre>{@code
 * KeyedTimer<String> t = new KeyedTimer<>(keyState, timerData, 7L);
 * t.key(); // the key whose state the timer belongs to
 * }</pre>
 *
 * @param <K> the key type
 */
public final class KeyedTimer<K> {
  static final Comparator<KeyedTimer<?>> ORDER =
      Comparator.comparing((KeyedTimer<?> t) -> t.data.getTimestamp())
          .thenComparingLong(t -> t.sequence);

  private final KeyState<K> keyState;
  private final TimerData data;
  private final long sequence;

  KeyedTimer(KeyState<K> keyState, TimerData data, long sequence) {
    this.keyState = keyState;
    this.data = data;
    this.sequence = sequence;
  }

  /** The key's state and timers. */
  public KeyState<K> keyState() {
    return keyState;
  }

  /** Beam's description of the timer. */
  public TimerData data() {
    return data;
  }

  long sequence() {
    return sequence;
  }

  @Override
  public String toString() {
    return keyState.key() + "/" + data;
  }
}
