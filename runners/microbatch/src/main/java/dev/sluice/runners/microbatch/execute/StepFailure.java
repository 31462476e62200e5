package dev.sluice.runners.microbatch.execute;

import org.apache.beam.sdk.util.UserCodeException;

/**
 * An exception thrown by user code, tagged with the name of the transform that threw it.
 *
 * <pre>{@code
 * try {
 *   runner.processElement(element);
 * } catch (RuntimeException e) {
 *   throw StepFailure.of("ParseEvents", e);
 * }
 * }</pre>
 */
public final class StepFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String stepName;

  private StepFailure(String stepName, Throwable cause) {
    super("Transform '" + stepName + "' failed: " + cause, cause, false, false);
    this.stepName = stepName;
  }

  /**
   * Tags {@code t} with {@code stepName}, unless it already carries a step (the innermost step,
   * where the exception started, wins). {@link UserCodeException} wrappers are removed.
   */
  public static StepFailure of(String stepName, Throwable t) {
    StepFailure existing = find(t);
    if (existing != null) {
      return existing;
    }
    Throwable cause = t;
    while (cause instanceof UserCodeException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return new StepFailure(stepName, cause);
  }

  /** The first {@link StepFailure} in {@code t}'s cause chain, or null. */
  public static StepFailure find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof StepFailure) {
        return (StepFailure) c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  /** The full name of the transform whose code threw. */
  public String stepName() {
    return stepName;
  }
}
