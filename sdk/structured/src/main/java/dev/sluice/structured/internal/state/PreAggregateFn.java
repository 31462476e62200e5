package dev.sluice.structured.internal.state;

import dev.sluice.io.stream.Batched;
import dev.sluice.structured.internal.exec.StreamElement;
import dev.sluice.structured.internal.expr.Aggregation;
import dev.sluice.structured.internal.expr.EvalContext;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/**
 * The map side of a streaming aggregation: folds the rows of each batch seen in one bundle into one
 * partial aggregate per grouping key (like Spark's partial aggregation before the shuffle) and
 * sends the partials to their shard when the bundle ends; other elements are routed as {@link
 * ShardFn} routes them.
 *
 * <pre>{@code
 * stream.apply(ParDo.of(new PreAggregateFn(aggregation, 4, zone)));
 * }</pre>
 */
public final class PreAggregateFn extends DoFn<StreamElement, KV<Integer, StreamElement>> {
  private final Aggregation aggregation;
  private final int shards;
  private final ZoneId zone;
  private final ShardFn router;
  private transient Map<Long, Map<Row, Partial>> partials;

  private static final class Partial {
    Row accumulator;
    long rows;

    Partial(Row accumulator) {
      this.accumulator = accumulator;
    }
  }

  public PreAggregateFn(Aggregation aggregation, int shards, ZoneId zone) {
    this.aggregation = aggregation;
    this.shards = shards;
    this.zone = zone;
    this.router = new ShardFn(java.util.Collections.emptyList(), shards);
  }

  @StartBundle
  public void startBundle() {
    partials = new HashMap<>();
  }

  @ProcessElement
  public void process(@Element StreamElement e, OutputReceiver<KV<Integer, StreamElement>> out) {
    if (e.kind() != StreamElement.Kind.ROW) {
      router.process(e, out);
      return;
    }
    EvalContext context = EvalContext.of(System.currentTimeMillis(), zone);
    Map<Row, Partial> batch = partials.computeIfAbsent(e.batch(), b -> new HashMap<>());
    for (Row key : aggregation.keysOf(e.row(), context)) {
      Partial p = batch.computeIfAbsent(key, k -> new Partial(aggregation.createAccumulator()));
      p.accumulator = aggregation.add(p.accumulator, e.row(), context);
      p.rows++;
    }
  }

  /** What a partial is sharded by: its key, without the session window (sessions merge). */
  private Object shardKey(Row key) {
    if (!aggregation.hasSessionWindow()) {
      return key;
    }
    List<Object> values = new ArrayList<>(key.getValues());
    values.remove(aggregation.sessionWindowKeyIndex());
    return values;
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    for (Map.Entry<Long, Map<Row, Partial>> batch : partials.entrySet()) {
      long b = batch.getKey();
      for (Map.Entry<Row, Partial> p : batch.getValue().entrySet()) {
        StreamElement partial =
            StreamElement.partial(b, p.getKey(), p.getValue().accumulator, p.getValue().rows);
        context.output(
            KV.of(ShardFn.shardOf(shardKey(p.getKey()), shards), partial),
            Batched.timestampOf(b),
            GlobalWindow.INSTANCE);
      }
    }
    partials.clear();
  }
}
