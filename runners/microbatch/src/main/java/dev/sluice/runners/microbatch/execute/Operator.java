package dev.sluice.runners.microbatch.execute;

/**
 * The bundle lifecycle of a step instance inside a fused chain.
 *
 * <p>A bundle is what one worker processes for one stage in one batch: {@link #startBundle()} is
 * called before the first element, {@link #finishBundle()} after the last, and {@link #teardown()}
 * once when the pipeline ends, whether it succeeded or not.
 *
 * <pre>{@code
 * operator.startBundle();
 * receiver.accept(element);
 * operator.finishBundle();
 * }</pre>
 */
public interface Operator {
  /** Called before a bundle's first element. */
  void startBundle();

  /** Called after a bundle's last element; may still emit elements downstream. */
  void finishBundle();

  /** Releases resources; called once. */
  void teardown();
}
