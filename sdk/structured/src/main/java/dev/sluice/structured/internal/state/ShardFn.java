package dev.sluice.structured.internal.state;

import dev.sluice.structured.internal.exec.StreamElement;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/**
 * Routes a query's stream to the shards of a stateful step: a row to the shard of its key columns
 * (all rows to shard 0 if there are none), end markers and event-time reports to every shard (each
 * shard needs them to know the batches and the watermark), summaries of earlier steps to shard 0.
 *
 * <pre>{@code
 * stream.apply(ParDo.of(new ShardFn(List.of(0, 2), 4)));
 * }</pre>
 */
public final class ShardFn extends DoFn<StreamElement, KV<Integer, StreamElement>> {
  private final List<Integer> keyColumns;
  private final int shards;

  public ShardFn(List<Integer> keyColumns, int shards) {
    this.keyColumns = List.copyOf(keyColumns);
    this.shards = shards;
  }

  /** The shard of {@code key} among {@code shards}. */
  public static int shardOf(Object key, int shards) {
    return Math.floorMod(key == null ? 0 : key.hashCode() * 0x9E3779B9, shards);
  }

  @ProcessElement
  public void process(@Element StreamElement e, OutputReceiver<KV<Integer, StreamElement>> out) {
    switch (e.kind()) {
      case ROW:
        out.output(KV.of(shardOf(keyOf(e.row()), shards), e));
        break;
      case PARTIAL:
        out.output(KV.of(shardOf(e.row(), shards), e));
        break;
      case SUMMARY:
        out.output(KV.of(0, e));
        break;
      default:
        for (int shard = 0; shard < shards; shard++) {
          out.output(KV.of(shard, e));
        }
    }
  }

  private Object keyOf(Row row) {
    if (keyColumns.isEmpty()) {
      return null;
    }
    if (keyColumns.size() == 1) {
      return row.getValue(keyColumns.get(0));
    }
    Object[] values = new Object[keyColumns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.getValue(keyColumns.get(i));
    }
    return java.util.Arrays.asList(values);
  }
}
