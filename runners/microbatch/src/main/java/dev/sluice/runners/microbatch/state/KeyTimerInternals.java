package dev.sluice.runners.microbatch.state;

import org.apache.beam.runners.core.StateNamespace;
import org.apache.beam.runners.core.TimerInternals;
import org.apache.beam.sdk.state.TimeDomain;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The {@link TimerInternals} of one key: timers are queued in the key's {@link PartitionTimers},
 * and the clocks are the partition's.
 *
 * <pre>{@code
 * TimerInternals timers = keyState.timerInternals();
 * timers.setTimer(namespace, "flush", "", windowEnd, windowEnd, TimeDomain.EVENT_TIME);
 * }</pre>
 *
 * @param <K> the key type
 */
public final class KeyTimerInternals<K> implements TimerInternals {
  private final KeyState<K> keyState;
  private final PartitionTimers partition;

  KeyTimerInternals(KeyState<K> keyState, PartitionTimers partition) {
    this.keyState = keyState;
    this.partition = partition;
  }

  @Override
  public void setTimer(
      StateNamespace namespace,
      String timerId,
      String timerFamilyId,
      Instant target,
      Instant outputTimestamp,
      TimeDomain timeDomain) {
    partition.set(
        keyState,
        TimerData.of(timerId, timerFamilyId, namespace, target, outputTimestamp, timeDomain));
  }

  @Override
  @Deprecated
  public void setTimer(TimerData timerData) {
    partition.set(keyState, timerData);
  }

  @Override
  public void deleteTimer(
      StateNamespace namespace, String timerId, String timerFamilyId, TimeDomain timeDomain) {
    partition.delete(keyState, namespace, timerId, timerFamilyId);
  }

  @Override
  @Deprecated
  public void deleteTimer(StateNamespace namespace, String timerId, String timerFamilyId) {
    partition.delete(keyState, namespace, timerId, timerFamilyId);
  }

  @Override
  @Deprecated
  public void deleteTimer(TimerData timerKey) {
    partition.delete(
        keyState, timerKey.getNamespace(), timerKey.getTimerId(), timerKey.getTimerFamilyId());
  }

  @Override
  public Instant currentProcessingTime() {
    return partition.processingTime();
  }

  @Override
  public @Nullable Instant currentSynchronizedProcessingTime() {
    return partition.processingTime();
  }

  @Override
  public Instant currentInputWatermarkTime() {
    return partition.inputWatermark();
  }

  @Override
  public @Nullable Instant currentOutputWatermarkTime() {
    return partition.outputWatermark();
  }
}
