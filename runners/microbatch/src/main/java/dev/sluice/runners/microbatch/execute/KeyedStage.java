package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.state.KeyState;
import dev.sluice.runners.microbatch.state.KeyedTimer;
import dev.sluice.runners.microbatch.state.PartitionTimers;
import dev.sluice.runners.microbatch.translate.StageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.apache.beam.runners.core.TimerInternals.TimerData;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.WindowedValue;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A stage whose input waits in an {@link InputBuffer} until the stage's turn in the batch: keyed
 * stages ({@code GroupByKey}, stateful and splittable {@code ParDo}s), unkeyed side-input {@code
 * ParDo}s and view writers.
 *
 * <p>Per batch and partition: (1) retry elements pushed back for side inputs, (2) process the
 * buffered input grouped by key, (3) advance the input watermark to the minimum watermark of the
 * producers of the input, (4) fire due timers in timestamp order, (5) finish the bundle. The output
 * watermark is then {@code min(input watermark, state holds, timer holds, pushed-back elements)}.
 *
 * <pre>{@code
 * KeyedStage stage = new KeyedStage(context, spec, partition -> new GroupByKeyProcessor(...), h);
 * stage.runBatch(pool, stats);
 * }</pre>
 */
final class KeyedStage extends StageRuntime {
  /** Makes the processor of one partition, given the chain its output goes to. */
  interface ProcessorFactory {
    StageProcessor create(int partition, FusedChain chain);
  }

  private final InputBuffer buffer;
  private final ProcessorFactory factory;
  private final Predicate<TimerData> timersHoldOutput;
  private final boolean processingTimeInclusive;
  private final boolean keyed;
  private final Partition[] partitions;

  KeyedStage(
      ExecutionContext context,
      StageSpec spec,
      ProcessorFactory factory,
      Predicate<TimerData> timersHoldOutput,
      boolean processingTimeInclusive) {
    super(context, spec);
    this.factory = factory;
    this.timersHoldOutput = timersHoldOutput;
    this.processingTimeInclusive = processingTimeInclusive;
    int rows = context.parallelism();
    switch (spec.kind()) {
      case VIEW:
        this.partitions = new Partition[1];
        this.buffer = InputBuffer.keyed(rows, 1, null);
        this.keyed = true;
        break;
      case UNKEYED:
        this.partitions = new Partition[rows];
        this.buffer = InputBuffer.unkeyed(rows, rows);
        this.keyed = false;
        break;
      default:
        this.partitions = new Partition[rows];
        this.buffer =
            InputBuffer.keyed(rows, rows, ((KvCoder<?, ?>) spec.input().getCoder()).getKeyCoder());
        this.keyed = true;
    }
  }

  @Override
  public InputBuffer inputBuffer() {
    return buffer;
  }

  @Override
  public void runBatch(WorkerPool pool, BatchStats stats) throws Exception {
    if (partitions[0] == null) {
      for (int i = 0; i < partitions.length; i++) {
        FusedChain chain = new FusedChain(context, spec, i);
        partitions[i] = new Partition(i, chain, factory.create(i, chain));
      }
    }
    Instant inputWatermark = context.watermark(spec.input());
    Instant now = context.clock().now();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (Partition partition : partitions) {
      if (partition.hasWork(inputWatermark, now)) {
        tasks.add(
            () -> {
              partition.run(inputWatermark, now, stats);
              return null;
            });
      } else {
        partition.timers.advanceInputWatermark(inputWatermark);
        partition.timers.advanceProcessingTime(now);
      }
    }
    pool.runAll(tasks);
    Instant output = inputWatermark;
    for (Partition partition : partitions) {
      Instant hold = partition.hold();
      if (hold.isBefore(output)) {
        output = hold;
      }
    }
    if (advanceOutputWatermark(output)) {
      stats.watermarkMoved();
    }
    for (Partition partition : partitions) {
      partition.timers.setOutputWatermark(outputWatermark());
    }
  }

  @Override
  public void commitBatch() throws Exception {
    for (Partition partition : partitions) {
      if (partition != null) {
        partition.chain.commit();
      }
    }
  }

  @Override
  public @Nullable Instant nextProcessingTimer() {
    Instant next = null;
    for (Partition partition : partitions) {
      if (partition != null) {
        Instant t = partition.timers.nextProcessingTimer();
        if (t != null && (next == null || t.isBefore(next))) {
          next = t;
        }
      }
    }
    return next;
  }

  @Override
  public void teardown(Throwable collector) {
    for (Partition partition : partitions) {
      if (partition != null) {
        try {
          partition.processor.teardown();
        } catch (RuntimeException e) {
          collector.addSuppressed(e);
        }
        partition.chain.teardown(collector);
      }
    }
  }

  private final class Partition {
    final int index;
    final FusedChain chain;
    final StageProcessor processor;
    final PartitionTimers timers;
    List<WindowedValue<?>> pushedBack = new ArrayList<>();

    Partition(int index, FusedChain chain, StageProcessor processor) {
      this.index = index;
      this.chain = chain;
      this.processor = processor;
      this.timers = new PartitionTimers(timersHoldOutput, processingTimeInclusive);
    }

    boolean hasWork(Instant watermark, Instant now) {
      return buffer.hasData(index)
          || !pushedBack.isEmpty()
          || timers.hasDue(watermark, now)
          || processor.hasDue(watermark);
    }

    Instant hold() {
      Instant hold = min(timers.earliestHold(), processor.hold());
      for (WindowedValue<?> value : pushedBack) {
        if (value.getTimestamp().isBefore(hold)) {
          hold = value.getTimestamp();
        }
      }
      return hold;
    }

    void run(Instant inputWatermark, Instant now, BatchStats stats) {
      timers.advanceProcessingTime(now);
      chain.startBundle();
      processor.startBundle();
      Set<KeyState<?>> touched = new LinkedHashSet<>();
      List<WindowedValue<?>> retry = pushedBack;
      pushedBack = new ArrayList<>();
      long processed = 0;
      if (processor.ownsKeys()) {
        long[] count = {0};
        buffer.drain(
            index,
            (key, value) -> {
              processor.processKeyed(key, value);
              count[0]++;
            });
        processed += count[0];
      } else if (keyed) {
        Map<Object, List<WindowedValue<?>>> groups = new LinkedHashMap<>();
        for (WindowedValue<?> value : retry) {
          groups.computeIfAbsent(structuralKeyOf(value), k -> new ArrayList<>()).add(value);
        }
        buffer.drain(
            index, (key, value) -> groups.computeIfAbsent(key, k -> new ArrayList<>()).add(value));
        for (Map.Entry<Object, List<WindowedValue<?>>> group : groups.entrySet()) {
          List<WindowedValue<?>> values = group.getValue();
          KeyState<?> keyState = timers.keyState(keyOf(values.get(0)), group.getKey());
          processor.process(keyState, values, pushedBack);
          touched.add(keyState);
          processed += values.size();
        }
      } else {
        List<WindowedValue<?>> values = new ArrayList<>(retry);
        buffer.drain(index, (key, value) -> values.add(value));
        processor.process(null, values, pushedBack);
        processed += values.size();
      }
      processed -= retry.size();
      for (KeyState<?> keyState : touched) {
        timers.refreshStateHold(keyState);
      }
      timers.advanceInputWatermark(inputWatermark);
      processor.onWatermark(inputWatermark);
      // Timers see as the output watermark the input watermark held by state holds and by the
      // timers still pending, including those about to fire (as Beam's ReduceFnRunner expects to
      // tell an on-time firing from a late one).
      timers.setOutputWatermark(
          min(inputWatermark, min(timers.earliestHold(), timers.earliestEventTimer())));
      long fired =
          processor.takesTimersPerKey() ? fireTimersPerKey(touched) : fireTimersInOrder(touched);
      processor.finishBundle();
      chain.finishBundle();
      for (KeyState<?> keyState : touched) {
        timers.refreshStateHold(keyState);
      }
      stats.addProcessed(processed);
      stats.addTimersFired(fired);
    }

    private long fireTimersInOrder(Set<KeyState<?>> touched) {
      long fired = 0;
      long mark = timers.mark();
      for (KeyedTimer<?> timer = timers.pollDue(mark);
          timer != null;
          timer = timers.pollDue(mark)) {
        processor.onTimer(timer.keyState(), timer.data());
        touched.add(timer.keyState());
        fired++;
      }
      return fired;
    }

    private long fireTimersPerKey(Set<KeyState<?>> touched) {
      long fired = 0;
      long mark = timers.mark();
      while (true) {
        Map<KeyState<?>, List<TimerData>> due = new LinkedHashMap<>();
        for (KeyedTimer<?> t = timers.pollDue(mark); t != null; t = timers.pollDue(mark)) {
          due.computeIfAbsent(t.keyState(), k -> new ArrayList<>()).add(t.data());
        }
        if (due.isEmpty()) {
          return fired;
        }
        for (Map.Entry<KeyState<?>, List<TimerData>> entry : due.entrySet()) {
          processor.onTimers(entry.getKey(), entry.getValue());
          touched.add(entry.getKey());
          fired += entry.getValue().size();
        }
      }
    }

    private Object structuralKeyOf(WindowedValue<?> value) {
      Object key = keyOf(value);
      if (key == null || spec.kind() == StageSpec.Kind.VIEW) {
        return InputBuffer.NULL_KEY;
      }
      @SuppressWarnings("unchecked")
      KvCoder<Object, ?> coder = (KvCoder<Object, ?>) spec.input().getCoder();
      return coder.getKeyCoder().structuralValue(key);
    }

    private @Nullable Object keyOf(WindowedValue<?> value) {
      return ((KV<?, ?>) value.getValue()).getKey();
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
