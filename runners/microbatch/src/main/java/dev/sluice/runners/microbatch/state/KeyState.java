package dev.sluice.runners.microbatch.state;

import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Everything a stage keeps for one key: the key itself, its state cells and its timers.
 *
 * <p>Lifetime: owned by one {@link PartitionTimers partition} of one stage; created on the first
 * element or timer for the key, removed when its state is empty and it has no pending timer.
 *
 * <pre>{@code
 * KeyState<String> ks = partition.keyState("user-1", structuralKey);
 * ks.stateInternals().state(namespace, tag);
 * ks.timerInternals().setTimer(timerData);
 * }</pre>
 *
 * @param <K> the key type
 */
public final class KeyState<K> {
  private final @Nullable K key;
  private final Object structuralKey;
  private final KeyedStateInternals<K> stateInternals;
  private final KeyTimerInternals<K> timerInternals;
  private int pendingTimers;
  private Instant stateHold;

  KeyState(@Nullable K key, Object structuralKey, PartitionTimers partition) {
    this.key = key;
    this.structuralKey = structuralKey;
    this.stateInternals = KeyedStateInternals.forKey(key);
    this.timerInternals = new KeyTimerInternals<>(this, partition);
    this.stateHold = null;
  }

  /** The key as user code sees it. */
  public @Nullable K key() {
    return key;
  }

  /** The key's structural value (equal for keys whose encodings are equal). */
  public Object structuralKey() {
    return structuralKey;
  }

  /** The key's state. */
  public KeyedStateInternals<K> stateInternals() {
    return stateInternals;
  }

  /** The key's timers. */
  public KeyTimerInternals<K> timerInternals() {
    return timerInternals;
  }

  int pendingTimers() {
    return pendingTimers;
  }

  void adjustPendingTimers(int delta) {
    pendingTimers += delta;
  }

  @Nullable Instant recordedStateHold() {
    return stateHold;
  }

  void recordStateHold(@Nullable Instant hold) {
    stateHold = hold;
  }
}
