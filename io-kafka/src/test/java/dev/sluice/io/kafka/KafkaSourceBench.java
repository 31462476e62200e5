package dev.sluice.io.kafka;

import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.Batched;
import dev.sluice.io.stream.BatchingReader;
import dev.sluice.kafka.local.LocalKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Throughput of {@link KafkaSource} on the local broker against a plain consumer loop (the
 * practical limit): {@code N} records of about 100 bytes in 4 partitions, read from the beginning
 * by (1) a {@code KafkaConsumer} poll loop that only counts, (2) the source's reader driven by hand
 * (availableNow, rows built), (3) a pipeline {@code KafkaSource -> count} on MicroBatchRunner and
 * (4) on the DirectRunner (20,000 records, one run). Each other timing is the best of three.
 *
 * <pre>{@code
 * mvn -B -q install -DskipTests && mvn -B -q -pl io-kafka exec:exec@bench        # N = 1000000
 * }</pre>
 */
public final class KafkaSourceBench {
  private static final int PARTITIONS = 4;
  private static final AtomicLong COUNTED = new AtomicLong();

  private KafkaSourceBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    try (LocalKafkaBroker broker = LocalKafkaBroker.start()) {
      broker.createTopic("bench", PARTITIONS);
      long t0 = System.nanoTime();
      produce(broker, "bench", n);
      System.out.printf(
          Locale.ROOT, "produced %,d records in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
      List<String> lines = new ArrayList<>();
      lines.add(row("plain KafkaConsumer poll loop", n, best(() -> plainLoop(broker, n))));
      lines.add(row("KafkaSource reader (rows)", n, best(() -> sourceReader(broker, n))));
      lines.add(
          row(
              "KafkaSource on MicroBatchRunner",
              n,
              best(() -> pipeline(broker, n, "MicroBatchRunner"))));
      int small = Math.min(n, 20_000); // the DirectRunner checkpoints every few records: slow
      lines.add(
          row(
              "KafkaSource on DirectRunner (once)",
              small,
              pipeline(broker, small, "DirectRunner")));
      System.out.println();
      System.out.println("| reader | records | time | records/s |");
      System.out.println("|---|---|---|---|");
      lines.forEach(System.out::println);
    }
  }

  private interface Run {
    long millis() throws Exception;
  }

  private static long best(Run run) throws Exception {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      best = Math.min(best, run.millis());
    }
    return best;
  }

  private static String row(String what, long n, long millis) {
    return String.format(
        Locale.ROOT,
        "| %s | %,d | %.2f s | %,.0f |",
        what,
        n,
        millis / 1000.0,
        n * 1000.0 / millis);
  }

  private static void produce(LocalKafkaBroker broker, String topic, int n) throws Exception {
    Map<String, Object> config = broker.producerConfig();
    config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
    config.put(ProducerConfig.ACKS_CONFIG, "1");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
      Future<?> last = null;
      for (int i = 0; i < n; i++) {
        String value =
            String.format(
                Locale.ROOT,
                "{\"id\":\"user-%06d\",\"action\":\"%s\",\"ts\":\"2026-12-02T03:%02d:%02d\"}",
                i % 100_000,
                i % 3 == 0 ? "open" : "close",
                i / 60 % 60,
                i % 60);
        last =
            producer.send(
                new ProducerRecord<>(
                    topic, i % PARTITIONS, null, value.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
      last.get();
    }
  }

  private static long plainLoop(LocalKafkaBroker broker, int n) {
    long start = System.nanoTime();
    Map<String, Object> config = broker.consumerConfig();
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10); // as the source's default
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition("bench", p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long count = 0;
      long bytes = 0;
      while (count < n) {
        for (var r : consumer.poll(Duration.ofMillis(100))) {
          count++;
          bytes += r.value().length;
        }
      }
      if (bytes == 0) {
        throw new IllegalStateException("no bytes read");
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long sourceReader(LocalKafkaBroker broker, int n) throws Exception {
    long start = System.nanoTime();
    KafkaUnboundedSource source =
        KafkaSource.read()
            .withBootstrapServers(broker.bootstrapServers())
            .withSubscribe("bench")
            .withStartingOffsets("earliest")
            .withTrigger(BatchTrigger.availableNow())
            .unboundedSource();
    long count = 0;
    try (BatchingReader<Row> reader = source.createReader(PipelineOptionsFactory.create(), null)) {
      boolean available = reader.start();
      while (reader.getWatermark().isBefore(BoundedWindow.TIMESTAMP_MAX_VALUE)) {
        if (available && reader.getCurrent().isRecord()) {
          count++;
        }
        available = reader.advance();
      }
    }
    if (count != n) {
      throw new IllegalStateException("read " + count + " records, expected " + n);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Counts records in a static counter (the pipeline runs in this JVM). */
  private static final class CountFn extends DoFn<Batched<Row>, Void> {
    @ProcessElement
    public void process(@Element Batched<Row> e) {
      if (e.isRecord()) {
        COUNTED.incrementAndGet();
      }
    }
  }

  private static long pipeline(LocalKafkaBroker broker, int n, String runner) {
    COUNTED.set(0);
    long start = System.nanoTime();
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=" + runner).create());
    p.apply(
            KafkaSource.read()
                .withBootstrapServers(broker.bootstrapServers())
                .withSubscribe("bench")
                .withStartingOffsets("earliest")
                .withEndingOffsets(endingOffsets(n))
                .withTrigger(BatchTrigger.availableNow()))
        .apply(ParDo.of(new CountFn()));
    p.run().waitUntilFinish();
    if (COUNTED.get() != n) {
      throw new IllegalStateException(runner + " counted " + COUNTED.get() + ", expected " + n);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** The first {@code n} records (spread evenly over the partitions by the producer). */
  private static String endingOffsets(int n) {
    StringBuilder b = new StringBuilder("{\"bench\":{");
    for (int p = 0; p < PARTITIONS; p++) {
      long count = n / PARTITIONS + (p < n % PARTITIONS ? 1 : 0);
      b.append(p == 0 ? "" : ",").append('"').append(p).append("\":").append(count);
    }
    return b.append("}}").toString();
  }
}
