package dev.sluice.dstream;

import dev.sluice.dstream.internal.AnyCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The result of {@link PairDStream#mapWithState}, as Spark's {@code JavaMapWithStateDStream}: the
 * mapping function's results, batch by batch, and through {@link #stateSnapshots()} the state of
 * every key after every batch.
 *
 * <pre>{@code
 * MapWithStateDStream<String, Integer, Integer, String> counted =
 *     pairs.mapWithState(StateSpec.function(
 *         (String word, Optional<Integer> one, State<Integer> state) -> {
 *           int sum = one.orElse(0) + (state.exists() ? state.get() : 0);
 *           state.update(sum);
 *           return word + "=" + sum;
 *         }));
 * counted.print();                  // a=1, then a=2, ...
 * counted.stateSnapshots().print(); // (a,1), then (a,2), ... every batch, for every key
 * }</pre>
 */
@SuppressWarnings("UnusedTypeParameter") // V: the input value type, as in Spark's signature
public final class MapWithStateDStream<K, V, S, R> extends DStream<R> {
  private final PCollection<KV<K, KV<S, Long>>> snapshots;
  private PairDStream<K, S> stateSnapshots;

  MapWithStateDStream(
      StreamingContext ssc,
      PCollection<R> mapped,
      Duration slide,
      long horizon,
      PCollection<KV<K, KV<S, Long>>> snapshots) {
    super(ssc, mapped, null, slide, horizon);
    this.snapshots = snapshots;
  }

  /**
   * Every key's state after every batch, as {@code (key, state)} pairs: keys whose state was
   * removed or timed out in a batch are absent from it.
   */
  public PairDStream<K, S> stateSnapshots() {
    if (stateSnapshots == null) {
      PCollection<KV<K, S>> states =
          snapshots
              .apply(ssc.name("stateSnapshots"), ParDo.of(new UserState<K, S>()))
              .setCoder(AnyCoder.kv());
      stateSnapshots = new PairDStream<>(ssc, rebatch(states), null, slide, horizon);
    }
    return stateSnapshots;
  }

  static final class UserState<K, S> extends DoFn<KV<K, KV<S, Long>>, KV<K, S>> {
    @ProcessElement
    public void process(@Element KV<K, KV<S, Long>> tracked, OutputReceiver<KV<K, S>> out) {
      out.output(KV.of(tracked.getKey(), tracked.getValue().getKey()));
    }
  }
}
