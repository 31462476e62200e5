package dev.sluice.dstream.internal;

import dev.sluice.dstream.Duration;
import dev.sluice.dstream.StreamingContext;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.coders.VoidCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * What a context checkpoints, and what it restores: the stateful operations and resumable sources
 * register here as they are defined ({@link #add}), each with an id such as {@code
 * updateStateByKey#1} and a line of the graph; {@link #attachWriter} adds the {@link
 * CheckpointWriterFn} over all their records at start.
 *
 * <p>Recovery (by {@link StreamingContext#getOrCreate}):
 *
 * <pre>
 *   last = newest readable checkpoint file in dir              (none: call the factory, done)
 *   while the factory defines the graph:
 *     each stateful operation id  starts from last.records(id) as of batch last.time
 *     each textFileStream id      skips last.records(id) (files read up to last.time)
 *     a queueStream / testStream  fails: its batches are not recorded
 *   graph defined != last.graph   fails, naming both
 * </pre>
 *
 * <pre>{@code
 * String id = ssc.checkpointing().add("updateStateByKey", "step 1000 ms", 1000, horizon);
 * List<Object> restored = ssc.checkpointing().restored(id); // KV(key, state) of the last checkpoint
 * }</pre>
 */
public final class Checkpointing {
  static final long DEFAULT_INTERVAL_MILLIS = 10_000;

  private final StreamingContext ssc;
  private final CheckpointStore.Checkpoint recovery;
  private final List<String> graph = new ArrayList<>();
  private final List<PCollection<KV<String, Object>>> records = new ArrayList<>();
  private final Map<String, List<String>> sourceFiles = new LinkedHashMap<>();
  private long every;
  private long requested = Long.MAX_VALUE;
  private long horizon = Long.MIN_VALUE;

  public Checkpointing(StreamingContext ssc, CheckpointStore.Checkpoint recovery) {
    this.ssc = ssc;
    this.recovery = recovery;
    this.every = ssc.batchDuration().milliseconds();
  }

  /** True while the context is being rebuilt from a checkpoint. */
  public boolean recovering() {
    return recovery != null;
  }

  /** The checkpoint the context is rebuilt from, or null. */
  public CheckpointStore.Checkpoint recovery() {
    return recovery;
  }

  /**
   * Registers a checkpointed operation or source and returns its id.
   *
   * @param step its state is complete at multiples of this many ms
   * @param lastBatch the last batch it can produce, {@code Long.MAX_VALUE} for live input
   */
  public String add(String kind, String detail, long step, long lastBatch) {
    String id = kind + "#" + (graph.size() + 1);
    graph.add(id + " " + detail);
    every = lcm(every, step);
    horizon = Math.max(horizon, lastBatch);
    return id;
  }

  /**
   * Asks for checkpoints at least every {@code interval} (Spark's {@code DStream.checkpoint}); the
   * smallest interval asked for wins.
   */
  public void interval(Duration interval) {
    requested = Math.min(requested, interval.milliseconds());
  }

  /**
   * The batch times that are checkpointed are the multiples of this: of every stateful operation's
   * step and of the interval asked for, or, if none was, the smallest such multiple that is at
   * least 10 s (Spark's default checkpoint interval).
   */
  long checkpointEvery() {
    if (requested != Long.MAX_VALUE) {
      return lcm(every, requested);
    }
    return every * Math.max(1, (DEFAULT_INTERVAL_MILLIS + every - 1) / every);
  }

  /** Registers a source's file names: those ignored at first start, or restored. */
  public void sourceFiles(String id, List<String> names) {
    sourceFiles.put(id, new ArrayList<>(names));
  }

  /** Adds records of {@code KV(id, record)}, stamped in the batch they belong to. */
  public void records(PCollection<KV<String, Object>> more) {
    records.add(more);
  }

  /** The records of {@code id} in the checkpoint recovered from (empty on a fresh start). */
  public List<Object> restored(String id) {
    return recovery == null ? List.of() : recovery.records(id);
  }

  private static long lcm(long a, long b) {
    long x = a;
    long y = b;
    while (y != 0) {
      long t = x % y;
      x = y;
      y = t;
    }
    return a / x * b;
  }

  /**
   * Fails unless the graph defined equals the graph of the checkpoint recovered from.
   *
   * @throws IllegalStateException naming both graphs
   */
  public void checkSameGraph() {
    if (recovery != null && !recovery.graph().equals(graph)) {
      throw new IllegalStateException(
          "The checkpoint "
              + recovery.file()
              + " was written by a different graph of stateful operations and sources: it holds "
              + recovery.graph()
              + ", the factory defined "
              + graph
              + ". Recover with the factory that wrote it, or use an empty checkpoint directory to"
              + " start afresh.");
    }
  }

  /**
   * Adds the checkpoint writer to the pipeline, if anything is checkpointed. A fresh start first
   * deletes the checkpoint files already in {@code directory}.
   */
  public void attachWriter(String directory) {
    if (graph.isEmpty()) {
      return;
    }
    if (recovery == null) {
      CheckpointStore.clear(Paths.get(directory));
    }
    long interval = ssc.batchDuration().milliseconds();
    CheckpointWriterFn writer =
        new CheckpointWriterFn(directory, graph, sourceFiles, interval, checkpointEvery(), horizon);
    PCollection<KV<String, Object>> ticks =
        ApiAccess.ticks(ssc, ssc.batchDuration(), horizon)
            .apply(ApiAccess.name(ssc, "checkpointTicks"), ParDo.of(new TickRecord()))
            .setCoder(AnyCoder.kv());
    PCollectionList<KV<String, Object>> all = PCollectionList.of(ticks);
    for (PCollection<KV<String, Object>> more : records) {
      all = all.and(more);
    }
    PCollectionTuple written =
        all.apply(ApiAccess.name(ssc, "checkpointRecords"), Flatten.pCollections())
            .setCoder(AnyCoder.kv())
            .apply(
                ApiAccess.name(ssc, "checkpointBatch"),
                ParDo.of(new ToBatch(interval, checkpointEvery(), sourceFiles.keySet())))
            .setCoder(AnyCoder.kv())
            .apply(
                ApiAccess.name(ssc, "checkpointWrite"),
                ParDo.of(writer)
                    .withOutputTags(writer.mainOutput(), TupleTagList.of(writer.snapshots())));
    written.get(writer.mainOutput()).setCoder(VoidCoder.of());
    written.get(writer.snapshots()).setCoder(AnyCoder.kv());
  }

  /** A pipeline of the restored {@code KV(key, state)} records of {@code id}, as restore input. */
  public <K, V> PCollection<KV<K, KV<Long, V>>> restoreInput(String id) {
    List<KV<K, KV<Long, V>>> restore = new ArrayList<>();
    for (Object record : restored(id)) {
      KV<?, ?> kv = (KV<?, ?>) record;
      @SuppressWarnings("unchecked")
      K key = (K) kv.getKey();
      restore.add(KeyedBatchFn.restoring(key, recovery.time(), kv.getValue()));
    }
    return ssc.pipeline()
        .apply(ApiAccess.name(ssc, "restore"), Create.of(restore).withCoder(AnyCoder.kv()));
  }

  static final class TickRecord extends DoFn<Long, KV<String, Object>> {
    @ProcessElement
    public void process(@Element Long batchEnd, OutputReceiver<KV<String, Object>> out) {
      out.output(KV.of(CheckpointWriterFn.TICK, batchEnd));
    }
  }

  /**
   * {@code KV(0, KV(batchEnd, record))}: the batch end of each record's timestamp. The state
   * records of batches that are not checkpointed are dropped here.
   */
  static final class ToBatch
      extends DoFn<KV<String, Object>, KV<Integer, KV<Long, KV<String, Object>>>> {
    private final long interval;
    private final long every;
    private final HashSet<String> always;

    ToBatch(long interval, long every, Set<String> sources) {
      this.interval = interval;
      this.every = every;
      this.always = new HashSet<>(sources);
      always.add(CheckpointWriterFn.TICK);
    }

    @ProcessElement
    public void process(ProcessContext context) {
      long batchEnd =
          Math.floorDiv(context.timestamp().getMillis(), interval) * interval + interval;
      if (batchEnd % every == 0 || always.contains(context.element().getKey())) {
        context.output(KV.of(0, KV.of(batchEnd, context.element())));
      }
    }
  }
}
