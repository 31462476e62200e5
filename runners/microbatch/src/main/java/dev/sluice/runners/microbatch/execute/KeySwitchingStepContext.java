package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.state.KeyState;
import org.apache.beam.runners.core.StateInternals;
import org.apache.beam.runners.core.StateNamespace;
import org.apache.beam.runners.core.StateTag;
import org.apache.beam.runners.core.StepContext;
import org.apache.beam.runners.core.TimerInternals;
import org.apache.beam.sdk.state.State;
import org.apache.beam.sdk.state.StateContext;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.transforms.DoFn;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A step context whose state and timers are those of the key being processed, so that one
 * DoFnRunner serves every key of a partition.
 *
 * <pre>{@code
 * KeySwitchingStepContext ctx = new KeySwitchingStepContext(finalizer);
 * ctx.switchTo(keyState);
 * runner.processElement(element); // reads and writes keyState's cells
 * }</pre>
 */
final class KeySwitchingStepContext implements StepContext {
  private final DoFn.BundleFinalizer finalizer;
  private @Nullable KeyState<?> current;
  private final StateInternals state = new SwitchingState();
  private final TimerInternals timers = new SwitchingTimers();

  KeySwitchingStepContext(DoFn.BundleFinalizer finalizer) {
    this.finalizer = finalizer;
  }

  /** Makes {@code key} the current key. */
  void switchTo(KeyState<?> key) {
    this.current = key;
  }

  private KeyState<?> current() {
    if (current == null) {
      throw new IllegalStateException("No key is being processed");
    }
    return current;
  }

  @Override
  public StateInternals stateInternals() {
    return state;
  }

  @Override
  public TimerInternals timerInternals() {
    return timers;
  }

  @Override
  public DoFn.BundleFinalizer bundleFinalizer() {
    return finalizer;
  }

  private final class SwitchingState implements StateInternals {
    @Override
    public @Nullable Object getKey() {
      return current().key();
    }

    @Override
    public <T extends State> T state(
        StateNamespace namespace, StateTag<T> address, StateContext<?> c) {
      return current().stateInternals().state(namespace, address, c);
    }
  }

  private final class SwitchingTimers implements TimerInternals {
    private TimerInternals delegate() {
      return current().timerInternals();
    }

    @Override
    public void setTimer(
        StateNamespace namespace,
        String timerId,
        String timerFamilyId,
        Instant target,
        Instant outputTimestamp,
        TimeDomain timeDomain) {
      delegate().setTimer(namespace, timerId, timerFamilyId, target, outputTimestamp, timeDomain);
    }

    @Override
    @Deprecated
    public void setTimer(TimerData timerData) {
      delegate().setTimer(timerData);
    }

    @Override
    public void deleteTimer(
        StateNamespace namespace, String timerId, String timerFamilyId, TimeDomain timeDomain) {
      delegate().deleteTimer(namespace, timerId, timerFamilyId, timeDomain);
    }

    @Override
    @Deprecated
    public void deleteTimer(StateNamespace namespace, String timerId, String timerFamilyId) {
      delegate().deleteTimer(namespace, timerId, timerFamilyId);
    }

    @Override
    @Deprecated
    public void deleteTimer(TimerData timerKey) {
      delegate().deleteTimer(timerKey);
    }

    @Override
    public Instant currentProcessingTime() {
      return delegate().currentProcessingTime();
    }

    @Override
    public @Nullable Instant currentSynchronizedProcessingTime() {
      return delegate().currentSynchronizedProcessingTime();
    }

    @Override
    public Instant currentInputWatermarkTime() {
      return delegate().currentInputWatermarkTime();
    }

    @Override
    public @Nullable Instant currentOutputWatermarkTime() {
      return delegate().currentOutputWatermarkTime();
    }
  }
}
