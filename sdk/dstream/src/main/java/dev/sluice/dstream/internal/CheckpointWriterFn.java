package dev.sluice.dstream.internal;

import java.io.Serializable;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.beam.sdk.values.KV;

/**
 * Writes a job's checkpoints, on {@link KeyedBatchFn} with a single key so it is visited once per
 * batch, after every operation's timers of that batch (their records hold its input watermark). Its
 * input is {@code KV(0, KV(batchEnd, KV(id, record)))}: a stateful operation's {@code KV(key,
 * state)} after the batch, a {@code textFileStream}'s names of the files it read in the batch, or a
 * tick ({@link #TICK}) that makes every batch visit.
 *
 * <p>At batch end {@code T} it adds the batch's file names to the files each source has read, and
 * when {@code T} is a multiple of every operation's step (only then has every operation reported
 * every key) writes the checkpoint of {@code T}: the graph, each operation's records of {@code T},
 * each source's files.
 *
 * <pre>{@code
 * records.apply(ParDo.of(new CheckpointWriterFn(dir, graph, sourceFiles, 1000, 1000, horizon)));
 * }</pre>
 *
 * <p>State: {@link Read}, the names of the files each source has read (or ignored at first start).
 */
final class CheckpointWriterFn
    extends KeyedBatchFn<Integer, KV<String, Object>, CheckpointWriterFn.Read, Void> {
  /** The id of tick records. */
  static final String TICK = "";

  private final String directory;
  private final ArrayList<String> graph;
  private final Read initial;
  private final long every;

  /**
   * @param initialFiles per {@code textFileStream} id, the files it must never read
   * @param every the batch times that are checkpointed are its multiples
   */
  CheckpointWriterFn(
      String directory,
      List<String> graph,
      Map<String, List<String>> initialFiles,
      long interval,
      long every,
      long horizon) {
    super(interval, horizon);
    this.directory = directory;
    this.graph = new ArrayList<>(graph);
    this.initial = new Read();
    initialFiles.forEach((id, names) -> initial.files.put(id, new TreeSet<>(names)));
    this.every = every;
  }

  /** The files each source has read. */
  static final class Read implements Serializable {
    private static final long serialVersionUID = 1L;
    final TreeMap<String, TreeSet<String>> files = new TreeMap<>();
  }

  @Override
  Read onBatch(
      Integer key,
      Read state,
      List<KV<Long, KV<String, Object>>> due,
      long end,
      Consumer<Void> out) {
    Read read = state == null ? copy(initial) : state;
    Map<String, List<Object>> records = new LinkedHashMap<>();
    for (KV<Long, KV<String, Object>> entry : due) {
      String id = entry.getValue().getKey();
      if (read.files.containsKey(id)) {
        read.files.get(id).add((String) entry.getValue().getValue());
      } else if (!id.equals(TICK) && entry.getKey() == end) {
        records.computeIfAbsent(id, i -> new ArrayList<>()).add(entry.getValue().getValue());
      }
    }
    if (end % every == 0) {
      read.files.forEach((id, names) -> records.put(id, new ArrayList<>(names)));
      CheckpointStore.write(Paths.get(directory), end, graph, records);
    }
    return read;
  }

  private static Read copy(Read read) {
    Read copy = new Read();
    read.files.forEach((id, names) -> copy.files.put(id, new TreeSet<>(names)));
    return copy;
  }
}
