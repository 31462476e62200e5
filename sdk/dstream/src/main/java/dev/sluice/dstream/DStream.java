package dev.sluice.dstream;

import dev.sluice.dstream.function.FlatMapFunction;
import dev.sluice.dstream.function.Function;
import dev.sluice.dstream.function.Function2;
import dev.sluice.dstream.function.PairFlatMapFunction;
import dev.sluice.dstream.function.PairFunction;
import dev.sluice.dstream.function.VoidFunction;
import dev.sluice.dstream.internal.AnyCoder;
import dev.sluice.dstream.internal.BatchFns;
import dev.sluice.dstream.internal.Fns;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * A discretized stream, as Spark Streaming's {@code DStream}: a sequence of batches, one per batch
 * interval (or per slide, after a window). Under it is a Beam {@link PCollection} whose elements
 * carry their batch's time as timestamp and sit in {@link FixedWindows} of the batch interval; a
 * batch is one window, and its time (what {@link #print()} shows) is the window's end.
 *
 * <pre>{@code
 * StreamingContext ssc = new StreamingContext("errors", Durations.seconds(1));
 * DStream<String> lines = ssc.socketTextStream("localhost", 8888);
 * lines.filter(line -> line.contains("error")).print();
 * ssc.start();
 * ssc.awaitTermination();
 * }</pre>
 *
 * <p>Per-element operations ({@link #map}, {@link #filter}, ...) are Beam {@code ParDo}s; per-batch
 * ones ({@link #count}, {@link #reduce}, {@link #transform}, {@link #print}, ...) group or combine
 * per window, so they run on any Beam runner. Functions must be serializable; one that throws stops
 * the context, and {@link StreamingContext#awaitTermination()} rethrows it.
 */
public class DStream<T> {
  final StreamingContext ssc;
  final Duration slide;
  final long horizon;
  private PCollection<T> elements;
  private PCollection<List<T>> batches;

  DStream(
      StreamingContext ssc,
      PCollection<T> elements,
      PCollection<List<T>> batches,
      Duration slide,
      long horizon) {
    this.ssc = ssc;
    this.elements = elements;
    this.batches = batches;
    this.slide = slide;
    this.horizon = horizon;
  }

  /** The context this stream belongs to. */
  public StreamingContext context() {
    return ssc;
  }

  /** The interval between this stream's batches: the batch interval, or a window's slide. */
  public Duration slideDuration() {
    return slide;
  }

  /** The elements as a Beam collection (batch windows), to continue with Beam's own API. */
  public PCollection<T> toPCollection() {
    if (elements == null) {
      elements =
          batches.apply(ssc.name("unbatch"), ParDo.of(new Unbatch<T>())).setCoder(elementCoder());
    }
    return elements;
  }

  /** The coder of this stream's elements when the facade creates them. */
  Coder<T> elementCoder() {
    return AnyCoder.of();
  }

  /**
   * One list per batch, empty batches included, in order when the batch came from {@link
   * #transform}. A batch exists for every slide from the first batch to the last of a scripted
   * stream, and for every slide while a live stream runs: the elements are grouped per batch window
   * together with one tick per batch ({@link StreamingContext#ticks}), so a window with no element
   * still gives a (then empty) list.
   */
  PCollection<List<T>> batches() {
    if (batches == null) {
      PCollection<KV<Integer, Object>> keyed =
          elements
              .apply(ssc.name("batchKey"), ParDo.of(new SingleKey<T>()))
              .setCoder(KvCoder.of(VarIntCoder.of(), AnyCoder.of()));
      PCollection<KV<Integer, Object>> ticks =
          rebatch(ssc.ticks(slide, horizon))
              .apply(ssc.name("tickKey"), ParDo.of(new TickKey()))
              .setCoder(KvCoder.of(VarIntCoder.of(), AnyCoder.of()));
      batches =
          PCollectionList.of(keyed)
              .and(ticks)
              .apply(ssc.name("batchTicks"), Flatten.pCollections())
              .apply(ssc.name("batchGroup"), GroupByKey.create())
              .apply(ssc.name("batchList"), ParDo.of(new BatchFns.ToList<T>()))
              .setCoder(AnyCoder.of());
    }
    return batches;
  }

  <R> DStream<R> derive(PCollection<R> next) {
    return new DStream<>(ssc, next, null, slide, horizon);
  }

  /** Each element mapped by {@code f}. */
  public <R> DStream<R> map(Function<T, R> f) {
    return derive(apply("map", new MapFn<>(f)));
  }

  /** The elements each element maps to. */
  public <R> DStream<R> flatMap(FlatMapFunction<T, R> f) {
    return derive(apply("flatMap", new FlatMapFn<>(f)));
  }

  /** The elements for which {@code keep} returns true. */
  public DStream<T> filter(Function<T, Boolean> keep) {
    return derive(apply("filter", new FilterFn<>(keep)));
  }

  /** Each element mapped to a key-value pair. */
  public <K, V> PairDStream<K, V> mapToPair(PairFunction<T, K, V> f) {
    PCollection<KV<K, V>> pairs =
        toPCollection()
            .apply(ssc.name("mapToPair"), ParDo.of(new MapToPairFn<>(f)))
            .setCoder(AnyCoder.kv());
    return new PairDStream<>(ssc, pairs, null, slide, horizon);
  }

  /** The pairs each element maps to. */
  public <K, V> PairDStream<K, V> flatMapToPair(PairFlatMapFunction<T, K, V> f) {
    PCollection<KV<K, V>> pairs =
        toPCollection()
            .apply(ssc.name("flatMapToPair"), ParDo.of(new FlatMapFn<T, KV<K, V>>(f::call)))
            .setCoder(AnyCoder.kv());
    return new PairDStream<>(ssc, pairs, null, slide, horizon);
  }

  /**
   * Each batch as one partition: {@code f} gets an iterator over the batch's elements and returns
   * the result's, as Spark's {@code mapPartitions} with one partition per batch.
   */
  public <R> DStream<R> mapPartitions(FlatMapFunction<Iterator<T>, R> f) {
    return transform(
        batch -> {
          List<R> out = new ArrayList<>();
          f.call(batch.collect().iterator()).forEachRemaining(out::add);
          return Batch.of(batch.time(), out);
        });
  }

  /**
   * Asks for checkpoints at least every {@code interval}, as Spark's {@code
   * DStream.checkpoint(interval)}; it applies to the whole context here (the smallest interval
   * asked for wins, rounded up to a multiple of every stateful operation's slide). Without it a
   * context checkpoints every 10 s or the next multiple of the slides, as Spark.
   *
   * @throws IllegalArgumentException if {@code interval} is not a multiple of this stream's slide
   *     duration
   */
  public DStream<T> checkpoint(Duration interval) {
    if (!interval.isMultipleOf(slide)) {
      throw new IllegalArgumentException(
          "The checkpoint interval ("
              + interval
              + ") must be a multiple of the slide duration of the DStream ("
              + slide
              + ")");
    }
    ssc.checkpointing().interval(interval);
    return this;
  }

  /**
   * This stream: a runner partitions data itself, so Spark's repartitioning has nothing to do here.
   * Kept so Spark code compiles unchanged.
   */
  public DStream<T> repartition(int numPartitions) {
    return this;
  }

  /** This stream; Beam runners decide what to keep in memory (Spark's {@code cache()}). */
  public DStream<T> cache() {
    return this;
  }

  /** This stream; Beam runners decide what to keep in memory (Spark's {@code persist()}). */
  public DStream<T> persist() {
    return this;
  }

  private <R> PCollection<R> apply(String name, DoFn<T, R> fn) {
    return toPCollection().apply(ssc.name(name), ParDo.of(fn)).setCoder(AnyCoder.of());
  }

  /**
   * The elements of both streams, batch by batch.
   *
   * @throws IllegalArgumentException if the streams have different slide durations
   */
  public DStream<T> union(DStream<T> other) {
    return derive(unionElements(other)).withHorizon(Math.max(horizon, other.horizon));
  }

  PCollection<T> unionElements(DStream<T> other) {
    if (!slide.equals(other.slide)) {
      throw new IllegalArgumentException(
          "Some of the DStreams have different slide durations: " + slide + ", " + other.slide);
    }
    return PCollectionList.of(toPCollection())
        .and(other.toPCollection())
        .apply(ssc.name("union"), Flatten.pCollections())
        .setCoder(elementCoder());
  }

  DStream<T> withHorizon(long newHorizon) {
    return new DStream<>(ssc, toPCollection(), null, slide, newHorizon);
  }

  /** The number of elements of each batch: one element per batch, 0 for an empty batch. */
  public DStream<Long> count() {
    PCollection<Long> ones =
        toPCollection().apply(ssc.name("countOnes"), ParDo.of(new Constant<T>(1L)));
    PCollection<Long> zeros =
        rebatch(ssc.ticks(slide, horizon))
            .apply(ssc.name("countZeros"), ParDo.of(new Constant<Long>(0L)));
    return derive(
        PCollectionList.of(ones)
            .and(zeros)
            .apply(ssc.name("countUnion"), Flatten.pCollections())
            .setCoder(VarLongCoder.of())
            .apply(ssc.name("count"), Sum.longsGlobally().withoutDefaults()));
  }

  static final class Constant<T> extends DoFn<T, Long> {
    private final long value;

    Constant(long value) {
      this.value = value;
    }

    @ProcessElement
    public void process(OutputReceiver<Long> out) {
      out.output(value);
    }
  }

  /** Each batch's elements folded with {@code f}. */
  public DStream<T> reduce(Function2<T, T, T> f) {
    return derive(
        toPCollection()
            .apply(ssc.name("reduce"), Combine.globally(Fns.reducer(f)).withoutDefaults())
            .setCoder(elementCoder()));
  }

  /** How often each distinct element occurs in each batch. */
  public PairDStream<T, Long> countByValue() {
    return new PairDStream<>(
        ssc,
        toPCollection().apply(ssc.name("countByValue"), Count.perElement()),
        null,
        slide,
        horizon);
  }

  /** Each batch replaced by what {@code f} makes of it; the order of the result is kept. */
  public <R> DStream<R> transform(Function<Batch<T>, Batch<R>> f) {
    PCollection<List<R>> out =
        batches()
            .apply(ssc.name("transform"), ParDo.of(new BatchFns.Transform<>(f)))
            .setCoder(AnyCoder.of());
    return new DStream<>(ssc, null, out, slide, horizon);
  }

  /** As {@link #transform}, for a function that makes key-value pairs. */
  public <K, V> PairDStream<K, V> transformToPair(Function<Batch<T>, Batch<KV<K, V>>> f) {
    PCollection<List<KV<K, V>>> out =
        batches()
            .apply(ssc.name("transformToPair"), ParDo.of(new BatchFns.Transform<>(f)))
            .setCoder(AnyCoder.of());
    return new PairDStream<>(ssc, null, out, slide, horizon);
  }

  /**
   * Runs {@code f} on every batch, empty ones included (as Spark, test {@link Batch#isEmpty()} to
   * skip them), inside the pipeline. An output operation.
   */
  public void foreachRDD(VoidFunction<Batch<T>> f) {
    batches().apply(ssc.name("foreachRDD"), ParDo.of(new BatchFns.Foreach<>(f)));
    ssc.registerOutput();
  }

  /** Prints the first 10 elements of every batch. An output operation. */
  public void print() {
    print(10);
  }

  /**
   * Prints every batch as Spark does: a dashed line, {@code Time: <ms> ms}, a dashed line, the
   * first {@code num} elements ({@code ...} if there are more) and an empty line; an empty batch
   * prints its header alone. Writes to {@code System.out} unless {@link StreamingContext#printTo}
   * says otherwise.
   */
  public void print(int num) {
    batches().apply(ssc.name("print"), ParDo.of(new BatchFns.Print<>(num, ssc.id())));
    ssc.registerOutput();
  }

  /**
   * Saves every batch, empty ones included (as Spark), as the directory {@code prefix-<time
   * ms>.suffix} (no {@code .suffix} if empty) with one {@code part-00000} text file, one element
   * per line.
   */
  public void saveAsTextFiles(String prefix, String suffix) {
    batches().apply(ssc.name("saveAsTextFiles"), ParDo.of(new BatchFns.Save<>(prefix, suffix)));
    ssc.registerOutput();
  }

  /** The batches of the last {@code length}, every batch. */
  public DStream<T> window(Duration length) {
    return window(length, slide);
  }

  /**
   * The batches of the last {@code length}, every {@code slide}: each result batch at time {@code
   * T} holds the elements of the batches in {@code (T - length, T]}.
   *
   * @throws IllegalArgumentException if {@code length} or {@code slide} is not a multiple of this
   *     stream's slide duration (Spark's message)
   */
  public DStream<T> window(Duration length, Duration slide) {
    PCollection<T> windowed =
        sliding(length, slide)
            .apply(ssc.name("windowEnd"), ParDo.of(new ToWindowEnd<T>()))
            .setCoder(elementCoder());
    return new DStream<>(ssc, rebatch(windowed), null, slide, windowHorizon(length, slide));
  }

  /** The number of elements in each window. */
  public DStream<Long> countByWindow(Duration length, Duration slide) {
    return map(element -> 1L).reduceByWindow(Long::sum, length, slide);
  }

  /**
   * How often each distinct element occurs in each window, computed incrementally (counts of
   * batches entering are added, of batches leaving subtracted).
   */
  public PairDStream<T, Long> countByValueAndWindow(Duration length, Duration slide) {
    return mapToPair(element -> KV.of(element, 1L))
        .reduceByKeyAndWindow(Long::sum, (a, b) -> a - b, length, slide);
  }

  /** The elements of each window folded with {@code f}. */
  public DStream<T> reduceByWindow(Function2<T, T, T> f, Duration length, Duration slide) {
    PCollection<T> reduced =
        sliding(length, slide)
            .apply(ssc.name("reduceByWindow"), Combine.globally(Fns.reducer(f)).withoutDefaults())
            .setCoder(elementCoder());
    return new DStream<>(ssc, rebatch(reduced), null, slide, windowHorizon(length, slide));
  }

  /**
   * The incremental form: each window's value is the previous window's, folded ({@code f}) with the
   * batches that entered and unfolded ({@code invF}) with the batches that left. Needs {@link
   * StreamingContext#checkpoint}, as in Spark. A window with no element emits nothing.
   *
   * @throws IllegalArgumentException if {@code length} or {@code slide} is not a multiple of this
   *     stream's slide duration (Spark's message)
   */
  public DStream<T> reduceByWindow(
      Function2<T, T, T> f, Function2<T, T, T> invF, Duration length, Duration slide) {
    return mapToPair(element -> KV.of(0, element))
        .reduceByKeyAndWindow(f, invF, length, slide)
        .map(KV::getValue);
  }

  /** This stream's elements in Beam sliding windows of {@code length} every {@code slide}. */
  PCollection<T> sliding(Duration length, Duration slide) {
    checkWindow(length, slide);
    return toPCollection()
        .apply(
            ssc.name("slidingWindows"),
            Window.<T>into(SlidingWindows.of(length.toJoda()).every(slide.toJoda())));
  }

  /** Back to batch windows; a value stamped at a window's last instant lands in its batch. */
  <R> PCollection<R> rebatch(PCollection<R> stampedAtWindowEnd) {
    return stampedAtWindowEnd.apply(
        ssc.name("batchWindows"), Window.<R>into(FixedWindows.of(ssc.batchDuration().toJoda())));
  }

  void checkWindow(Duration length, Duration newSlide) {
    if (!length.isMultipleOf(slide)) {
      throw new IllegalArgumentException(
          "The window duration of windowed DStream ("
              + length
              + ") must be a multiple of the slide duration of parent DStream ("
              + slide
              + ")");
    }
    if (!newSlide.isMultipleOf(slide)) {
      throw new IllegalArgumentException(
          "The slide duration of windowed DStream ("
              + newSlide
              + ") must be a multiple of the slide duration of parent DStream ("
              + slide
              + ")");
    }
  }

  /** The end of the last window that can hold data of this stream. */
  long windowHorizon(Duration length, Duration newSlide) {
    if (horizon == Long.MAX_VALUE) {
      return horizon;
    }
    long step = newSlide.milliseconds();
    return Math.floorDiv(horizon + length.milliseconds() - 1, step) * step;
  }

  static final class Unbatch<T> extends DoFn<List<T>, T> {
    @ProcessElement
    public void process(@Element List<T> batch, OutputReceiver<T> out) {
      batch.forEach(out::output);
    }
  }

  static final class SingleKey<T> extends DoFn<T, KV<Integer, Object>> {
    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<Integer, Object>> out) {
      out.output(KV.of(0, element));
    }
  }

  static final class TickKey extends DoFn<Long, KV<Integer, Object>> {
    @ProcessElement
    public void process(OutputReceiver<KV<Integer, Object>> out) {
      out.output(KV.of(0, BatchFns.Tick.INSTANCE));
    }
  }

  static final class ToWindowEnd<T> extends DoFn<T, T> {
    @ProcessElement
    public void process(@Element T element, BoundedWindow window, OutputReceiver<T> out) {
      out.outputWithTimestamp(element, window.maxTimestamp());
    }
  }

  static final class MapFn<T, R> extends DoFn<T, R> {
    private final Function<T, R> f;

    MapFn(Function<T, R> f) {
      this.f = f;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<R> out) throws Exception {
      out.output(f.call(element));
    }
  }

  static final class FlatMapFn<T, R> extends DoFn<T, R> {
    private final FlatMapFunction<T, R> f;

    FlatMapFn(FlatMapFunction<T, R> f) {
      this.f = f;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<R> out) throws Exception {
      for (Iterator<R> it = f.call(element); it.hasNext(); ) {
        out.output(it.next());
      }
    }
  }

  static final class FilterFn<T> extends DoFn<T, T> {
    private final Function<T, Boolean> keep;

    FilterFn(Function<T, Boolean> keep) {
      this.keep = keep;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<T> out) throws Exception {
      if (keep.call(element)) {
        out.output(element);
      }
    }
  }

  static final class MapToPairFn<T, K, V> extends DoFn<T, KV<K, V>> {
    private final PairFunction<T, K, V> f;

    MapToPairFn(PairFunction<T, K, V> f) {
      this.f = f;
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<K, V>> out) throws Exception {
      out.output(f.call(element));
    }
  }
}
