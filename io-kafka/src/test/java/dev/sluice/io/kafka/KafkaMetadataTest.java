package dev.sluice.io.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.kafka.local.LocalKafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** Tests for {@link KafkaMetadata} against a real broker. */
@RunWith(JUnit4.class)
public class KafkaMetadataTest {
  private static LocalKafkaBroker broker;

  @BeforeClass
  public static void startBroker() {
    broker = LocalKafkaBroker.start();
    broker.createTopic("m-a", 2);
    broker.createTopic("m-b", 1);
    broker.createTopic("other", 1);
    broker.produce("m-a", 1, List.of("x", "y", "z"));
    broker.deleteRecordsBefore("m-a", 1, 1);
  }

  @AfterClass
  public static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private static KafkaMetadata metadata(
      KafkaConsumer<byte[], byte[]> consumer, String k, String v) {
    KafkaSourceOptions options =
        KafkaSourceOptions.parse(
            Map.of("kafka.bootstrap.servers", broker.bootstrapServers(), k, v),
            BatchTrigger.once());
    return new KafkaMetadata(consumer, options);
  }

  private static KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(broker.consumerConfig());
  }

  @Test
  public void discoversThePartitionsOfEachSubscription() throws Exception {
    try (KafkaConsumer<byte[], byte[]> c = consumer()) {
      assertThat(
          metadata(c, "subscribePattern", "m-.*").discoverPartitions(),
          contains(
              new TopicPartition("m-a", 0),
              new TopicPartition("m-a", 1),
              new TopicPartition("m-b", 0)));
      assertThat(
          metadata(c, "subscribe", "m-b,missing").discoverPartitions(),
          contains(new TopicPartition("m-b", 0)));
      assertThat(
          metadata(c, "assign", "{\"m-a\":[1],\"m-b\":[7]}").discoverPartitions(),
          contains(new TopicPartition("m-a", 1)));
    }
  }

  @Test
  public void fetchesEarliestAndLatestOffsets() throws Exception {
    try (KafkaConsumer<byte[], byte[]> c = consumer()) {
      KafkaMetadata m = metadata(c, "subscribe", "m-a");
      TreeSet<TopicPartition> partitions = m.discoverPartitions();
      TopicPartition p1 = new TopicPartition("m-a", 1);
      assertThat(m.fetchOffsets(partitions, true).get(p1), is(1L));
      assertThat(m.fetchOffsets(partitions, false).get(p1), is(3L));
      assertThat(m.fetchOffsets(partitions, false).get(new TopicPartition("m-a", 0)), is(0L));
    }
  }
}
