package dev.sluice.dstream;

import dev.sluice.dstream.function.FlatMapFunction;
import dev.sluice.dstream.function.Function;
import dev.sluice.dstream.function.Function2;
import dev.sluice.dstream.internal.AnyCoder;
import dev.sluice.dstream.internal.BatchFns;
import dev.sluice.dstream.internal.Checkpointing;
import dev.sluice.dstream.internal.Fns;
import dev.sluice.dstream.internal.IncrementalWindowFn;
import dev.sluice.dstream.internal.KeyedBatchFn;
import dev.sluice.dstream.internal.MapWithStateFn;
import dev.sluice.dstream.internal.PairJoins;
import dev.sluice.dstream.internal.UpdateStateFn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * A {@link DStream} of key-value pairs, as Spark's {@code JavaPairDStream}: per-batch keyed
 * aggregations and joins, windowed aggregations, and state across batches. Pairs are Beam {@link
 * KV}s; {@code print()} shows them as Spark shows tuples, {@code (key,value)}.
 *
 * <pre>{@code
 * PairDStream<String, Integer> wordCounts =
 *     lines.flatMap(line -> Arrays.asList(line.split(" ")).iterator())
 *         .mapToPair(word -> KV.of(word, 1))
 *         .reduceByKey((a, b) -> a + b);
 * wordCounts.print();
 * }</pre>
 *
 * <p>{@link #updateStateByKey}, {@link #mapWithState} and the incremental {@code
 * reduceByKeyAndWindow} keep per-key state in Beam stateful DoFns; as in Spark, they need {@link
 * StreamingContext#checkpoint(String)} to have been called, and their state is checkpointed there
 * so {@link StreamingContext#getOrCreate} can resume it.
 */
public class PairDStream<K, V> extends DStream<KV<K, V>> {
  PairDStream(
      StreamingContext ssc,
      PCollection<KV<K, V>> elements,
      PCollection<List<KV<K, V>>> batches,
      Duration slide,
      long horizon) {
    super(ssc, elements, batches, slide, horizon);
  }

  @Override
  Coder<KV<K, V>> elementCoder() {
    return AnyCoder.kv();
  }

  <K2, V2> PairDStream<K2, V2> derivePair(PCollection<KV<K2, V2>> next) {
    return new PairDStream<>(ssc, next, null, slide, horizon);
  }

  /** The pairs with a {@link KvCoder}, as Beam's keyed transforms require. */
  public PCollection<KV<K, V>> keyed() {
    PCollection<KV<K, V>> pairs = toPCollection();
    if (pairs.getCoder() instanceof KvCoder) {
      return pairs;
    }
    return pairs
        .apply(ssc.name("keyed"), ParDo.of(new Identity<KV<K, V>>()))
        .setCoder(AnyCoder.kv());
  }

  @Override
  public PairDStream<K, V> filter(Function<KV<K, V>, Boolean> keep) {
    return derivePair(
        keyed().apply(ssc.name("filter"), ParDo.of(new FilterFn<>(keep))).setCoder(AnyCoder.kv()));
  }

  @Override
  public PairDStream<K, V> checkpoint(Duration interval) {
    super.checkpoint(interval);
    return this;
  }

  @Override
  public PairDStream<K, V> repartition(int numPartitions) {
    return this;
  }

  @Override
  public PairDStream<K, V> cache() {
    return this;
  }

  @Override
  public PairDStream<K, V> persist() {
    return this;
  }

  /** The pairs of both streams, batch by batch. */
  public PairDStream<K, V> union(PairDStream<K, V> other) {
    return new PairDStream<>(
        ssc, unionElements(other), null, slide, Math.max(horizon, other.horizon));
  }

  @Override
  public PairDStream<K, V> window(Duration length, Duration newSlide) {
    DStream<KV<K, V>> windowed = super.window(length, newSlide);
    return new PairDStream<>(ssc, windowed.toPCollection(), null, windowed.slide, windowed.horizon);
  }

  @Override
  public PairDStream<K, V> window(Duration length) {
    return window(length, slide);
  }

  /** Each value mapped by {@code f}, keys unchanged. */
  public <W> PairDStream<K, W> mapValues(Function<V, W> f) {
    return derivePair(
        keyed()
            .apply(ssc.name("mapValues"), ParDo.of(new MapValuesFn<K, V, W>(f)))
            .setCoder(AnyCoder.kv()));
  }

  /** Per batch, each key's values folded with {@code f}. */
  public PairDStream<K, V> reduceByKey(Function2<V, V, V> f) {
    return derivePair(
        keyed()
            .apply(ssc.name("reduceByKey"), Combine.perKey(Fns.reducer(f)))
            .setCoder(AnyCoder.kv()));
  }

  /** Per batch, each key with all its values. */
  public PairDStream<K, Iterable<V>> groupByKey() {
    PCollection<KV<K, Iterable<V>>> grouped =
        keyed()
            .apply(ssc.name("groupByKey"), GroupByKey.create())
            .apply(ssc.name("groupToList"), ParDo.of(new GroupToList<K, V>()))
            .setCoder(AnyCoder.kv());
    return derivePair(grouped);
  }

  /**
   * Per batch, every pair of values of a key present in both streams.
   *
   * @throws IllegalArgumentException if the streams have different slide durations
   */
  public <W> PairDStream<K, KV<V, W>> join(PairDStream<K, W> other) {
    return derivePair(PairJoins.join(this, other, PairJoins.Kind.INNER, ssc.name("join")));
  }

  /** As {@link #join}, keeping keys of this stream that the other lacks, with an empty value. */
  public <W> PairDStream<K, KV<V, Optional<W>>> leftOuterJoin(PairDStream<K, W> other) {
    return derivePair(PairJoins.join(this, other, PairJoins.Kind.LEFT, ssc.name("leftOuterJoin")));
  }

  /** As {@link #join}, keeping keys of the other stream that this lacks, with an empty value. */
  public <W> PairDStream<K, KV<Optional<V>, W>> rightOuterJoin(PairDStream<K, W> other) {
    return derivePair(
        PairJoins.join(this, other, PairJoins.Kind.RIGHT, ssc.name("rightOuterJoin")));
  }

  /** As {@link #join}, keeping the keys of either stream, an absent side empty. */
  public <W> PairDStream<K, KV<Optional<V>, Optional<W>>> fullOuterJoin(PairDStream<K, W> other) {
    return derivePair(PairJoins.join(this, other, PairJoins.Kind.FULL, ssc.name("fullOuterJoin")));
  }

  /**
   * Per batch, each key of either stream with its values in this stream and in the other (either
   * list may be empty), as Spark's {@code cogroup}.
   *
   * @throws IllegalArgumentException if the streams have different slide durations
   */
  public <W> PairDStream<K, KV<Iterable<V>, Iterable<W>>> cogroup(PairDStream<K, W> other) {
    return derivePair(PairJoins.join(this, other, PairJoins.Kind.COGROUP, ssc.name("cogroup")));
  }

  /** Each value replaced by the values {@code f} maps it to, each with the value's key. */
  public <W> PairDStream<K, W> flatMapValues(FlatMapFunction<V, W> f) {
    return flatMapToPair(
        pair -> {
          List<KV<K, W>> out = new ArrayList<>();
          f.call(pair.getValue()).forEachRemaining(value -> out.add(KV.of(pair.getKey(), value)));
          return out.iterator();
        });
  }

  /** Each key with all its values over the last {@code length}, every batch. */
  public PairDStream<K, Iterable<V>> groupByKeyAndWindow(Duration length) {
    return groupByKeyAndWindow(length, slide);
  }

  /**
   * Each key with all its values over the last {@code length}, every {@code slide} (Beam sliding
   * windows, then a group per window).
   *
   * @throws IllegalArgumentException if {@code length} or {@code slide} is not a multiple of this
   *     stream's slide duration (Spark's message)
   */
  public PairDStream<K, Iterable<V>> groupByKeyAndWindow(Duration length, Duration newSlide) {
    PCollection<KV<K, Iterable<V>>> grouped =
        keyed()
            .apply(ssc.name("slidingWindows"), slidingWindows(length, newSlide))
            .apply(ssc.name("groupByKeyAndWindow"), GroupByKey.create())
            .apply(ssc.name("groupToList"), ParDo.of(new GroupToList<K, V>()))
            .setCoder(AnyCoder.kv());
    return new PairDStream<>(
        ssc, rebatch(grouped), null, newSlide, windowHorizon(length, newSlide));
  }

  private Window<KV<K, V>> slidingWindows(Duration length, Duration newSlide) {
    checkWindow(length, newSlide);
    return Window.into(SlidingWindows.of(length.toJoda()).every(newSlide.toJoda()));
  }

  /** Each key's values over the last {@code length}, every batch, folded with {@code f}. */
  public PairDStream<K, V> reduceByKeyAndWindow(Function2<V, V, V> f, Duration length) {
    return reduceByKeyAndWindow(f, length, slide);
  }

  /**
   * Each key's values over the last {@code length}, every {@code slide}, folded with {@code f}
   * (Beam sliding windows; every element is in {@code length / slide} windows).
   */
  public PairDStream<K, V> reduceByKeyAndWindow(
      Function2<V, V, V> f, Duration length, Duration newSlide) {
    PCollection<KV<K, V>> reduced =
        keyed()
            .apply(ssc.name("slidingWindows"), slidingWindows(length, newSlide))
            .apply(ssc.name("reduceByKeyAndWindow"), Combine.perKey(Fns.reducer(f)))
            .setCoder(AnyCoder.kv());
    return new PairDStream<>(
        ssc, rebatch(reduced), null, newSlide, windowHorizon(length, newSlide));
  }

  /**
   * The incremental form: each window's value is the previous window's, plus ({@code f}) the
   * batches that entered, minus ({@code invF}) the batches that left. Keys with no data left in the
   * window are dropped. Needs {@link StreamingContext#checkpoint}, as in Spark.
   *
   * @throws IllegalArgumentException if {@code length} or {@code slide} is not a multiple of this
   *     stream's slide duration (Spark's message)
   */
  public PairDStream<K, V> reduceByKeyAndWindow(
      Function2<V, V, V> f, Function2<V, V, V> invF, Duration length, Duration newSlide) {
    return reduceByKeyAndWindow(f, invF, length, newSlide, null);
  }

  /**
   * As {@link #reduceByKeyAndWindow(Function2, Function2, Duration, Duration)}, emitting only the
   * pairs {@code filterFunc} accepts (Spark's {@code filterFunc}; Spark's {@code numPartitions} has
   * no counterpart). A rejected key's batches are kept, so later windows stay exact.
   */
  public PairDStream<K, V> reduceByKeyAndWindow(
      Function2<V, V, V> f,
      Function2<V, V, V> invF,
      Duration length,
      Duration newSlide,
      Function<KV<K, V>, Boolean> filterFunc) {
    checkWindow(length, newSlide);
    long outHorizon = windowHorizon(length, newSlide);
    IncrementalWindowFn<K, V> fn =
        new IncrementalWindowFn<>(
            f, invF, filterFunc, length.milliseconds(), newSlide.milliseconds(), outHorizon);
    PCollection<KV<K, V>> reduced =
        stateful("reduceByKeyAndWindow", "window " + length + " slide " + newSlide, fn, outHorizon)
            .get(fn.mainOutput());
    return new PairDStream<>(
        ssc, rebatch(reduced.setCoder(AnyCoder.kv())), null, newSlide, outHorizon);
  }

  /**
   * Running state per key, as Spark's {@code updateStateByKey}: every batch, for every key with
   * state or new values, {@code update(newValues, oldState)} gives the new state (empty removes the
   * key), and every key's state is emitted. Needs {@link StreamingContext#checkpoint}.
   */
  public <S> PairDStream<K, S> updateStateByKey(
      Function2<List<V>, Optional<S>, Optional<S>> update) {
    UpdateStateFn<K, V, S> fn = new UpdateStateFn<>(update, slide.milliseconds(), horizon);
    PCollection<KV<K, S>> states =
        stateful("updateStateByKey", "step " + slide, fn, horizon).get(fn.mainOutput());
    return new PairDStream<>(ssc, rebatch(states.setCoder(AnyCoder.kv())), null, slide, horizon);
  }

  /**
   * Runs the spec's function for every pair with the key's {@link State}, as Spark's {@code
   * mapWithState}, and emits what it returns (a {@code null} result emits nothing). Needs {@link
   * StreamingContext#checkpoint}. The result's {@link MapWithStateDStream#stateSnapshots()} is
   * every key's state after every batch.
   */
  public <S, R> MapWithStateDStream<K, V, S, R> mapWithState(StateSpec<K, V, S, R> spec) {
    MapWithStateFn<K, V, S, R> fn = new MapWithStateFn<>(spec, slide.milliseconds(), horizon);
    PCollectionTuple out = stateful("mapWithState", "step " + slide, fn, horizon);
    PCollection<R> mapped = out.get(fn.mainOutput()).setCoder(AnyCoder.of());
    PCollection<KV<K, KV<S, Long>>> snapshots = out.get(fn.snapshots());
    return new MapWithStateDStream<>(ssc, rebatch(mapped), slide, horizon, snapshots);
  }

  /**
   * Applies a {@link KeyedBatchFn} to this stream, registered for checkpoints as {@code kind#n}:
   * its input is this stream with batch times, plus, when the context is recovered, the
   * checkpoint's states of this operation; its state records go to the checkpoint writer.
   */
  private <S, OutT> PCollectionTuple stateful(
      String kind, String detail, KeyedBatchFn<K, V, S, OutT> fn, long lastBatch) {
    ssc.requireCheckpoint();
    Checkpointing checkpointing = ssc.checkpointing();
    String id = checkpointing.add(kind, detail, fn.step, lastBatch);
    PCollection<KV<K, KV<Long, V>>> input = withBatchTime();
    if (!checkpointing.restored(id).isEmpty()) {
      input =
          PCollectionList.of(input)
              .and(checkpointing.<K, V>restoreInput(id))
              .apply(ssc.name("withRestored"), Flatten.pCollections())
              .setCoder(AnyCoder.kv());
    }
    PCollectionTuple out =
        input.apply(
            ssc.name(kind),
            ParDo.of(fn).withOutputTags(fn.mainOutput(), TupleTagList.of(fn.snapshots())));
    out.get(fn.snapshots()).setCoder(AnyCoder.kv());
    checkpointing.records(
        out.get(fn.snapshots())
            .apply(ssc.name("stateRecords"), ParDo.of(new Tagged<KV<K, S>>(id)))
            .setCoder(AnyCoder.kv()));
    return out;
  }

  /** {@code KV<K, KV<batchEnd, V>>} in the global window, the input of the stateful DoFns. */
  private PCollection<KV<K, KV<Long, V>>> withBatchTime() {
    return keyed()
        .apply(ssc.name("batchTime"), ParDo.of(new WithBatchTime<K, V>()))
        .setCoder(AnyCoder.kv())
        .apply(ssc.name("globalWindow"), Window.<KV<K, KV<Long, V>>>into(new GlobalWindows()));
  }

  /** {@code KV(id, element)}. */
  static final class Tagged<T> extends DoFn<T, KV<String, Object>> {
    private final String id;

    Tagged(String id) {
      this.id = id;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<String, Object>> out) {
      out.output(KV.of(id, element));
    }
  }

  static final class Identity<T> extends DoFn<T, T> {
    @ProcessElement
    public void process(@Element T element, OutputReceiver<T> out) {
      out.output(element);
    }
  }

  static final class WithBatchTime<K, V> extends DoFn<KV<K, V>, KV<K, KV<Long, V>>> {
    @ProcessElement
    public void process(
        @Element KV<K, V> pair, BoundedWindow window, OutputReceiver<KV<K, KV<Long, V>>> out) {
      out.output(KV.of(pair.getKey(), KV.of(BatchFns.time(window), pair.getValue())));
    }
  }

  static final class MapValuesFn<K, V, W> extends DoFn<KV<K, V>, KV<K, W>> {
    private final Function<V, W> f;

    MapValuesFn(Function<V, W> f) {
      this.f = f;
    }

    @ProcessElement
    public void process(@Element KV<K, V> pair, OutputReceiver<KV<K, W>> out) throws Exception {
      out.output(KV.of(pair.getKey(), f.call(pair.getValue())));
    }
  }

  static final class GroupToList<K, V> extends DoFn<KV<K, Iterable<V>>, KV<K, Iterable<V>>> {
    @ProcessElement
    public void process(@Element KV<K, Iterable<V>> group, OutputReceiver<KV<K, Iterable<V>>> out) {
      List<V> values = new ArrayList<>();
      group.getValue().forEach(values::add);
      out.output(KV.of(group.getKey(), values));
    }
  }
}
