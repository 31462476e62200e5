package dev.sluice.dstream;

import dev.sluice.dstream.function.Function;
import dev.sluice.dstream.function.Function2;
import dev.sluice.dstream.internal.AnyCoder;
import dev.sluice.dstream.internal.Fns;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

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
 * <p>{@link #updateStateByKey} and {@link #mapWithState} keep per-key state in Beam stateful DoFns;
 * as in Spark, they need {@link StreamingContext#checkpoint(String)} to have been called.
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
  PCollection<KV<K, V>> keyed() {
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
    return derivePair(Joins.join(this, other, false, ssc.name("join")));
  }

  /** As {@link #join}, keeping keys of this stream that the other lacks, with an empty value. */
  public <W> PairDStream<K, KV<V, Optional<W>>> leftOuterJoin(PairDStream<K, W> other) {
    return derivePair(Joins.join(this, other, true, ssc.name("leftOuterJoin")));
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
    checkWindow(length, newSlide);
    PCollection<KV<K, V>> reduced =
        keyed()
            .apply(
                ssc.name("slidingWindows"),
                Window.<KV<K, V>>into(SlidingWindows.of(length.toJoda()).every(newSlide.toJoda())))
            .apply(ssc.name("reduceByKeyAndWindow"), Combine.perKey(Fns.reducer(f)))
            .setCoder(AnyCoder.kv());
    return new PairDStream<>(
        ssc, rebatch(reduced), null, newSlide, windowHorizon(length, newSlide));
  }

  /**
   * The incremental form: each window's value is the previous window's, plus ({@code f}) the
   * batches that entered, minus ({@code invF}) the batches that left. Keys with no data left in the
   * window are dropped.
   *
   * @throws IllegalArgumentException if {@code length} or {@code slide} is not a multiple of this
   *     stream's slide duration (Spark's message)
   */
  public PairDStream<K, V> reduceByKeyAndWindow(
      Function2<V, V, V> f, Function2<V, V, V> invF, Duration length, Duration newSlide) {
    checkWindow(length, newSlide);
    long outHorizon = windowHorizon(length, newSlide);
    PCollection<KV<K, V>> reduced =
        withBatchTime()
            .apply(
                ssc.name("reduceByKeyAndWindow"),
                ParDo.of(
                    new IncrementalWindowFn<K, V>(
                        f, invF, length.milliseconds(), newSlide.milliseconds(), outHorizon)))
            .setCoder(AnyCoder.kv());
    return new PairDStream<>(ssc, rebatch(reduced), null, newSlide, outHorizon);
  }

  /**
   * Running state per key, as Spark's {@code updateStateByKey}: every batch, for every key with
   * state or new values, {@code update(newValues, oldState)} gives the new state (empty removes the
   * key), and every key's state is emitted.
   */
  public <S> PairDStream<K, S> updateStateByKey(
      Function2<List<V>, Optional<S>, Optional<S>> update) {
    ssc.requireCheckpoint();
    PCollection<KV<K, S>> states =
        withBatchTime()
            .apply(
                ssc.name("updateStateByKey"),
                ParDo.of(new UpdateStateFn<K, V, S>(update, slide.milliseconds(), horizon)))
            .setCoder(AnyCoder.kv());
    return new PairDStream<>(ssc, rebatch(states), null, slide, horizon);
  }

  /**
   * Runs the spec's function for every pair with the key's {@link State}, as Spark's {@code
   * mapWithState}, and emits what it returns (a {@code null} result emits nothing).
   */
  public <S, R> DStream<R> mapWithState(StateSpec<K, V, S, R> spec) {
    ssc.requireCheckpoint();
    PCollection<R> mapped =
        withBatchTime()
            .apply(
                ssc.name("mapWithState"),
                ParDo.of(new MapWithStateFn<K, V, S, R>(spec, slide.milliseconds(), horizon)))
            .setCoder(AnyCoder.of());
    return new DStream<>(ssc, rebatch(mapped), null, slide, horizon);
  }

  /** {@code KV<K, KV<batchEnd, V>>} in the global window, the input of the stateful DoFns. */
  private PCollection<KV<K, KV<Long, V>>> withBatchTime() {
    return keyed()
        .apply(ssc.name("batchTime"), ParDo.of(new WithBatchTime<K, V>()))
        .setCoder(AnyCoder.kv())
        .apply(ssc.name("globalWindow"), Window.<KV<K, KV<Long, V>>>into(new GlobalWindows()));
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
