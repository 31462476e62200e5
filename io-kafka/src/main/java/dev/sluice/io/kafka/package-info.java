/**
 * Spark's Kafka integration at the io level: {@link dev.sluice.io.kafka.KafkaSource} reads topics
 * as micro-batches of rows (Spark's options and schema, offsets per batch in the checkpoint), and
 * {@link dev.sluice.io.kafka.KafkaSink} writes a query's batches to Kafka, at least once or in one
 * Kafka transaction per batch.
 *
 * <pre>{@code
 * PCollection<Batched<Row>> records = p.apply(
 *     KafkaSource.read().withBootstrapServers("localhost:9092").withSubscribe("events")
 *         .withStartingOffsets("earliest").withTrigger(BatchTrigger.availableNow()));
 * }</pre>
 */
package dev.sluice.io.kafka;
