package dev.sluice.structured.runtime;

import dev.sluice.io.stream.Batched;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * A stateful step of a compiled query that works batch by batch: it keeps the elements of each
 * logical batch until the batch is complete (an event-time timer at the batch's timestamp fires
 * once the input watermark passes it, on every runner), then hands them, in batch order, to {@link
 * #processBatch}. Its keys are shard numbers; everything a shard keeps lives in one {@link
 * StepState} value.
 *
 * <pre>{@code
 * class CountRowsFn extends BatchStepFn<long[]> {
 *   protected long[] newState() { return new long[1]; }
 *   protected void processBatch(long batch, List<StreamElement> in, StepState<long[]> s, Output out) {
 *     s.op[0] += in.size();
 *   }
 * }
 * }</pre>
 *
 * @param <S> what the step keeps across batches (Java-serializable)
 */
public abstract class BatchStepFn<S extends Serializable>
    extends DoFn<KV<Integer, StreamElement>, StreamElement> {
  private static final long NONE = Long.MIN_VALUE;

  /** Everything one shard keeps. */
  public static final class StepState<S extends Serializable> implements Serializable {
    private static final long serialVersionUID = 1L;
    int shard;
    long armed = NONE;
    List<StreamElement> pending = new ArrayList<>();

    /** The step's own state. */
    public S op;

    public int shard() {
      return shard;
    }
  }

  /** Where a batch's results go: all are stamped with the batch's timestamp. */
  public interface Output {
    void output(StreamElement element);
  }

  @StateId("step")
  @SuppressWarnings("rawtypes")
  private final StateSpec<ValueState<StepState>> stepSpec =
      StateSpecs.value(SerializableCoder.of(StepState.class));

  @TimerId("batch")
  private final TimerSpec batchSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  /** The step's state before the first batch. */
  protected abstract S newState();

  /**
   * Processes batch {@code batch}: {@code elements} are all the elements of the batch that reached
   * this shard, in arrival order.
   */
  protected abstract void processBatch(
      long batch, List<StreamElement> elements, StepState<S> state, Output out) throws Exception;

  @ProcessElement
  @SuppressWarnings({"rawtypes", "unchecked"})
  public void process(
      @Element KV<Integer, StreamElement> element,
      @StateId("step") ValueState<StepState> stepState,
      @TimerId("batch") Timer timer) {
    StepState<S> state = stepState.read();
    if (state == null) {
      state = new StepState<>();
      state.shard = element.getKey();
      state.op = newState();
    }
    StreamElement e = element.getValue();
    state.pending.add(e);
    if (state.armed == NONE || e.batch() < state.armed) {
      state.armed = e.batch();
      timer.set(Batched.timestampOf(e.batch()));
    }
    stepState.write(state);
  }

  @OnTimer("batch")
  @SuppressWarnings({"rawtypes", "unchecked"})
  public void onBatch(
      OnTimerContext context,
      @StateId("step") ValueState<StepState> stepState,
      @TimerId("batch") Timer timer,
      OutputReceiver<StreamElement> receiver)
      throws Exception {
    StepState<S> state = stepState.read();
    long batch = Batched.batchOf(context.timestamp());
    List<StreamElement> now = new ArrayList<>();
    List<StreamElement> later = new ArrayList<>();
    long next = NONE;
    for (StreamElement e : state.pending) {
      if (e.batch() <= batch) {
        now.add(e);
      } else {
        later.add(e);
        next = next == NONE ? e.batch() : Math.min(next, e.batch());
      }
    }
    state.pending = later;
    state.armed = next;
    processBatch(batch, now, state, receiver::output);
    if (next != NONE) {
      timer.set(Batched.timestampOf(next));
    }
    stepState.write(state);
  }
}
