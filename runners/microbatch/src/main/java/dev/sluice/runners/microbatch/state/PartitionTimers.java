package dev.sluice.runners.microbatch.state;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.beam.runners.core.StateNamespace;
import org.apache.beam.runners.core.TimerInternals.TimerData;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The keys, state and timers of one partition of one keyed stage.
 *
 * <p>A keyed stage hash-partitions its keys over the runner's worker threads; each partition is
 * touched by one thread at a time, so nothing here is synchronized.
 *
 * <p>Clocks: {@link #inputWatermark()} is the stage's input watermark as of the current batch and
 * {@link #processingTime()} the batch's processing time; both only move forward.
 *
 * <p>Holds: the partition's output watermark may not pass {@link #earliestHold()}, the minimum of
 * (a) every key's state watermark holds (as last {@linkplain #refreshStateHold recorded}) and (b)
 * the output timestamps of pending timers that {@linkplain #PartitionTimers(Predicate) hold}.
 *
 * <pre>{@code
 * PartitionTimers partition = new PartitionTimers(timer -> true);
 * KeyState<String> ks = partition.keyState("k", "k");
 * ks.timerInternals().setTimer(ns, "t", "", ts, ts, TimeDomain.EVENT_TIME);
 * partition.advanceInputWatermark(ts.plus(1));
 * KeyedTimer<?> due = partition.pollDue(); // the timer, since the watermark passed ts
 * }</pre>
 */
public final class PartitionTimers {
  private final Predicate<TimerData> holdsOutput;
  private final boolean processingTimeInclusive;
  private final Map<Object, KeyState<?>> keys = new HashMap<>();
  private final NavigableSet<KeyedTimer<?>> eventTimers = new TreeSet<>(KeyedTimer.ORDER);
  private final NavigableSet<KeyedTimer<?>> processingTimers = new TreeSet<>(KeyedTimer.ORDER);
  private final Map<TimerKey, KeyedTimer<?>> byId = new HashMap<>();
  private final TreeMap<Instant, Integer> holds = new TreeMap<>();
  private long sequence;
  private Instant inputWatermark = BoundedWindow.TIMESTAMP_MIN_VALUE;
  private Instant outputWatermark = BoundedWindow.TIMESTAMP_MIN_VALUE;
  private Instant processingTime = BoundedWindow.TIMESTAMP_MIN_VALUE;

  /**
   * @param holdsOutput which timers hold the output watermark at their output timestamp (user
   *     timers of stateful DoFns do; the ReduceFnRunner's own timers do not, it holds by state)
   */
  public PartitionTimers(Predicate<TimerData> holdsOutput) {
    this(holdsOutput, true);
  }

  /**
   * @param holdsOutput which timers hold the output watermark
   * @param processingTimeInclusive true if a processing-time timer fires once processing time
   *     reaches it (user timers), false if only once time has passed it (the trigger state machines
   *     of Beam's {@code ReduceFnRunner} check for a time strictly after their target)
   */
  public PartitionTimers(Predicate<TimerData> holdsOutput, boolean processingTimeInclusive) {
    this.holdsOutput = holdsOutput;
    this.processingTimeInclusive = processingTimeInclusive;
  }

  /** Returns the state of {@code key}, creating it if absent. */
  @SuppressWarnings("unchecked")
  public <K> KeyState<K> keyState(@Nullable K key, Object structuralKey) {
    KeyState<?> existing = keys.get(structuralKey);
    if (existing == null) {
      existing = new KeyState<>(key, structuralKey, this);
      keys.put(structuralKey, existing);
    }
    return (KeyState<K>) existing;
  }

  /** Every key currently held. */
  public Iterable<KeyState<?>> keys() {
    return keys.values();
  }

  /** Number of keys currently held. */
  public int keyCount() {
    return keys.size();
  }

  /**
   * Records the key's current state hold, and forgets the key if it has neither state nor timers.
   */
  public void refreshStateHold(KeyState<?> keyState) {
    Instant previous = keyState.recordedStateHold();
    Instant current = keyState.stateInternals().earliestHold();
    if (current.equals(BoundedWindow.TIMESTAMP_MAX_VALUE)) {
      current = null;
    }
    if (!Objects.equals(previous, current)) {
      if (previous != null) {
        removeHold(previous);
      }
      if (current != null) {
        addHold(current);
      }
      keyState.recordStateHold(current);
    }
    if (current == null && keyState.pendingTimers() == 0 && keyState.stateInternals().isEmpty()) {
      keys.remove(keyState.structuralKey());
    }
  }

  void set(KeyState<?> keyState, TimerData data) {
    TimerKey id =
        new TimerKey(
            keyState.structuralKey(),
            data.getNamespace(),
            data.getTimerId(),
            data.getTimerFamilyId());
    KeyedTimer<?> previous = byId.get(id);
    if (previous != null) {
      TimerData old = previous.data();
      if (old.getTimestamp().equals(data.getTimestamp())
          && old.getOutputTimestamp().equals(data.getOutputTimestamp())
          && old.getDomain() == data.getDomain()) {
        return; // already set exactly so (Beam re-sets cleanup timers on every element)
      }
      byId.remove(id);
      unqueue(previous);
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    KeyedTimer<?> timer = new KeyedTimer(keyState, data, sequence++);
    byId.put(id, timer);
    queueFor(data.getDomain()).add(timer);
    keyState.adjustPendingTimers(1);
    if (holdsOutput.test(data)) {
      addHold(data.getOutputTimestamp());
    }
  }

  void delete(KeyState<?> keyState, StateNamespace namespace, String timerId, String familyId) {
    KeyedTimer<?> previous =
        byId.remove(new TimerKey(keyState.structuralKey(), namespace, timerId, familyId));
    if (previous != null) {
      unqueue(previous);
    }
  }

  private void unqueue(KeyedTimer<?> timer) {
    queueFor(timer.data().getDomain()).remove(timer);
    timer.keyState().adjustPendingTimers(-1);
    if (holdsOutput.test(timer.data())) {
      removeHold(timer.data().getOutputTimestamp());
    }
  }

  private NavigableSet<KeyedTimer<?>> queueFor(TimeDomain domain) {
    return domain == TimeDomain.EVENT_TIME ? eventTimers : processingTimers;
  }

  /**
   * Removes and returns the earliest timer that is due: an event-time timer strictly before the
   * input watermark (the watermark has passed it, as Beam's {@code ReduceFnRunner} expects), else a
   * processing-time timer at or before the processing time; null if none is.
   */
  public @Nullable KeyedTimer<?> pollDue() {
    return pollDue(Long.MAX_VALUE);
  }

  /**
   * Like {@link #pollDue()}, but a processing-time timer is due only if it was set before {@link
   * #mark() mark} {@code processingSetBefore}: a processing-time timer that re-arms itself for
   * "now" fires once per batch instead of looping within one.
   */
  public @Nullable KeyedTimer<?> pollDue(long processingSetBefore) {
    KeyedTimer<?> next = null;
    if (!eventTimers.isEmpty()
        && eventTimers.first().data().getTimestamp().isBefore(inputWatermark)) {
      next = eventTimers.first();
    }
    if (next == null) {
      next = firstDue(processingTimers, processingTime);
      if (next != null && next.sequence() >= processingSetBefore) {
        next = null;
      }
    }
    if (next != null) {
      TimerData data = next.data();
      byId.remove(
          new TimerKey(
              next.keyState().structuralKey(),
              data.getNamespace(),
              data.getTimerId(),
              data.getTimerFamilyId()));
      unqueue(next);
    }
    return next;
  }

  private @Nullable KeyedTimer<?> firstDue(NavigableSet<KeyedTimer<?>> queue, Instant now) {
    if (queue.isEmpty()) {
      return null;
    }
    KeyedTimer<?> first = queue.first();
    return isDue(first.data().getTimestamp(), now) ? first : null;
  }

  private boolean isDue(Instant timestamp, Instant now) {
    return processingTimeInclusive ? !timestamp.isAfter(now) : timestamp.isBefore(now);
  }

  /** A mark of the timers set so far, for {@link #pollDue(long)}. */
  public long mark() {
    return sequence;
  }

  /** True if a timer is due at the current clocks. */
  public boolean hasDue(Instant watermark, Instant now) {
    return (!eventTimers.isEmpty() && eventTimers.first().data().getTimestamp().isBefore(watermark))
        || (!processingTimers.isEmpty()
            && isDue(processingTimers.first().data().getTimestamp(), now));
  }

  /** The earliest pending event-time timer's timestamp, or TIMESTAMP_MAX_VALUE. */
  public Instant earliestEventTimer() {
    return eventTimers.isEmpty()
        ? BoundedWindow.TIMESTAMP_MAX_VALUE
        : eventTimers.first().data().getTimestamp();
  }

  /** The earliest pending processing-time timer's firing time, or null. */
  public @Nullable Instant nextProcessingTimer() {
    return processingTimers.isEmpty() ? null : processingTimers.first().data().getTimestamp();
  }

  /** True if any timer is pending. */
  public boolean hasTimers() {
    return !byId.isEmpty();
  }

  /** The earliest watermark hold of this partition, or TIMESTAMP_MAX_VALUE. */
  public Instant earliestHold() {
    return holds.isEmpty() ? BoundedWindow.TIMESTAMP_MAX_VALUE : holds.firstKey();
  }

  private void addHold(Instant hold) {
    holds.merge(hold, 1, Integer::sum);
  }

  private void removeHold(Instant hold) {
    holds.computeIfPresent(hold, (k, n) -> n == 1 ? null : n - 1);
  }

  /** The stage's input watermark as this partition knows it. */
  public Instant inputWatermark() {
    return inputWatermark;
  }

  /** Moves the input watermark forward (never back). */
  public void advanceInputWatermark(Instant watermark) {
    if (watermark.isAfter(inputWatermark)) {
      inputWatermark = watermark;
    }
  }

  /** The stage's output watermark as of the previous batch. */
  public Instant outputWatermark() {
    return outputWatermark;
  }

  /** Records the stage's output watermark. */
  public void setOutputWatermark(Instant watermark) {
    if (watermark.isAfter(outputWatermark)) {
      outputWatermark = watermark;
    }
  }

  /** The current batch's processing time. */
  public Instant processingTime() {
    return processingTime;
  }

  /** Moves processing time forward (never back). */
  public void advanceProcessingTime(Instant now) {
    if (now.isAfter(processingTime)) {
      processingTime = now;
    }
  }

  private static final class TimerKey {
    private final Object key;
    private final StateNamespace namespace;
    private final String timerId;
    private final String familyId;
    private final int hash;

    TimerKey(Object key, StateNamespace namespace, String timerId, String familyId) {
      this.key = key;
      this.namespace = namespace;
      this.timerId = timerId;
      this.familyId = familyId;
      this.hash = Objects.hash(key, namespace, timerId, familyId);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof TimerKey)) {
        return false;
      }
      TimerKey that = (TimerKey) o;
      return key.equals(that.key)
          && namespace.equals(that.namespace)
          && timerId.equals(that.timerId)
          && familyId.equals(that.familyId);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
