package dev.sluice.dstream.internal;

import dev.sluice.dstream.PairDStream;
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
 * Per-batch joins and cogroups of two pair streams: each side's values are tagged (0 left, 1
 * right), the union is grouped by key per batch window, and each group yields, by {@link Kind}, the
 * cross product (inner), with {@link Optional} sides for the outer joins, or both value lists
 * (cogroup).
 *
 * <pre>{@code
 * PCollection<KV<K, KV<V, W>>> joined = PairJoins.join(left, right, PairJoins.Kind.INNER, "join");
 * }</pre>
 */
public final class PairJoins {
  private PairJoins() {}

  /** What a group of one key becomes. */
  public enum Kind {
    /** {@code (v, w)} for every pair of values. */
    INNER,
    /** As inner, plus {@code (v, empty)} when the right side has no value. */
    LEFT,
    /** As inner, plus {@code (empty, w)} when the left side has no value. */
    RIGHT,
    /** Both outer joins at once; every side an {@link Optional}. */
    FULL,
    /** One {@code (values, values)} pair per key. */
    COGROUP
  }

  public static <K, V, W, X> PCollection<KV<K, X>> join(
      PairDStream<K, V> left, PairDStream<K, W> right, Kind kind, String name) {
    if (!left.slideDuration().equals(right.slideDuration())) {
      throw new IllegalArgumentException(
          "Some of the DStreams have different slide durations: "
              + left.slideDuration()
              + ", "
              + right.slideDuration());
    }
    PCollection<KV<K, KV<Integer, Object>>> tagged =
        PCollectionList.of(tag(left.keyed(), 0, name + "/left"))
            .and(tag(right.keyed(), 1, name + "/right"))
            .apply(name + "/union", Flatten.pCollections());
    return tagged
        .apply(name + "/group", GroupByKey.create())
        .apply(name + "/pairs", ParDo.of(new Combine<K, X>(kind)))
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

  static final class Combine<K, X> extends DoFn<KV<K, Iterable<KV<Integer, Object>>>, KV<K, X>> {
    private final Kind kind;

    Combine(Kind kind) {
      this.kind = kind;
    }

    @ProcessElement
    public void process(
        @Element KV<K, Iterable<KV<Integer, Object>>> group, OutputReceiver<KV<K, X>> out) {
      List<Object> lefts = new ArrayList<>();
      List<Object> rights = new ArrayList<>();
      for (KV<Integer, Object> value : group.getValue()) {
        (value.getKey() == 0 ? lefts : rights).add(value.getValue());
      }
      K key = group.getKey();
      if (kind == Kind.COGROUP) {
        emit(out, key, lefts, rights);
        return;
      }
      boolean optionalLeft = kind == Kind.RIGHT || kind == Kind.FULL;
      boolean optionalRight = kind == Kind.LEFT || kind == Kind.FULL;
      for (Object left : lefts) {
        for (Object right : rights) {
          emit(out, key, side(left, optionalLeft), side(right, optionalRight));
        }
        if (rights.isEmpty() && optionalRight) {
          emit(out, key, side(left, optionalLeft), Optional.empty());
        }
      }
      if (lefts.isEmpty() && optionalLeft) {
        for (Object right : rights) {
          emit(out, key, Optional.empty(), side(right, optionalRight));
        }
      }
    }

    private static Object side(Object value, boolean optional) {
      return optional ? Optional.ofNullable(value) : value;
    }

    @SuppressWarnings("unchecked")
    private void emit(OutputReceiver<KV<K, X>> out, K key, Object left, Object right) {
      out.output(KV.of(key, (X) KV.of(left, right)));
    }
  }
}
