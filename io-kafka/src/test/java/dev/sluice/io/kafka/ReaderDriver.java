package dev.sluice.io.kafka;

import dev.sluice.io.stream.BatchCheckpoint;
import dev.sluice.io.stream.BatchEnd;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchedSource;
import dev.sluice.io.stream.BatchingReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.Row;

/**
 * Test support: drives a source's reader by hand (as a runner would), optionally re-creating it
 * from its encoded checkpoint every few elements, until the source ends or a condition holds. A
 * hang guard of minutes bounds every loop.
 */
final class ReaderDriver implements AutoCloseable {
  static final long HANG_GUARD_MILLIS = 10 * 60_000;

  private final BatchedSource<Row> source;
  private final int restartEvery;
  private BatchingReader<Row> reader;
  private boolean started;
  private int sinceRestart;
  final List<Batched<Row>> out = new ArrayList<>();

  ReaderDriver(BatchedSource<Row> source, int restartEvery) throws IOException {
    this.source = source;
    this.restartEvery = restartEvery;
    this.reader = source.createReader(PipelineOptionsFactory.create(), null);
  }

  /** Reads until the source ends. */
  ReaderDriver readToEnd() throws IOException {
    return readUntil(l -> false);
  }

  /** Reads until {@code stop} holds for the elements read so far, or the source ends. */
  ReaderDriver readUntil(Predicate<List<Batched<Row>>> stop) throws IOException {
    long deadline = System.currentTimeMillis() + HANG_GUARD_MILLIS;
    while (true) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("Hang guard: the condition did not hold; read " + out);
      }
      boolean available = started ? reader.advance() : reader.start();
      started = true;
      if (available) {
        out.add(reader.getCurrent());
        if (restartEvery > 0 && ++sinceRestart >= restartEvery) {
          sinceRestart = 0;
          restart();
        }
        if (stop.test(out)) {
          return this;
        }
      } else {
        if (!reader.getWatermark().isBefore(BoundedWindow.TIMESTAMP_MAX_VALUE)) {
          return this;
        }
        if (stop.test(out)) {
          return this;
        }
        sleepBriefly();
      }
    }
  }

  /** Reads until batch {@code batch}'s end marker is out. */
  ReaderDriver readThroughBatch(long batch) throws IOException {
    return readUntil(
        l -> !l.isEmpty() && l.get(l.size() - 1).isEnd() && l.get(l.size() - 1).batch() >= batch);
  }

  /** Closes the reader and creates a new one from its encoded checkpoint. */
  void restart() throws IOException {
    BatchCheckpoint mark = reader.getCheckpointMark();
    Coder<BatchCheckpoint> coder = source.getCheckpointMarkCoder();
    byte[] bytes = CoderUtils.encodeToByteArray(coder, mark);
    reader.close();
    reader =
        source.createReader(
            PipelineOptionsFactory.create(), CoderUtils.decodeFromByteArray(coder, bytes));
    started = false;
  }

  BatchingReader<Row> reader() {
    return reader;
  }

  KafkaSourceState state() {
    return (KafkaSourceState) reader.getCheckpointMark().sourceState();
  }

  /** Values (UTF-8) of each batch's records, by batch. */
  Map<Long, List<String>> valuesByBatch() {
    Map<Long, List<String>> m = new TreeMap<>();
    for (Batched<Row> e : out) {
      if (e.isRecord()) {
        m.computeIfAbsent(e.batch(), b -> new ArrayList<>()).add(value(e.record()));
      }
    }
    return m;
  }

  /** The end markers, by batch. */
  Map<Long, BatchEnd> ends() {
    Map<Long, BatchEnd> m = new TreeMap<>();
    for (Batched<Row> e : out) {
      if (e.isEnd()) {
        m.put(e.batch(), e.end());
      }
    }
    return m;
  }

  /** Records as {@code topic-partition@offset=value}, in the order read. */
  List<String> records() {
    List<String> l = new ArrayList<>();
    for (Batched<Row> e : out) {
      if (e.isRecord()) {
        Row r = e.record();
        l.add(
            r.getString("topic")
                + "-"
                + r.getInt32("partition")
                + "@"
                + r.getInt64("offset")
                + "="
                + value(r));
      }
    }
    return l;
  }

  static String value(Row r) {
    byte[] v = r.getBytes("value");
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  private static void sleepBriefly() throws IOException {
    try {
      Thread.sleep(2); // idle between polls of a processing-time trigger, not an assertion
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
