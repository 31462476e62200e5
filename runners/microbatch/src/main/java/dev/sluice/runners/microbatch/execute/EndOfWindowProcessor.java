package dev.sluice.runners.microbatch.execute;

import dev.sluice.runners.microbatch.state.KeyState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.runners.core.TimerInternals.TimerData;
import org.apache.beam.runners.core.metrics.CounterCell;
import org.apache.beam.sdk.metrics.MetricsContainer;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.WindowedValue;
import org.apache.beam.sdk.values.WindowedValues;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Grouping (or combining) per key and window for the most common windowing — the default trigger,
 * no allowed lateness, windows that do not merge — without Beam's general {@code ReduceFnRunner}.
 *
 * <p>With that windowing each key and window fires exactly one pane, ON_TIME and final, when the
 * input watermark passes the end of the window, and elements of windows the watermark has passed
 * are dropped. So the state is simply: per window, per key, the values (or the combined
 * accumulator) and the output timestamp given by the {@link TimestampCombiner}. The output
 * watermark is held at the earliest output timestamp still buffered, as the {@code ReduceFnRunner}
 * holds it.
 *
 * <pre>{@code
 * if (EndOfWindowProcessor.supports(windowingStrategy)) {
 *   processor = EndOfWindowProcessor.combining(
 *       scope, windowingStrategy, EndOfWindowProcessor.collecting(), out); // a GroupByKey
 * }
 * }</pre>
 *
 * @param <V> input value type
 * @param <A> buffered type (a list of values or an accumulator)
 * @param <O> output value type
 */
final class EndOfWindowProcessor<V, A, O> implements StageProcessor {
  private static final PaneInfo ON_TIME_AND_FINAL =
      PaneInfo.createPane(true, true, PaneInfo.Timing.ON_TIME, 0, 0);

  private final StepScope scope;
  private final TimestampCombiner timestamps;
  private final Combine.CombineFn<V, A, O> aggregation;
  private final ElementReceiver output;
  private final CounterCell droppedDueToLateness;
  private final TreeMap<Instant, Map<BoundedWindow, Pane<A>>> windowsByEnd = new TreeMap<>();
  private Instant inputWatermark = BoundedWindow.TIMESTAMP_MIN_VALUE;

  private EndOfWindowProcessor(
      StepScope scope,
      WindowingStrategy<?, ?> strategy,
      Combine.CombineFn<V, A, O> aggregation,
      ElementReceiver output) {
    this.scope = scope;
    this.timestamps = strategy.getTimestampCombiner();
    this.aggregation = aggregation;
    this.output = output;
    this.droppedDueToLateness = scope.droppedDueToLateness();
  }

  /** True if {@code strategy} fires exactly one on-time, final pane per key and window. */
  static boolean supports(WindowingStrategy<?, ?> strategy) {
    return strategy.getTrigger() instanceof DefaultTrigger
        && strategy.getAllowedLateness().equals(Duration.ZERO)
        && strategy.getWindowFn().isNonMerging();
  }

  /** Grouping as a combine: each key and window's values, as an iterable. */
  static <V> Combine.CombineFn<V, List<V>, Iterable<V>> collecting() {
    return new Collect<>();
  }

  /** A combine: folds each arriving input into the key and window's accumulator. */
  static <V, A, O> EndOfWindowProcessor<V, A, O> combining(
      StepScope scope,
      WindowingStrategy<?, ?> strategy,
      Combine.CombineFn<V, A, O> fn,
      ElementReceiver output) {
    return new EndOfWindowProcessor<>(scope, strategy, fn, output);
  }

  @Override
  public boolean ownsKeys() {
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void processKeyed(Object structuralKey, WindowedValue<?> element) {
    KV<Object, V> kv = (KV<Object, V>) element.getValue();
    for (BoundedWindow window : element.getWindows()) {
      Instant end = window.maxTimestamp();
      if (end.isBefore(inputWatermark)) {
        droppedDueToLateness.inc();
        continue;
      }
      Pane<A> pane =
          windowsByEnd
              .computeIfAbsent(end, e -> new HashMap<>())
              .computeIfAbsent(window, w -> new Pane<>())
              .entryFor(structuralKey, kv.getKey());
      Instant timestamp = timestamps.assign(window, element.getTimestamp());
      pane.timestamp =
          pane.timestamp == null
              ? timestamp
              : timestamps.combine(List.of(pane.timestamp, timestamp));
      MetricsContainer previous = scope.enter();
      try {
        A accumulator =
            pane.accumulator == null ? aggregation.createAccumulator() : pane.accumulator;
        pane.accumulator = aggregation.addInput(accumulator, kv.getValue());
      } catch (RuntimeException e) {
        throw scope.failure(e);
      } finally {
        scope.exit(previous);
      }
    }
  }

  @Override
  public void onWatermark(Instant watermark) {
    if (watermark.isAfter(inputWatermark)) {
      inputWatermark = watermark;
    }
    Iterator<Map.Entry<Instant, Map<BoundedWindow, Pane<A>>>> due =
        windowsByEnd.headMap(inputWatermark, false).entrySet().iterator();
    while (due.hasNext()) {
      for (Map.Entry<BoundedWindow, Pane<A>> window : due.next().getValue().entrySet()) {
        for (Pane<A> pane : window.getValue().byKey.values()) {
          scope.run(
              () ->
                  output.accept(
                      WindowedValues.of(
                          KV.of(pane.key, aggregation.extractOutput(pane.accumulator)),
                          pane.timestamp,
                          window.getKey(),
                          ON_TIME_AND_FINAL)));
        }
      }
      due.remove();
    }
  }

  @Override
  public boolean hasDue(Instant watermark) {
    return !windowsByEnd.isEmpty() && windowsByEnd.firstKey().isBefore(watermark);
  }

  @Override
  public Instant hold() {
    if (windowsByEnd.isEmpty()) {
      return BoundedWindow.TIMESTAMP_MAX_VALUE;
    }
    if (timestamps == TimestampCombiner.END_OF_WINDOW) {
      return windowsByEnd.firstKey();
    }
    Instant hold = BoundedWindow.TIMESTAMP_MAX_VALUE;
    for (Map<BoundedWindow, Pane<A>> windows : windowsByEnd.values()) {
      for (Pane<A> window : windows.values()) {
        for (Pane<A> pane : window.byKey.values()) {
          if (pane.timestamp.isBefore(hold)) {
            hold = pane.timestamp;
          }
        }
      }
    }
    return hold;
  }

  @Override
  public void process(
      @Nullable KeyState<?> key,
      List<WindowedValue<?>> elements,
      List<WindowedValue<?>> pushedBack) {
    throw new UnsupportedOperationException("elements arrive through processKeyed");
  }

  @Override
  public void onTimer(KeyState<?> key, TimerData timer) {
    throw new UnsupportedOperationException("this processor sets no timers");
  }

  /**
   * A window's panes by key, or (as an entry of that map) one key's pane: its key, accumulator and
   * output timestamp.
   */
  private static final class Pane<A> {
    final Map<Object, Pane<A>> byKey = new HashMap<>();
    Object key;
    @Nullable A accumulator;
    @Nullable Instant timestamp;

    Pane<A> entryFor(Object structuralKey, Object key) {
      Pane<A> entry = byKey.get(structuralKey);
      if (entry == null) {
        entry = new Pane<>();
        entry.key = key;
        byKey.put(structuralKey, entry);
      }
      return entry;
    }
  }

  /** Grouping as a combine: collects values into a list. */
  private static final class Collect<V> extends Combine.CombineFn<V, List<V>, Iterable<V>> {
    @Override
    public List<V> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<V> addInput(List<V> accumulator, V input) {
      accumulator.add(input);
      return accumulator;
    }

    @Override
    public List<V> mergeAccumulators(Iterable<List<V>> accumulators) {
      List<V> all = new ArrayList<>();
      accumulators.forEach(all::addAll);
      return all;
    }

    @Override
    public Iterable<V> extractOutput(List<V> accumulator) {
      return accumulator;
    }
  }
}
