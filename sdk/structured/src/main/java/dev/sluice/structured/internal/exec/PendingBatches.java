package dev.sluice.structured.internal.exec;

import dev.sluice.io.stream.Batched;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimerMap;
import org.apache.beam.sdk.state.ValueState;

/**
 * How a batch-by-batch step holds the elements of each logical batch until the batch is complete:
 * elements wait in a bag ({@code pending}); the first element of a batch sets an event-time timer
 * at the batch's timestamp (remembered in {@code armed}, so each batch's timer is set once); a
 * firing takes every pending batch up to its own, oldest first, so batches are processed in order
 * even if a runner fires timers out of order. Used by {@link BatchStepFn} and the stateful
 * operators.
 * <!-- given: StreamElement e; BagState<StreamElement> pending; ValueState<TreeSet> armed; TimerMap timers; String timerId; -->
 *
 * <pre>{@code
 * PendingBatches.add(e, pending, armed, timers);                       // @ProcessElement
 * SortedMap<Long, List<StreamElement>> due = PendingBatches.due(timerId, pending, armed); // timer
 * }</pre>
 */
public final class PendingBatches {
  private PendingBatches() {}

  /**
   * The spec of the bag of waiting elements. Elements wait in a bag: adding one never reads or
   * rewrites what is already there (runners that copy state on access, like the DirectRunner, would
   * otherwise copy the whole batch per element).
   */
  public static StateSpec<BagState<StreamElement>> pendingSpec(Coder<StreamElement> elementCoder) {
    return StateSpecs.bag(elementCoder);
  }

  /** The spec of the set of batches with a timer set. */
  @SuppressWarnings({"rawtypes", "NonApiType"})
  public static StateSpec<ValueState<TreeSet>> armedSpec() {
    return StateSpecs.value(SerializableCoder.of(TreeSet.class));
  }

  /** Keeps {@code e} until its batch is complete; sets the batch's timer if it is the first. */
  @SuppressWarnings({"rawtypes", "unchecked", "NonApiType"})
  public static void add(
      StreamElement e,
      BagState<StreamElement> pending,
      ValueState<TreeSet> armed,
      TimerMap timers) {
    pending.add(e);
    TreeSet<Long> batches = armed.read();
    if (batches == null) {
      batches = new TreeSet<>();
    }
    if (batches.add(e.batch())) {
      timers.set(Long.toString(e.batch()), Batched.timestampOf(e.batch()));
      armed.write(batches);
    }
  }

  /**
   * Takes the batches due when the timer {@code timerId} fires: every pending batch up to it, in
   * batch order, each with its elements in arrival order. Empty if an earlier firing took them.
   */
  @SuppressWarnings({"rawtypes", "unchecked", "NonApiType"})
  public static SortedMap<Long, List<StreamElement>> due(
      String timerId, BagState<StreamElement> pending, ValueState<TreeSet> armed) {
    long fired = Long.parseLong(timerId);
    TreeSet<Long> batches = armed.read();
    if (batches != null) {
      batches.headSet(fired, true).clear();
      armed.write(batches);
    }
    SortedMap<Long, List<StreamElement>> due = new TreeMap<>();
    List<StreamElement> later = new ArrayList<>();
    for (StreamElement e : pending.read()) {
      if (e.batch() <= fired) {
        due.computeIfAbsent(e.batch(), b -> new ArrayList<>()).add(e);
      } else {
        later.add(e);
      }
    }
    if (!due.isEmpty()) {
      pending.clear();
      later.forEach(pending::add);
    }
    return due;
  }
}
