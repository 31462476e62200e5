package dev.sluice.io.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;

import dev.sluice.kafka.local.LocalKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * A plain Beam pipeline with Beam's own {@code KafkaIO} (read → transform → write) on
 * MicroBatchRunner and on the DirectRunner, against a real broker.
 */
@RunWith(JUnit4.class)
public class KafkaIOPipelineTest {
  private static LocalKafkaBroker broker;
  private static final AtomicInteger TOPICS = new AtomicInteger();

  @BeforeClass
  public static void startBroker() {
    broker = LocalKafkaBroker.start();
  }

  @AfterClass
  public static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private void readTransformWrite(String runner, List<String> extraArgs) throws Exception {
    String in = "kafkaio-in-" + TOPICS.incrementAndGet();
    String out = "kafkaio-out-" + TOPICS.get();
    broker.createTopic(in, 2);
    broker.createTopic(out, 1);
    List<String> words = IntStream.range(0, 50).mapToObj(i -> "w" + i).collect(Collectors.toList());
    broker.produce(in, words);
    // KafkaIO's SDF read, bounded: it stops at each partition's first record at or after the stop
    // time, so every partition gets one end record (not read) stamped after it
    org.joda.time.Instant stopReadTime = org.joda.time.Instant.now().plus(1);
    List<ProducerRecord<byte[], byte[]>> ends = new java.util.ArrayList<>();
    for (int partition = 0; partition < 2; partition++) {
      ends.add(
          new ProducerRecord<>(
              in,
              partition,
              stopReadTime.getMillis() + 60_000,
              null,
              "end".getBytes(StandardCharsets.UTF_8)));
    }
    broker.send(ends);

    // use_sdf_read: KafkaIO's splittable-DoFn read. Its legacy UnboundedSource read (the default
    // on runners other than Dataflow) calls Consumer.poll(long), which kafka-clients 4 removed.
    List<String> args =
        new java.util.ArrayList<>(List.of("--runner=" + runner, "--experiments=use_sdf_read"));
    args.addAll(extraArgs);
    PipelineOptions options = PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).create();
    Pipeline p = Pipeline.create(options);
    p.apply(
            KafkaIO.<Long, String>read()
                .withBootstrapServers(broker.bootstrapServers())
                .withTopic(in)
                .withKeyDeserializer(LongDeserializer.class)
                .withValueDeserializer(StringDeserializer.class)
                .withConsumerConfigUpdates(Map.of("auto.offset.reset", "earliest"))
                .withStopReadTime(stopReadTime)
                .withoutMetadata())
        .apply(Values.create())
        .apply(MapElements.into(TypeDescriptors.strings()).via(w -> w.toUpperCase()))
        .apply(
            KafkaIO.<Void, String>write()
                .withBootstrapServers(broker.bootstrapServers())
                .withTopic(out)
                .withValueSerializer(StringSerializer.class)
                .values());
    PipelineResult result = p.run();
    result.waitUntilFinish();

    List<String> written =
        broker.consume(out, words.size()).stream()
            .map(r -> new String(r.value(), StandardCharsets.UTF_8))
            .collect(Collectors.toList());
    assertThat(
        written,
        containsInAnyOrder(words.stream().map(w -> w.toUpperCase()).toArray(String[]::new)));
  }

  /**
   * Unbounded: KafkaIO's SDF read running until cancelled; records produced while it runs come
   * through. (KafkaIO's SDF commit of offsets to a group is not checked: it commits on a
   * processing-time trigger minutes apart.)
   */
  private void streamingRead(String runner) throws Exception {
    String in = "kafkaio-stream-in-" + TOPICS.incrementAndGet();
    String out = "kafkaio-stream-out-" + TOPICS.get();
    broker.createTopic(in, 2);
    broker.createTopic(out, 1);
    broker.produce(in, List.of("a", "b", "c"));
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(
                "--runner=" + runner, "--experiments=use_sdf_read", "--blockOnRun=false")
            .create();
    Pipeline p = Pipeline.create(options);
    p.apply(
            KafkaIO.<Long, String>read()
                .withBootstrapServers(broker.bootstrapServers())
                .withTopic(in)
                .withKeyDeserializer(LongDeserializer.class)
                .withValueDeserializer(StringDeserializer.class)
                .withConsumerConfigUpdates(Map.of("auto.offset.reset", "earliest"))
                .withoutMetadata())
        .apply(Values.create())
        .apply(MapElements.into(TypeDescriptors.strings()).via(w -> w.toUpperCase()))
        .apply(
            KafkaIO.<Void, String>write()
                .withBootstrapServers(broker.bootstrapServers())
                .withTopic(out)
                .withValueSerializer(StringSerializer.class)
                .values());
    PipelineResult result = p.run();
    try {
      assertThat(values(broker.consume(out, 3)), containsInAnyOrder("A", "B", "C"));
      broker.produce(in, List.of("d", "e"));
      assertThat(values(broker.consume(out, 5)), containsInAnyOrder("A", "B", "C", "D", "E"));
    } finally {
      result.cancel();
    }
  }

  private static List<String> values(
      List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .collect(Collectors.toList());
  }

  @Test
  public void kafkaIoStreamingReadOnMicroBatchRunner() throws Exception {
    streamingRead("MicroBatchRunner");
  }

  @Test
  public void kafkaIoStreamingReadOnDirectRunner() throws Exception {
    streamingRead("DirectRunner");
  }

  @Test
  public void kafkaIoReadTransformWriteOnMicroBatchRunner() throws Exception {
    readTransformWrite("MicroBatchRunner", List.of());
  }

  @Test
  public void kafkaIoReadTransformWriteOnDirectRunner() throws Exception {
    readTransformWrite("DirectRunner", List.of());
  }
}
