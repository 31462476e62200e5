package dev.sluice.io.kafka;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Kafka source asks the brokers besides records: the partitions it reads (topics listed
 * afresh each time, so new partitions and topics are seen) and their earliest and latest offsets,
 * each request bounded by {@code kafka.default.api.timeout.ms}, with Spark's {@code fetchOffset.*}
 * retries, and an unreachable broker reported by name.
 *
 * <pre>{@code
 * KafkaMetadata metadata = new KafkaMetadata(consumer, options);
 * Map<TopicPartition, Long> latest = metadata.fetchOffsets(metadata.discoverPartitions(), false);
 * }</pre>
 */
final class KafkaMetadata {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaMetadata.class);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaSourceOptions options;

  KafkaMetadata(KafkaConsumer<byte[], byte[]> consumer, KafkaSourceOptions options) {
    this.consumer = consumer;
    this.options = options;
  }

  /** The partitions the source reads that exist now (a fresh metadata request). */
  TreeSet<TopicPartition> discoverPartitions() throws IOException {
    Map<String, List<PartitionInfo>> topics;
    try {
      topics = consumer.listTopics(Duration.ofMillis(options.apiTimeoutMillis));
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw unreachable("listing topics", e);
    } catch (KafkaException e) {
      throw new IOException("Kafka source: listing topics failed: " + e, e);
    }
    TreeSet<TopicPartition> out = new TreeSet<>(PartitionOffsets.ORDER);
    for (Map.Entry<String, List<PartitionInfo>> t : topics.entrySet()) {
      if (!options.matches(t.getKey())) {
        continue;
      }
      for (PartitionInfo p : t.getValue()) {
        TopicPartition tp = new TopicPartition(t.getKey(), p.partition());
        if (options.strategy != KafkaSourceOptions.Strategy.ASSIGN
            || options.assigned.contains(tp)) {
          out.add(tp);
        }
      }
    }
    return out;
  }

  /** The earliest ({@code first}) or latest offsets of {@code partitions}, with retries. */
  Map<TopicPartition, Long> fetchOffsets(TreeSet<TopicPartition> partitions, boolean first)
      throws IOException {
    if (partitions.isEmpty()) {
      return new TreeMap<>(PartitionOffsets.ORDER);
    }
    Duration timeout = Duration.ofMillis(options.apiTimeoutMillis);
    for (int attempt = 0; ; attempt++) {
      try {
        Map<TopicPartition, Long> offsets =
            first
                ? consumer.beginningOffsets(partitions, timeout)
                : consumer.endOffsets(partitions, timeout);
        Map<TopicPartition, Long> out = new TreeMap<>(PartitionOffsets.ORDER);
        out.putAll(offsets);
        return out;
      } catch (KafkaException e) {
        if (attempt >= options.fetchOffsetRetries) {
          if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
            throw unreachable("fetching " + (first ? "earliest" : "latest") + " offsets", e);
          }
          throw new IOException(
              "Kafka source: fetching offsets of "
                  + partitions
                  + " failed after "
                  + (attempt + 1)
                  + " attempts: "
                  + e,
              e);
        }
        LOG.warn("Kafka source: fetching offsets failed ({}), retrying", e.toString());
        sleep(options.fetchOffsetRetryIntervalMillis);
      }
    }
  }

  private IOException unreachable(String what, Exception e) {
    return new IOException(
        "Kafka source: the brokers at "
            + options.bootstrapServers
            + " did not answer within "
            + options.apiTimeoutMillis
            + " ms while "
            + what
            + " (set by kafka.default.api.timeout.ms); check kafka.bootstrap.servers and that"
            + " Kafka is running",
        e);
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted", e);
    }
  }
}
