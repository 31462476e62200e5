package dev.sluice.dstream;

import dev.sluice.dstream.internal.AnyCoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Per-batch joins of two pair streams: each side's values are tagged (0 left, 1 right), the union
 * is grouped by key per batch window, and each group yields the cross product.
 *
 * <pre>{@code
 * PCollection<KV<K, KV<V, W>>> joined = Joins.join(left, right, false, "join");
 * }</pre>
 */
final class Joins {
  private Joins() {}

  @SuppressWarnings("unchecked")
  static <K, V, W, X> PCollection<KV<K, KV<V, X>>> join(
      PairDStream<K, V> left, PairDStream<K, W> right, boolean outer, String name) {
    if (!left.slide.equals(right.slide)) {
      throw new IllegalArgumentException(
          "Some of the DStreams have different slide durations: "
              + left.slide
              + ", "
              + right.slide);
    }
    PCollection<KV<K, KV<Integer, Object>>> tagged =
        PCollectionList.of(tag(left.keyed(), 0, name + "/left"))
            .and(tag(right.keyed(), 1, name + "/right"))
            .apply(name + "/union", Flatten.pCollections());
    return tagged
        .apply(name + "/group", GroupByKey.create())
        .apply(name + "/pairs", ParDo.of(new CrossProduct<K, V, X>(outer)))
        .setCoder(AnyCoder.kv());
  }

  private static <K, T> PCollection<KV<K, KV<Integer, Object>>> tag(
      PCollection<KV<K, T>> side, int tag, String name) {
    return side.apply(name, ParDo.of(new Tag<K, T>(tag))).setCoder(AnyCoder.kv());
  }

  static final class Tag<K, T> extends DoFn<KV<K, T>, KV<K, KV<Integer, Object>>> {
    private final int tag;

    Tag(int tag) {
      this.tag = tag;
    }

    @ProcessElement
    public void process(@Element KV<K, T> pair, OutputReceiver<KV<K, KV<Integer, Object>>> out) {
      out.output(KV.of(pair.getKey(), KV.of(tag, pair.getValue())));
    }
  }

  static final class CrossProduct<K, V, X>
      extends DoFn<KV<K, Iterable<KV<Integer, Object>>>, KV<K, KV<V, X>>> {
    private final boolean outer;

    CrossProduct(boolean outer) {
      this.outer = outer;
    }

    @SuppressWarnings("unchecked")
    @ProcessElement
    public void process(
        @Element KV<K, Iterable<KV<Integer, Object>>> group, OutputReceiver<KV<K, KV<V, X>>> out) {
      List<V> lefts = new ArrayList<>();
      List<Object> rights = new ArrayList<>();
      for (KV<Integer, Object> value : group.getValue()) {
        if (value.getKey() == 0) {
          lefts.add((V) value.getValue());
        } else {
          rights.add(value.getValue());
        }
      }
      for (V left : lefts) {
        if (outer && rights.isEmpty()) {
          out.output(KV.of(group.getKey(), KV.of(left, (X) Optional.empty())));
        }
        for (Object right : rights) {
          X joined = outer ? (X) Optional.ofNullable(right) : (X) right;
          out.output(KV.of(group.getKey(), KV.of(left, joined)));
        }
      }
    }
  }
}
