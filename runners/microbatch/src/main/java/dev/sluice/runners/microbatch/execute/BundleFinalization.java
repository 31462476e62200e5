package dev.sluice.runners.microbatch.execute;

import org.apache.beam.runners.core.InMemoryBundleFinalizer;
import org.joda.time.Instant;

/**
 * Runs {@code @DoFn.BundleFinalizer} callbacks once the batch whose bundle registered them has been
 * fully processed; expired callbacks are dropped, as Beam's model allows.
 *
 * <pre>{@code
 * BundleFinalization.run(chain.finalizer());
 * }</pre>
 */
final class BundleFinalization {
  private BundleFinalization() {}

  static void run(InMemoryBundleFinalizer finalizer) throws Exception {
    Instant now = Instant.now();
    for (InMemoryBundleFinalizer.Finalization f : finalizer.getAndClearFinalizations()) {
      if (!f.getExpiryTime().isBefore(now)) {
        f.getCallback().onBundleSuccess();
      }
    }
  }
}
