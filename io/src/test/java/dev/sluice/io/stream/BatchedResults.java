package dev.sluice.io.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;

/**
 * Test support: collects the {@link Batched} elements a pipeline produced (in a JVM-wide map, as
 * pipeline functions are serialized), and drives readers by hand, with or without restarts from
 * encoded checkpoints.
 */
public final class BatchedResults {
  /**
   * How long a test reads before it calls the source hung. Reads end on a condition (the source
   * ended, the elements expected are out); this only keeps a broken source from hanging the build,
   * so it is long enough for a heavily loaded 2-core machine.
   */
  public static final long HANG_GUARD_MILLIS = 10 * 60_000;

  private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

  private BatchedResults() {}

  /** A fresh key to collect under. */
  public static String newKey() {
    String key = UUID.randomUUID().toString();
    RESULTS.put(key, Collections.synchronizedList(new ArrayList<>()));
    return key;
  }

  /** A sink transform adding every element, with its timestamp checked, under {@code key}. */
  public static <T> PTransform<PCollection<Batched<T>>, PDone> collectInto(String key) {
    return new PTransform<PCollection<Batched<T>>, PDone>() {
      @Override
      public PDone expand(PCollection<Batched<T>> input) {
        input.apply(ParDo.of(new CollectFn<T>(key)));
        return PDone.in(input.getPipeline());
      }
    };
  }

  /** The elements collected under {@code key}. */
  @SuppressWarnings("unchecked")
  public static <T> List<Batched<T>> collected(String key) {
    List<Object> list = RESULTS.get(key);
    synchronized (list) {
      List<Batched<T>> copy = new ArrayList<>();
      for (Object o : list) {
        copy.add((Batched<T>) o);
      }
      return copy;
    }
  }

  private static final class CollectFn<T> extends DoFn<Batched<T>, Void> {
    private final String key;

    CollectFn(String key) {
      this.key = key;
    }

    @ProcessElement
    public void process(@Element Batched<T> element, @Timestamp Instant timestamp) {
      if (!timestamp.equals(Batched.timestampOf(element.batch()))) {
        throw new AssertionError(element + " has timestamp " + timestamp);
      }
      RESULTS.get(key).add(element);
    }
  }

  /** Records by batch number, in arrival order, and the end markers by batch number. */
  public static final class ByBatch<T> {
    public final Map<Long, List<T>> records = new TreeMap<>();
    public final Map<Long, BatchEnd> ends = new TreeMap<>();

    public ByBatch(List<Batched<T>> elements) {
      for (Batched<T> e : elements) {
        if (e.isRecord()) {
          records.computeIfAbsent(e.batch(), b -> new ArrayList<>()).add(e.record());
        } else {
          if (ends.put(e.batch(), e.end()) != null) {
            throw new AssertionError("Two end markers for batch " + e.batch() + ": " + elements);
          }
        }
      }
    }

    /** The records of {@code batch}, empty if none. */
    public List<T> of(long batch) {
      return records.getOrDefault(batch, List.of());
    }
  }

  /**
   * Reads {@code source} with one reader until its watermark reaches the end of time or {@code
   * timeoutMillis} pass, checking the watermark contract after each element.
   *
   * @param restartEvery if positive, after every this many elements the checkpoint is encoded,
   *     decoded and a new reader created from it
   */
  public static <T> List<Batched<T>> readAll(
      BatchedSource<T> source, int restartEvery, long timeoutMillis) throws IOException {
    List<Batched<T>> out = new ArrayList<>();
    readUntil(source, restartEvery, timeoutMillis, out, null);
    return out;
  }

  /** Drives a reader; stops at the end of the source, the timeout, or when {@code stop} says. */
  public static <T> BatchingReader<T> readUntil(
      BatchedSource<T> source,
      int restartEvery,
      long timeoutMillis,
      List<Batched<T>> out,
      java.util.function.Predicate<List<Batched<T>>> stop)
      throws IOException {
    BatchingReader<T> reader =
        source.createReader(PipelineOptionsFactory.create(), (BatchCheckpoint) null);
    long deadline = System.currentTimeMillis() + timeoutMillis;
    boolean available = reader.start();
    int sinceRestart = 0;
    while (System.currentTimeMillis() < deadline) {
      if (available) {
        Batched<T> e = reader.getCurrent();
        out.add(e);
        if (!reader.getCurrentTimestamp().equals(Batched.timestampOf(e.batch()))) {
          throw new AssertionError("Bad timestamp for " + e);
        }
        Instant expected = Batched.timestampOf(e.isEnd() ? e.batch() + 1 : e.batch());
        if (!reader.getWatermark().equals(expected)) {
          throw new AssertionError(
              "Watermark " + reader.getWatermark() + " after " + e + ", expected " + expected);
        }
        if (stop != null && stop.test(out)) {
          return reader;
        }
        if (restartEvery > 0 && ++sinceRestart >= restartEvery) {
          sinceRestart = 0;
          reader = restart(source, reader);
          available = reader.start();
          continue;
        }
      } else {
        if (!reader.getWatermark().isBefore(BoundedWindow.TIMESTAMP_MAX_VALUE)) {
          if (reader.advance()) {
            throw new AssertionError("advance() returned true after the end");
          }
          reader.close();
          return reader;
        }
        if (stop != null && stop.test(out)) {
          return reader;
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
      available = reader.advance();
    }
    reader.close();
    return reader;
  }

  /** Closes {@code reader} and creates a new one from its encoded and decoded checkpoint. */
  public static <T> BatchingReader<T> restart(BatchedSource<T> source, BatchingReader<T> reader)
      throws IOException {
    UnboundedSource.CheckpointMark mark = reader.getCheckpointMark();
    Coder<BatchCheckpoint> coder = source.getCheckpointMarkCoder();
    byte[] bytes = CoderUtils.encodeToByteArray(coder, (BatchCheckpoint) mark);
    reader.close();
    return source.createReader(
        PipelineOptionsFactory.create(), CoderUtils.decodeFromByteArray(coder, bytes));
  }

  /**
   * Elements as text without their trigger times (which differ between runs): {@code
   * batch:[values]} for a record, {@code batch:end(hasData,rows,startOffset,endOffset)} for a
   * marker.
   */
  public static List<String> describe(List<Batched<Row>> elements) {
    List<String> out = new ArrayList<>();
    for (Batched<Row> e : elements) {
      out.add(
          e.isRecord()
              ? e.batch() + ":" + e.record().getValues()
              : e.batch()
                  + ":end("
                  + e.end().hasData()
                  + ","
                  + e.end().numInputRows()
                  + ","
                  + e.end().startOffset()
                  + ","
                  + e.end().endOffset()
                  + ")");
    }
    return out;
  }
}
