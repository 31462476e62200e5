package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.state.KeyState;
import java.util.List;
import org.apache.beam.runners.core.TimerInternals.TimerData;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.WindowedValue;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The head step of a non-source stage, for one partition: a {@code GroupByKey}, a stateful or
 * side-input {@code ParDo}, a splittable DoFn or a view writer.
 *
 * <pre>{@code
 * processor.startBundle();
 * processor.process(keyState, elementsOfKey, pushedBack);
 * processor.onTimer(keyState, timer);
 * processor.finishBundle();
 * }</pre>
 */
interface StageProcessor {
  /** Starts a bundle. */
  default void startBundle() {}

  /**
   * Processes elements of one key (null in unkeyed stages). Elements that cannot be processed yet,
   * because a side input is not ready, are added to {@code pushedBack}.
   */
  void process(
      @Nullable KeyState<?> key,
      List<WindowedValue<?>> elements,
      List<WindowedValue<?>> pushedBack);

  /** Fires one timer of {@code key}. */
  void onTimer(KeyState<?> key, TimerData timer);

  /**
   * True if every due timer of a key should be handed over at once through {@link #onTimers}, as
   * Beam's {@code ReduceFnRunner} expects (it reconciles end-of-window and garbage-collection
   * timers of a window that come due together); false to fire timers one by one in timestamp order,
   * as user timers must.
   */
  default boolean takesTimersPerKey() {
    return false;
  }

  /** Fires several due timers of {@code key} together. */
  default void onTimers(KeyState<?> key, List<TimerData> timers) {
    for (TimerData timer : timers) {
      onTimer(key, timer);
    }
  }

  /**
   * True if the processor keeps its own per-key state: then elements are handed over one by one
   * through {@link #processKeyed} without being grouped, and no {@code KeyState} is made.
   */
  default boolean ownsKeys() {
    return false;
  }

  /** Takes one element of the key with structural value {@code structuralKey}. */
  default void processKeyed(Object structuralKey, WindowedValue<?> element) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " groups by KeyState");
  }

  /** Tells the processor the stage's new input watermark, after this batch's elements. */
  default void onWatermark(Instant inputWatermark) {}

  /** True if the processor has work that became due at {@code inputWatermark}. */
  default boolean hasDue(Instant inputWatermark) {
    return false;
  }

  /** The earliest output timestamp the processor may still emit (its watermark hold). */
  default Instant hold() {
    return BoundedWindow.TIMESTAMP_MAX_VALUE;
  }

  /** Finishes the bundle. */
  default void finishBundle() {}

  /** Releases resources. */
  default void teardown() {}
}
