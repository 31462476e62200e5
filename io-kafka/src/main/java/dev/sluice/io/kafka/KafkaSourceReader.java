package dev.sluice.io.kafka;

import dev.sluice.io.stream.BatchCheckpoint;
import dev.sluice.io.stream.BatchTrigger;
import dev.sluice.io.stream.BatchingReader;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader of {@link KafkaUnboundedSource}: plans each batch as one offset range per partition
 * and reads exactly those ranges.
 *
 * <p>At each trigger ({@link #takeBatch}): list the topics (a fresh metadata request, so new topics
 * and partitions are seen), ask the earliest and latest offsets, resolve {@code startingOffsets} at
 * the first poll (new partitions found later start at their earliest offset, as in Spark), check
 * for data loss, and plan {@code [taken, min(latest, limit))} per partition, cut to {@code
 * maxOffsetsPerTrigger} in proportion to each partition's backlog. The plan goes into {@link
 * KafkaSourceState}, and with it into every checkpoint, before any record is emitted; records are
 * then fetched with one consumer assigned to the planned partitions, and the position per partition
 * advances record by record, so a reader re-created from any checkpoint seeks to exactly the next
 * record.
 */
final class KafkaSourceReader extends BatchingReader<Row> {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceReader.class);

  /** The longest one {@code poll} blocks; the overall wait is bounded by the poll timeout. */
  private static final Duration POLL_SLICE = Duration.ofMillis(100);

  /** After this long without records, a read checks that its partitions still exist. */
  private static final long STALL_CHECK_NANOS = 1_000_000_000L;

  private final KafkaUnboundedSource source;
  private final KafkaSourceOptions options;
  private final KafkaSourceState state;

  /** Fetched records, one chunk per partition and poll; only fetched when empty. */
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();

  /** The chunk being emitted; its position is written back to the state at the end or on demand. */
  @Nullable private Chunk chunk;

  @Nullable private KafkaConsumer<byte[], byte[]> consumer;
  @Nullable private KafkaMetadata metadata;
  private boolean assignedForBatch;
  private long lastProgressNanos;
  private long lastStallCheckNanos;

  KafkaSourceReader(KafkaUnboundedSource source, @Nullable BatchCheckpoint checkpoint) {
    super(source, checkpoint);
    this.source = source;
    this.options = source.options();
    this.state =
        checkpoint == null ? new KafkaSourceState() : (KafkaSourceState) checkpoint.sourceState();
  }

  @Override
  protected void open() throws IOException {
    try {
      consumer = new KafkaConsumer<>(options.consumerConfig());
      metadata = new KafkaMetadata(consumer, options);
    } catch (KafkaException e) {
      throw new IOException(
          "Kafka source: cannot create a consumer for " + options.bootstrapServers + ": " + e, e);
    }
    if (!state.started) {
      // the starting offsets are resolved when the query starts, so the first batch's start
      // offset in progress is them (Spark's initial offsets)
      TreeSet<TopicPartition> current = metadata.discoverPartitions();
      Map<TopicPartition, Long> earliest = metadata.fetchOffsets(current, true);
      Map<TopicPartition, Long> latest = metadata.fetchOffsets(current, false);
      resolveStart(current, earliest, latest);
      state.started = true;
      state.lastBatchMillis = System.currentTimeMillis();
    }
  }

  // ---- planning a batch -----------------------------------------------------------------------

  @Override
  protected boolean takeBatch(long nowMillis) throws IOException {
    TreeSet<TopicPartition> current = metadata.discoverPartitions();
    Map<TopicPartition, Long> earliest = metadata.fetchOffsets(current, true);
    Map<TopicPartition, Long> latest = metadata.fetchOffsets(current, false);
    state.latest.clear();
    state.latest.putAll(latest);
    for (TopicPartition tp : new ArrayList<>(state.taken.keySet())) {
      if (!current.contains(tp)) {
        dataLoss(
            "partition "
                + tp
                + " is gone (its topic was deleted) after offset "
                + state.taken.get(tp)
                + " was planned; records written to it after that are lost",
            0);
        state.lostPartitions++;
        state.taken.remove(tp);
      }
    }
    for (TopicPartition tp : current) {
      if (!state.taken.containsKey(tp)) {
        LOG.info("Kafka source: new partition {}, read from its earliest offset", tp);
        state.taken.put(tp, earliest.get(tp));
      }
    }
    for (Map.Entry<TopicPartition, Long> e : state.taken.entrySet()) {
      TopicPartition tp = e.getKey();
      long from = e.getValue();
      if (from < earliest.get(tp)) {
        dataLoss(
            "offsets "
                + from
                + " to "
                + (earliest.get(tp) - 1)
                + " of "
                + tp
                + " are no longer available (the earliest offset is "
                + earliest.get(tp)
                + "): they were deleted by retention or deleteRecords before being read",
            earliest.get(tp) - from);
        e.setValue(earliest.get(tp));
      } else if (from > latest.get(tp)) {
        dataLoss(
            "the latest offset of "
                + tp
                + " is "
                + latest.get(tp)
                + ", before the source's position "
                + from
                + " (was the topic deleted and re-created?)",
            0);
        e.setValue(earliest.get(tp));
      }
    }
    Map<TopicPartition, Long> target = target(latest);
    long total = 0;
    for (Map.Entry<TopicPartition, Long> e : state.taken.entrySet()) {
      total += Math.max(0, target.get(e.getKey()) - e.getValue());
    }
    if (total == 0) {
      return false;
    }
    if (trigger().kind() == BatchTrigger.Kind.PROCESSING_TIME
        && total < options.minOffsetsPerTrigger
        && nowMillis - state.lastBatchMillis < options.maxTriggerDelayMillis) {
      return false;
    }
    long limit =
        trigger().kind() == BatchTrigger.Kind.ONCE ? Long.MAX_VALUE : options.maxOffsetsPerTrigger;
    Map<TopicPartition, Long> until = rateLimit(state.taken, target, limit);
    state.batchFrom.clear();
    state.batchUntil.clear();
    state.next.clear();
    for (Map.Entry<TopicPartition, Long> e : until.entrySet()) {
      long from = state.taken.get(e.getKey());
      if (e.getValue() > from) {
        state.batchFrom.put(e.getKey(), from);
        state.batchUntil.put(e.getKey(), e.getValue());
        state.next.put(e.getKey(), from);
      }
    }
    state.taken.putAll(until);
    state.lastBatchMillis = nowMillis;
    chunks.clear();
    chunk = null;
    assignedForBatch = false;
    LOG.debug("Kafka source: batch {} plans {}", currentBatch(), state.openBatch());
    return true;
  }

  /** The offsets to read up to: the latest, or with a bounded trigger the run's limit. */
  private Map<TopicPartition, Long> target(Map<TopicPartition, Long> latest) {
    if (!trigger().isBounded()) {
      return latest;
    }
    if (state.limit == null) {
      state.limit = new TreeMap<>(PartitionOffsets.ORDER);
      for (Map.Entry<TopicPartition, Long> e : latest.entrySet()) {
        Long end = options.endingJson == null ? null : options.endingJson.get(e.getKey());
        if (options.endingJson != null && end == null) {
          // a partition the ending offsets do not name is not read by this run
          state.limit.put(e.getKey(), state.taken.get(e.getKey()));
        } else if (end == null || end == PartitionOffsets.LATEST) {
          state.limit.put(e.getKey(), e.getValue());
        } else {
          state.limit.put(e.getKey(), end);
        }
      }
    }
    Map<TopicPartition, Long> target = new TreeMap<>(PartitionOffsets.ORDER);
    for (TopicPartition tp : state.taken.keySet()) {
      Long end = state.limit.get(tp);
      target.put(tp, end == null ? state.taken.get(tp) : Math.min(end, latest.get(tp)));
    }
    return target;
  }

  private void resolveStart(
      TreeSet<TopicPartition> current,
      Map<TopicPartition, Long> earliest,
      Map<TopicPartition, Long> latest) {
    Map<TopicPartition, Long> json = options.startingJson;
    if (json != null) {
      for (TopicPartition tp : json.keySet()) {
        if (!current.contains(tp)) {
          throw new IllegalStateException(
              "Kafka source: startingOffsets names "
                  + tp
                  + ", which does not exist at "
                  + options.bootstrapServers
                  + "; existing partitions: "
                  + current);
        }
      }
    }
    for (TopicPartition tp : current) {
      long start;
      Long given = json == null ? null : json.get(tp);
      if (json == null) {
        start =
            options.startingOffsets.equalsIgnoreCase("earliest")
                ? earliest.get(tp)
                : latest.get(tp);
      } else if (given == null) {
        throw new IllegalStateException(
            "Kafka source: startingOffsets gives no offset for "
                + tp
                + "; give one for every partition the source reads (-2 earliest, -1 latest)");
      } else if (given == PartitionOffsets.EARLIEST) {
        start = earliest.get(tp);
      } else if (given == PartitionOffsets.LATEST) {
        start = latest.get(tp);
      } else if (given > latest.get(tp)) {
        throw new IllegalStateException(
            "Kafka source: startingOffsets gives offset "
                + given
                + " for "
                + tp
                + ", beyond its latest offset "
                + latest.get(tp));
      } else {
        start = given; // below the earliest: reported as data loss by the check that follows
      }
      state.taken.put(tp, start);
    }
  }

  /**
   * The end of each partition's range for one batch: everything up to {@code target} if it fits in
   * {@code limit} offsets, else the limit shared in proportion to each partition's backlog (floors,
   * the remainder one by one in partition order), as Spark's {@code maxOffsetsPerTrigger} does.
   */
  static Map<TopicPartition, Long> rateLimit(
      Map<TopicPartition, Long> from, Map<TopicPartition, Long> target, long limit) {
    Map<TopicPartition, Long> sizes = new TreeMap<>(PartitionOffsets.ORDER);
    long total = 0;
    for (Map.Entry<TopicPartition, Long> e : from.entrySet()) {
      long size = Math.max(0, target.get(e.getKey()) - e.getValue());
      sizes.put(e.getKey(), size);
      total += size;
    }
    Map<TopicPartition, Long> until = new TreeMap<>(PartitionOffsets.ORDER);
    if (total <= limit) {
      sizes.forEach((tp, size) -> until.put(tp, from.get(tp) + size));
      return until;
    }
    long given = 0;
    for (Map.Entry<TopicPartition, Long> e : sizes.entrySet()) {
      long share = (long) Math.floor((double) limit * e.getValue() / total);
      share = Math.min(share, e.getValue());
      until.put(e.getKey(), from.get(e.getKey()) + share);
      given += share;
    }
    while (given < limit) {
      boolean any = false;
      for (Map.Entry<TopicPartition, Long> e : sizes.entrySet()) {
        TopicPartition tp = e.getKey();
        if (given < limit && until.get(tp) < from.get(tp) + e.getValue()) {
          until.put(tp, until.get(tp) + 1);
          given++;
          any = true;
        }
      }
      if (!any) {
        break;
      }
    }
    return until;
  }

  private void dataLoss(String what, long lostOffsets) {
    if (options.failOnDataLoss) {
      throw new IllegalStateException(
          "Kafka source "
              + source.description()
              + ": "
              + what
              + ". Some data may have been lost. If this is expected, set the source option"
              + " failOnDataLoss=false to go on with a warning.");
    }
    state.lostOffsets += lostOffsets;
    LOG.warn(
        "Kafka source {}: {}. Some data may have been lost; going on because failOnDataLoss=false"
            + " ({} offsets lost so far)",
        source.description(),
        what,
        state.lostOffsets);
  }

  // ---- reading the planned ranges ---------------------------------------------------------------

  /** Records of one partition from one poll, and that partition's position and range end. */
  private static final class Chunk {
    final TopicPartition tp;
    final Iterator<ConsumerRecord<byte[], byte[]>> records;
    final long until;
    long next;

    Chunk(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records, long next, long until) {
      this.tp = tp;
      this.records = records.iterator();
      this.next = next;
      this.until = until;
    }
  }

  @Override
  @Nullable
  protected Row nextRecord() throws IOException {
    while (true) {
      if (chunk != null) {
        while (chunk.records.hasNext()) {
          ConsumerRecord<byte[], byte[]> record = chunk.records.next();
          if (record.offset() < chunk.next || record.offset() >= chunk.until) {
            continue; // outside the planned range (fetched ahead, or before a re-seek)
          }
          chunk.next = record.offset() + 1;
          return KafkaSchemas.toRow(record, options.includeHeaders);
        }
        state.next.put(chunk.tp, chunk.next);
        chunk = null;
      }
      chunk = chunks.poll();
      if (chunk != null) {
        continue;
      }
      if (remaining().isEmpty()) {
        closeBatch();
        return null;
      }
      fetch();
    }
  }

  /** The partitions of the open batch with records still to emit. */
  private List<TopicPartition> remaining() {
    List<TopicPartition> out = new ArrayList<>();
    for (Map.Entry<TopicPartition, Long> e : state.next.entrySet()) {
      if (e.getValue() < state.batchUntil.get(e.getKey())) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  private void fetch() throws IOException {
    List<TopicPartition> remaining = remaining();
    if (!assignedForBatch) {
      consumer.assign(remaining);
      for (TopicPartition tp : remaining) {
        consumer.seek(tp, state.next.get(tp));
      }
      assignedForBatch = true;
      lastProgressNanos = System.nanoTime();
    }
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(POLL_SLICE);
    } catch (OffsetOutOfRangeException e) {
      for (TopicPartition tp : e.partitions()) {
        skipLost(tp);
      }
      return;
    } catch (KafkaException e) {
      throw new IOException("Kafka source: reading " + state.openBatch() + " failed: " + e, e);
    }
    if (!records.isEmpty()) {
      for (TopicPartition tp : records.partitions()) {
        Long next = state.next.get(tp);
        if (next != null) {
          List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
          long until = state.batchUntil.get(tp);
          chunks.add(new Chunk(tp, list, next, until));
          if (list.get(list.size() - 1).offset() + 1 >= until) {
            consumer.pause(List.of(tp)); // its range is fetched: no fetch beyond it
          }
        }
      }
      lastProgressNanos = System.nanoTime();
      return;
    }
    long now = System.nanoTime();
    if (now - lastProgressNanos > STALL_CHECK_NANOS
        && now - lastStallCheckNanos > STALL_CHECK_NANOS) {
      lastStallCheckNanos = now;
      skipDeleted(remaining);
      remaining = remaining();
    }
    for (TopicPartition tp : remaining) {
      // offsets without records at the end of a range (transaction markers, compaction)
      long position = consumer.position(tp, Duration.ofMillis(options.apiTimeoutMillis));
      if (position >= state.batchUntil.get(tp)) {
        state.next.put(tp, state.batchUntil.get(tp));
        consumer.pause(List.of(tp));
        lastProgressNanos = System.nanoTime();
      }
    }
    if (System.nanoTime() - lastProgressNanos > options.pollTimeoutMillis * 1_000_000L) {
      throw new IOException(
          "Kafka source: no records of "
              + remaining()
              + " arrived within kafkaConsumer.pollTimeoutMs="
              + options.pollTimeoutMillis
              + " ms while reading "
              + state.openBatch()
              + "; check that the brokers at "
              + options.bootstrapServers
              + " are up");
    }
  }

  /**
   * Partitions of the open batch whose topic was deleted while it was read: their remaining offsets
   * are lost (or the source fails, with {@code failOnDataLoss}).
   */
  private void skipDeleted(List<TopicPartition> remaining) throws IOException {
    TreeSet<TopicPartition> existing = metadata.discoverPartitions();
    for (TopicPartition tp : remaining) {
      if (!existing.contains(tp)) {
        long next = state.next.get(tp);
        long until = state.batchUntil.get(tp);
        dataLoss(
            "partition "
                + tp
                + " was deleted while its batch was read; offsets "
                + next
                + " to "
                + (until - 1)
                + " are lost",
            until - next);
        state.next.put(tp, until);
        consumer.pause(List.of(tp));
        lastProgressNanos = System.nanoTime();
      }
    }
  }

  /** Records of {@code tp} from the position on were deleted while the batch was open. */
  private void skipLost(TopicPartition tp) throws IOException {
    long earliest =
        metadata
            .fetchOffsets(new TreeSet<>(List.of(tp)), true)
            .getOrDefault(tp, state.next.get(tp));
    long next = state.next.get(tp);
    long until = state.batchUntil.get(tp);
    dataLoss(
        "offsets "
            + next
            + " to "
            + (Math.min(earliest, until) - 1)
            + " of "
            + tp
            + " were deleted (retention or deleteRecords) while their batch was being read",
        Math.min(earliest, until) - next);
    state.next.put(tp, Math.min(earliest, until));
    consumer.seek(tp, Math.min(earliest, until));
  }

  private void closeBatch() {
    state.batchFrom.clear();
    state.batchUntil.clear();
    state.next.clear();
    chunks.clear();
    chunk = null;
    if (consumer != null && assignedForBatch) {
      consumer.assign(List.of());
    }
    assignedForBatch = false;
  }

  // ---- checkpoint and progress
  // --------------------------------------------------------------------

  @Override
  protected Serializable state() {
    if (chunk != null) {
      state.next.put(chunk.tp, chunk.next); // the position of the record last emitted
    }
    return state;
  }

  @Override
  @Nullable
  protected String offset() {
    return state.started ? PartitionOffsets.format(state.taken) : null;
  }

  @Override
  protected String description() {
    return source.description();
  }

  /** The reader's state (for tests). */
  KafkaSourceState sourceState() {
    return state;
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close(Duration.ofSeconds(5));
      consumer = null;
    }
  }
}
