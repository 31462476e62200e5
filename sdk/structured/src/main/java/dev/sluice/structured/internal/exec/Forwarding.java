package dev.sluice.structured.internal.exec;

/**
 * How stateful steps pass on the elements that are not theirs: end markers, event-time reports and
 * summaries of earlier steps reach every shard, and shard 0 alone forwards them downstream, so the
 * next step and the sink see each exactly once.
 *
 * <pre>{@code
 * Forwarding.forward(endMarker, state, out);
 * }</pre>
 */
public final class Forwarding {
  private Forwarding() {}

  public static void forward(
      StreamElement e, BatchStepFn.StepState<?> state, BatchStepFn.Output out) {
    if (state.shard() == 0) {
      out.output(e);
    }
  }
}
