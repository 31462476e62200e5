package dev.sluice.structured.internal.exec;

import dev.sluice.structured.internal.state.StepCheckpoints;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.TimerMap;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * A stateful step of a compiled query that works batch by batch: it keeps the elements of each
 * logical batch until the batch is complete (an event-time timer at the batch's timestamp fires
 * once the input watermark passes it, on every runner), then hands them, in batch order, to {@link
 * #processBatch}. Each batch gets its own timer, set when its first element arrives (so the timer
 * holds the step's output watermark from then on, on every runner); a firing processes every
 * pending batch up to its own, oldest first, so batches are processed in order even if a runner
 * fires timers out of order ({@link PendingBatches}). Its keys are shard numbers; everything a
 * shard keeps lives in one {@link StepState} value. The sink step is one; the stateful operators,
 * whose state is per key, are {@code StatefulOperatorFn}s.
 *
 * <pre>{@code
 * class CountRowsFn extends BatchStepFn<long[]> {
 *   CountRowsFn(Schema schema) { super(StreamElementCoder.of(schema)); }
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
  /** What one shard keeps across batches. */
  public static final class StepState<S extends Serializable> implements Serializable {
    private static final long serialVersionUID = 1L;
    public int shard;

    /** The step's own state. */
    public S op;

    public int shard() {
      return shard;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof StepState
          && ((StepState<?>) o).shard == shard
          && java.util.Objects.equals(((StepState<?>) o).op, op);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(shard);
    }
  }

  /** Where a batch's results go: all are stamped with the firing batch's timestamp. */
  public interface Output {
    void output(StreamElement element);
  }

  @StateId("step")
  @SuppressWarnings("rawtypes")
  private final StateSpec<ValueState<StepState>> stepSpec =
      StateSpecs.value(SerializableCoder.of(StepState.class));

  @StateId("pending")
  private final StateSpec<BagState<StreamElement>> pendingSpec;

  // The batches with a timer set: each batch's timer is set once, not once per element.
  @StateId("armed")
  @SuppressWarnings("rawtypes")
  private final StateSpec<ValueState<TreeSet>> armedSpec = PendingBatches.armedSpec();

  @TimerFamily("batches")
  @SuppressWarnings("UnusedVariable") // read by Beam through @TimerFamily
  private final TimerSpec batchesSpec = TimerSpecs.timerMap(TimeDomain.EVENT_TIME);

  @Nullable private StepCheckpoints checkpoints;

  /** A step whose input elements are encoded with {@code elementCoder} while they wait. */
  protected BatchStepFn(Coder<StreamElement> elementCoder) {
    this.pendingSpec = PendingBatches.pendingSpec(elementCoder);
  }

  /**
   * Makes the step snapshot its shards' state after every batch and start from the last committed
   * snapshot (a query with a checkpoint location). Call before the pipeline runs.
   */
  public BatchStepFn<S> checkpointTo(StepCheckpoints checkpoints) {
    this.checkpoints = checkpoints;
    return this;
  }

  /**
   * Called after the state of {@code batch} is saved to the checkpoint (only with a checkpoint
   * location); the sink step commits the batch here.
   */
  protected void afterCheckpoint(long batch, StepState<S> state) throws Exception {}

  /** The step's state before the first batch. */
  protected abstract S newState();

  /**
   * Processes batch {@code batch}: {@code elements} are all the elements of the batch that reached
   * this shard, in arrival order.
   */
  protected abstract void processBatch(
      long batch, List<StreamElement> elements, StepState<S> state, Output out) throws Exception;

  @ProcessElement
  @SuppressWarnings({"rawtypes", "unchecked", "NonApiType"})
  public void process(
      @Element KV<Integer, StreamElement> element,
      @StateId("pending") BagState<StreamElement> pending,
      @StateId("armed") ValueState<TreeSet> armed,
      @TimerFamily("batches") TimerMap timers) {
    PendingBatches.add(element.getValue(), pending, armed, timers);
  }

  @OnTimerFamily("batches")
  @SuppressWarnings({"rawtypes", "unchecked", "NonApiType"})
  public void onBatch(
      @TimerId String timerId,
      @Key Integer shard,
      @StateId("step") ValueState<StepState> stepState,
      @StateId("pending") BagState<StreamElement> pending,
      @StateId("armed") ValueState<TreeSet> armed,
      OutputReceiver<StreamElement> receiver)
      throws Exception {
    SortedMap<Long, List<StreamElement>> due = PendingBatches.due(timerId, pending, armed);
    if (due.isEmpty()) {
      return; // an earlier firing already processed this batch
    }
    StepState<S> state = stepState.read();
    if (state == null && checkpoints != null) {
      state = checkpoints.load(shard);
    }
    if (state == null) {
      state = new StepState<>();
      state.shard = shard;
      state.op = newState();
    }
    for (Map.Entry<Long, List<StreamElement>> batch : due.entrySet()) {
      processBatch(batch.getKey(), batch.getValue(), state, receiver::output);
      if (checkpoints != null) {
        checkpoints.save(state.shard, batch.getKey(), state);
        afterCheckpoint(batch.getKey(), state);
      }
    }
    stepState.write(state);
  }
}
