package dev.sluice.dstream;

import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The state of one key in {@link PairDStream#mapWithState}, as Spark's {@code State}: read it,
 * update it, remove it; while the key times out it can be read but not updated.
 *
 * <pre>{@code
 * Function3<String, Optional<Integer>, State<Integer>, KV<String, Integer>> runningCount =
 *     (word, one, state) -> {
 *       if (state.isTimingOut()) {
 *         return KV.of(word, -1);
 *       }
 *       int sum = one.orElse(0) + (state.exists() ? state.get() : 0);
 *       state.update(sum);
 *       return KV.of(word, sum);
 *     };
 * }</pre>
 */
public final class State<S> {
  private S value;
  private boolean exists;
  private final boolean timingOut;
  private boolean changed;

  State(S value, boolean exists, boolean timingOut) {
    this.value = value;
    this.exists = exists;
    this.timingOut = timingOut;
  }

  /** True if the key has state. */
  public boolean exists() {
    return exists;
  }

  /**
   * The key's state.
   *
   * @throws NoSuchElementException if it has none
   */
  public S get() {
    if (!exists) {
      throw new NoSuchElementException("State is not set");
    }
    return value;
  }

  /** The key's state, if any. */
  public Optional<S> getOption() {
    return exists ? Optional.ofNullable(value) : Optional.empty();
  }

  /**
   * Sets the key's state.
   *
   * @throws IllegalArgumentException if the key is timing out, as in Spark
   */
  public void update(S newValue) {
    if (timingOut) {
      throw new IllegalArgumentException("Cannot update the state that is timing out");
    }
    value = newValue;
    exists = true;
    changed = true;
  }

  /** Removes the key's state. */
  public void remove() {
    value = null;
    exists = false;
    changed = true;
  }

  /** True when the function is called because the key saw no data for the timeout. */
  public boolean isTimingOut() {
    return timingOut;
  }

  boolean changed() {
    return changed;
  }
}
