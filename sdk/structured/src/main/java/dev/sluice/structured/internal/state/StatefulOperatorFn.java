package dev.sluice.structured.internal.state;

import dev.sluice.io.state.StateStoreMetrics;
import dev.sluice.structured.internal.exec.BatchStepFn;
import dev.sluice.structured.internal.exec.PendingBatches;
import dev.sluice.structured.internal.exec.StreamElement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.io.range.ByteKey;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.TimerMap;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * A stateful operator of a compiled query (streaming aggregation, {@code dropDuplicates},
 * stream–stream join), batch by batch: it waits for each logical batch to be complete ({@link
 * PendingBatches}), then processes it against its shard's key→value state ({@link ShardState}) and
 * commits that state once per batch. Keys are shard numbers.
 *
 * <p>Where the state lives: with a checkpoint location ({@link #storeStateIn}) in an io state store
 * per shard ({@code <checkpoint>/state/<operator>/<shard>}, heap or RocksDB as the session's {@code
 * spark.sql.streaming.stateStore.providerClass} says), version {@code n} = the state after the
 * shard's {@code n}-th batch; without one, in Beam state the runner keeps ({@link
 * RunnerShardState}). Either way the operator reads and writes only the keys its batch touches.
 *
 * <p>Besides its rows, a shard keeps one small record under {@link #META_KEY}: the batch the state
 * is after, and the operator's own small state ({@code M}, e.g. its watermark tracker), written
 * with Beam coders by {@link #encodeMeta}. Operator keys start with {@link #DATA} or a later byte.
 *
 * <pre>{@code
 * class CountFn extends StatefulOperatorFn<WatermarkTracker> {
 *   CountFn(Schema schema) { super(StreamElementCoder.of(schema)); }
 *   protected WatermarkTracker newMeta() { return new WatermarkTracker(Map.of()); }
 *   protected void encodeMeta(WatermarkTracker m, OutputStream out) throws IOException {
 *     m.encode(out);
 *   }
 *   protected WatermarkTracker decodeMeta(InputStream in) throws IOException {
 *     return WatermarkTracker.decode(in, Map.of());
 *   }
 *   protected OperatorSummary processBatch(long batch, List<StreamElement> in,
 *       Shard<WatermarkTracker> shard, BatchStepFn.Output out) {
 *     shard.state().put(new byte[] {DATA}, new byte[] {(byte) in.size()});
 *     return OperatorSummary.builder().setOperatorName("count").setOperatorIndex(0)
 *         .setRan(true).setWatermarkMillis(0).setNumRowsUpdated(1).setNumRowsRemoved(0)
 *         .setNumRowsDroppedByWatermark(0).build();
 *   }
 * }
 * }</pre>
 *
 * @param <M> the operator's small per-shard state besides its rows
 */
public abstract class StatefulOperatorFn<M>
    extends DoFn<KV<Integer, StreamElement>, StreamElement> {
  /** The key of a shard's meta record. */
  static final byte[] META_KEY = {0};

  /** The first byte of operator keys (operators with several kinds of rows use later bytes too). */
  public static final byte DATA = 1;

  private static final int META_FORMAT = 1;

  /** What a batch sees of its shard. */
  public static final class Shard<M> {
    private final int index;
    private final M meta;
    private final ShardState state;
    private long removalNanos;

    Shard(int index, M meta, ShardState state) {
      this.index = index;
      this.meta = meta;
      this.state = state;
    }

    /** The shard's number. */
    public int index() {
      return index;
    }

    /** The operator's small state; changes to it are kept with the batch's commit. */
    public M meta() {
      return meta;
    }

    /** The shard's rows. */
    public ShardState state() {
      return state;
    }

    /**
     * Passes on an element that is not the operator's (end markers, event-time reports, earlier
     * steps' summaries): every shard receives them, shard 0 alone forwards them, so the next step
     * sees each once.
     */
    public void forward(StreamElement e, BatchStepFn.Output out) {
      if (index == 0) {
        out.output(e);
      }
    }

    /** Runs {@code removals} (eviction by watermark) and counts its time as removal time. */
    public void timeRemovals(Runnable removals) {
      long start = System.nanoTime();
      try {
        removals.run();
      } finally {
        removalNanos += System.nanoTime() - start;
      }
    }
  }

  @StateId("pending")
  private final StateSpec<BagState<StreamElement>> pendingSpec;

  @StateId("armed")
  @SuppressWarnings("rawtypes")
  private final StateSpec<ValueState<TreeSet>> armedSpec = PendingBatches.armedSpec();

  @TimerFamily("batches")
  @SuppressWarnings("UnusedVariable") // read by Beam through @TimerFamily
  private final TimerSpec batchesSpec = TimerSpecs.timerMap(TimeDomain.EVENT_TIME);

  // Runner-kept state (no checkpoint location): the shard's rows and their count and bytes.
  @StateId("rows")
  private final StateSpec<MapState<ByteKey, byte[]>> rowsSpec = RunnerShardState.rowsSpec();

  @StateId("rowStats")
  private final StateSpec<ValueState<KV<Long, Long>>> rowStatsSpec = RunnerShardState.statsSpec();

  // Store-kept state (a checkpoint location): the shard's store version in this run.
  @StateId("version")
  private final StateSpec<ValueState<Long>> versionSpec = StateSpecs.value(VarLongCoder.of());

  @Nullable private StateLocation location;
  @Nullable private transient ShardStores stores;

  /** An operator whose input elements are encoded with {@code elementCoder} while they wait. */
  protected StatefulOperatorFn(Coder<StreamElement> elementCoder) {
    this.pendingSpec = PendingBatches.pendingSpec(elementCoder);
  }

  /**
   * Makes the operator keep its shards' state in state stores under the query's checkpoint
   * location. Call before the pipeline runs.
   */
  public StatefulOperatorFn<M> storeStateIn(StateLocation location) {
    this.location = location;
    return this;
  }

  /** The operator's small state of a shard before its first batch. */
  protected abstract M newMeta();

  /** Writes {@code meta} with Beam coders. */
  protected abstract void encodeMeta(M meta, OutputStream out) throws IOException;

  /** Reads what {@link #encodeMeta} wrote. */
  protected abstract M decodeMeta(InputStream in) throws IOException;

  /**
   * Processes batch {@code batch}: {@code elements} are all the elements of the batch that reached
   * this shard, in arrival order. Returns the operator's numbers for the batch; the shard's row
   * count, memory and times are filled in after the commit.
   */
  protected abstract OperatorSummary processBatch(
      long batch, List<StreamElement> elements, Shard<M> shard, BatchStepFn.Output out)
      throws Exception;

  @ProcessElement
  @SuppressWarnings({"rawtypes", "NonApiType"})
  public void process(
      @Element KV<Integer, StreamElement> element,
      @StateId("pending") BagState<StreamElement> pending,
      @StateId("armed") ValueState<TreeSet> armed,
      @TimerFamily("batches") TimerMap timers) {
    PendingBatches.add(element.getValue(), pending, armed, timers);
  }

  @OnTimerFamily("batches")
  @SuppressWarnings({"rawtypes", "NonApiType"})
  public void onBatch(
      @TimerId String timerId,
      @Key Integer shard,
      @StateId("pending") BagState<StreamElement> pending,
      @StateId("armed") ValueState<TreeSet> armed,
      @StateId("rows") MapState<ByteKey, byte[]> rows,
      @StateId("rowStats") ValueState<KV<Long, Long>> rowStats,
      @StateId("version") ValueState<Long> version,
      OutputReceiver<StreamElement> receiver)
      throws Exception {
    SortedMap<Long, List<StreamElement>> due = PendingBatches.due(timerId, pending, armed);
    for (Map.Entry<Long, List<StreamElement>> batch : due.entrySet()) {
      ShardState state;
      if (location == null) {
        state = new RunnerShardState(rows, rowStats);
      } else {
        if (stores == null) {
          stores = new ShardStores(location);
        }
        state = stores.open(shard, version.read());
      }
      try {
        runBatch(batch.getKey(), batch.getValue(), shard, state, receiver);
      } catch (Exception | Error e) {
        state.abort();
        throw e;
      }
      if (state instanceof StoreShardState) {
        version.write(((StoreShardState) state).version() + 1);
      }
    }
  }

  private void runBatch(
      long batch,
      List<StreamElement> elements,
      int shardIndex,
      ShardState state,
      OutputReceiver<StreamElement> receiver)
      throws Exception {
    byte[] metaBytes = state.get(META_KEY);
    M meta = metaBytes == null ? newMeta() : readMeta(metaBytes);
    Shard<M> shard = new Shard<>(shardIndex, meta, state);
    long start = System.nanoTime();
    OperatorSummary summary = processBatch(batch, elements, shard, receiver::output);
    long updatesNanos = System.nanoTime() - start - shard.removalNanos;
    state.put(META_KEY, writeMeta(batch, meta));
    StateStoreMetrics m = state.commit();
    receiver.output(
        StreamElement.summary(
            batch,
            summary.toBuilder()
                .setNumRowsTotal(Math.max(0, m.numRowsTotal() - 1)) // not the meta record
                .setMemoryUsedBytes(m.memoryUsedBytes())
                .setCommitTimeMs(m.commitTimeMs())
                .setAllUpdatesTimeMs(Math.max(0, updatesNanos) / 1_000_000)
                .setAllRemovalsTimeMs(shard.removalNanos / 1_000_000)
                .build()));
  }

  private byte[] writeMeta(long batch, M meta) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(META_FORMAT);
    BigEndianLongCoder.of().encode(batch, out);
    encodeMeta(meta, out);
    return out.toByteArray();
  }

  private M readMeta(byte[] bytes) throws IOException {
    InputStream in = new ByteArrayInputStream(bytes);
    checkFormat(in.read());
    BigEndianLongCoder.of().decode(in);
    return decodeMeta(in);
  }

  /** The batch a shard's meta record says its state is after. */
  static long batchOf(byte[] meta) throws IOException {
    InputStream in = new ByteArrayInputStream(meta);
    checkFormat(in.read());
    return BigEndianLongCoder.of().decode(in);
  }

  private static void checkFormat(int format) throws CoderException {
    if (format != META_FORMAT) {
      throw new CoderException(
          "The state's meta record has format "
              + format
              + ", this Sluice reads format "
              + META_FORMAT
              + ": the checkpoint was written by another version; restart the query with a new"
              + " checkpoint location");
    }
  }

  @Teardown
  public void teardown() throws IOException {
    if (stores != null) {
      stores.close();
      stores = null;
    }
  }
}
