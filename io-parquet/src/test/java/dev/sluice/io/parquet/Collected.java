package dev.sluice.io.parquet;

import dev.sluice.io.stream.BatchEnd;
import dev.sluice.io.stream.Batched;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;

/**
 * Test support: collects what a pipeline's source emitted (in a JVM-wide map, as pipeline functions
 * are serialized) and groups it by batch.
 */
final class Collected {
  private static final Map<String, List<Batched<Row>>> RESULTS = new ConcurrentHashMap<>();

  /** Records by batch number and the end markers by batch number. */
  final Map<Long, List<Row>> records = new TreeMap<>();

  final Map<Long, BatchEnd> ends = new TreeMap<>();

  private Collected(List<Batched<Row>> elements) {
    for (Batched<Row> e : elements) {
      if (e.isRecord()) {
        records.computeIfAbsent(e.batch(), b -> new ArrayList<>()).add(e.record());
      } else if (ends.put(e.batch(), e.end()) != null) {
        throw new AssertionError("Two end markers for batch " + e.batch());
      }
    }
  }

  /** A fresh key to collect under. */
  static String newKey() {
    String key = UUID.randomUUID().toString();
    RESULTS.put(key, Collections.synchronizedList(new ArrayList<>()));
    return key;
  }

  /** What was collected under {@code key} so far. */
  static Collected of(String key) {
    List<Batched<Row>> list = RESULTS.get(key);
    synchronized (list) {
      return new Collected(new ArrayList<>(list));
    }
  }

  /** The records of {@code batch}, empty if none. */
  List<Row> of(long batch) {
    return records.getOrDefault(batch, List.of());
  }

  /** Every record, batch by batch. */
  List<Row> all() {
    List<Row> all = new ArrayList<>();
    records.values().forEach(all::addAll);
    return all;
  }

  /** A transform adding every element under {@code key}. */
  static PTransform<PCollection<Batched<Row>>, PDone> into(String key) {
    return new PTransform<PCollection<Batched<Row>>, PDone>() {
      @Override
      public PDone expand(PCollection<Batched<Row>> input) {
        input.apply(ParDo.of(new CollectFn(key)));
        return PDone.in(input.getPipeline());
      }
    };
  }

  private static final class CollectFn extends DoFn<Batched<Row>, Void> {
    private final String key;

    CollectFn(String key) {
      this.key = key;
    }

    @ProcessElement
    public void process(@Element Batched<Row> element) {
      RESULTS.get(key).add(element);
    }
  }
}
